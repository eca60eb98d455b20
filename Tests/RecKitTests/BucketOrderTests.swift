import Testing

@testable import RecEngine

@Suite struct BucketOrderTests {
  /// Values whose float sum depends on the order of addition, so that only a fixed order gives
  /// the same bits every time.
  static func values(_ n: Int, random: inout SeededRandom) -> [Double] {
    (0..<n).map { _ in (random.uniform() - 0.5) * Double(1 << random.below(40)) }
  }

  @Test func sumIsTheSameWhateverTheUnitsOrder() {
    var random = SeededRandom(seed: 1)
    let members = (0..<3_000).map { _ in random.below(1 << 40) - (1 << 39) }
    let values = Self.values(members.count, random: &random)
    let sum = BucketOrder(members.map(BucketOrder.Unit.init(member:))).sum { values[$0] }
    var naiveSums = Set<UInt64>()
    for _ in 0..<5 {
      let order = Array(members.indices).shuffled(using: &random)
      let shuffled = BucketOrder(order.map { BucketOrder.Unit(member: members[$0]) })
      #expect(shuffled.sum { values[order[$0]] }.bitPattern == sum.bitPattern)
      naiveSums.insert(order.reduce(0.0) { $0 + values[$1] }.bitPattern)
    }
    // The test would prove nothing if the order of addition did not matter for these values.
    #expect(naiveSums.count > 1)
  }

  /// Each bucket's units are summed, in member order, before the bucket sums are added in bucket
  /// order: a process holding whole buckets finds the same bucket sums.
  @Test func sumFollowsTheBucketTree() {
    var random = SeededRandom(seed: 2)
    let members = (0..<2_000).map { $0 * 37 + random.below(37) }
    let values = Self.values(members.count, random: &random)
    var byBucket = [[(member: Int, value: Double)]](repeating: [], count: MemberBucket.count)
    for (m, v) in zip(members, values) { byBucket[MemberBucket.of(Int64(m))].append((m, v)) }
    let tree = byBucket.reduce(0.0) { total, bucket in
      total + bucket.sorted { $0.member < $1.member }.reduce(0.0) { $0 + $1.value }
    }
    let order = BucketOrder(members.map(BucketOrder.Unit.init(member:)))
    #expect(order.sum { values[$0] }.bitPattern == tree.bitPattern)
    #expect(order.starts.count - 1 == byBucket.filter { !$0.isEmpty }.count)
  }
}

/// `eval`'s figures over members in another order: the means, the differences, their intervals
/// and the sign-flip p-values keep every bit.
@Suite struct EvalOrderTests {
  @Test func figuresDoNotDependOnTheMembersOrder() {
    var random = SeededRandom(seed: 4)
    let n = 800
    let members = (0..<n).map { $0 * 13 + random.below(13) }
    let metrics = [Metric(kind: .recall, k: 10), Metric(kind: .mrr, k: 10)]
    // Subject × metric × member: values of many magnitudes, so that the order of addition shows.
    let scores = (0..<2).map { _ in (0..<2).map { _ in BucketOrderTests.values(n, random: &random) } }
    func figures(_ order: [Int]) -> [[UInt64]] {
      let subjects = EvaluationTable.Subjects(
        names: ["a", "b"], kind: "page", units: order.map { BucketOrder.Unit(member: members[$0]) }, unitName: "members")
      let permuted = scores.map { $0.map { values in order.map { values[$0] } } }
      return EvaluationTable.figures(
        subjects, scores: permuted, metrics: metrics, base: 0, test: .fisher, seed: 5, segments: nil
      ).map { f in
        [f.value.bitPattern] + [f.comparison?.difference, f.comparison?.low, f.comparison?.high, f.comparison?.p]
          .map { $0?.bitPattern ?? 0 }
      }
    }
    let first = figures(Array(0..<n))
    for _ in 0..<2 { #expect(figures(Array(0..<n).shuffled(using: &random)) == first) }
  }
}
