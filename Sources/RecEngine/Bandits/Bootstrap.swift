/// Seeded percentile cluster bootstrap by member bucket.
///
/// Each row's terms are added to the block of its member's bucket (`MemberBucket`, 1,024
/// blocks), so a member's rows stay together, as suits correlated impressions, and a block's sums
/// are the same whatever order the rows come in (they are kept exactly, `ExactSums`, and rounded
/// once). Each of the 1,000 resamples draws as many blocks as hold rows, with replacement, each
/// draw keyed by (seed, draw, resample) (`KeyedRandom`); the interval is the 2.5th and 97.5th
/// percentile of the statistic. The cost is independent of the log's size.
package struct Bootstrap {
  package static let resamples = 1_000

  let width: Int
  /// The exact sums of each block.
  private var sums: ExactSums
  /// Whether each block holds a row.
  private var filled = [Bool](repeating: false, count: MemberBucket.count)

  /// Blocks with `width` sums each.
  init(width: Int) {
    sums = ExactSums(blocks: MemberBucket.count, lanes: width)
    self.width = width
  }

  /// Adds a row's terms (the first `width` lanes) to the block of `unit`, its member.
  @inline(__always)
  mutating func add(_ terms: SIMD8<Double>, unit: Int64) {
    let b = MemberBucket.of(unit)
    filled[b] = true
    sums.add(terms, toBlock: b)
  }

  /// The sums of the blocks that hold rows, in block order, block-major.
  private var blockSums: [Double] {
    filled.indices.filter { filled[$0] }.flatMap { b in (0..<width).map { sums.value(block: b, lane: $0) } }
  }

  /// The sums over every block, the blocks added in block order.
  var totals: [Double] {
    let blockSums = self.blockSums
    return (0..<width).map { j in stride(from: j, to: blockSums.count, by: width).reduce(0) { $0 + blockSums[$1] } }
  }

  /// The 95% interval of each statistic applied to resampled totals; every statistic sees the
  /// same resamples.
  func intervals(seed: UInt64, _ statistics: [([Double]) -> Double]) -> [(low: Double, high: Double)] {
    let blockSums = self.blockSums
    let blocks = UInt64(blockSums.count / max(width, 1))
    var values = [[Double]](repeating: [], count: statistics.count)
    var totals = [Double](repeating: 0, count: width)
    for r in 0..<Self.resamples where blocks > 0 {
      for j in 0..<width { totals[j] = 0 }
      for k in 0..<blocks {
        let bits = KeyedRandom.bits(seed: seed, .bootstrap, unit: k, replicate: UInt64(r))
        let b = Int(bits.multipliedFullWidth(by: blocks).high) * width
        for j in 0..<width { totals[j] += blockSums[b + j] }
      }
      for (s, statistic) in statistics.enumerated() {
        let v = statistic(totals)
        if v.isFinite { values[s].append(v) }
      }
    }
    return values.map { v in
      guard !v.isEmpty else { return (.nan, .nan) }
      let sorted = v.sorted()
      return (Self.quantile(sorted, 0.025), Self.quantile(sorted, 0.975))
    }
  }

  /// The q-quantile of sorted values, linear between order statistics.
  static func quantile(_ sorted: [Double], _ q: Double) -> Double {
    let h = q * Double(sorted.count - 1)
    let lo = Int(h)
    let hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
  }
}
