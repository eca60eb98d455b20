import Testing

@testable import RecKit
@testable import RecEngine

@Suite struct PairedComparisonTests {
  // scipy 1.x:
  //   a = [0.5, 0.2, 0.9, 0.4, 0.7, 0.3]; b = [0.4, 0.25, 0.6, 0.1, 0.5, 0.35]
  //   stats.ttest_rel(a, b) -> statistic 2.038588765750502, pvalue 0.09704309987430848
  //   d = a - b; d.mean() ± stats.t.ppf(0.975, 5) * d.std(ddof=1) / sqrt(6)
  //     -> 0.13333333333333333, [-0.03479485932122009, 0.3014615259878868]
  //   stats.t.ppf(0.975, 5) = 2.5705818356363146; 2 * stats.t.sf(2.0, 3) = 0.13932596855884305
  //   stats.t.ppf(0.975, 100) = 1.9839715185235518
  static let a = [0.5, 0.2, 0.9, 0.4, 0.7, 0.3]
  static let b = [0.4, 0.25, 0.6, 0.1, 0.5, 0.35]
  static let units = [3, 17, 40, 41, 1_000, 7].map(BucketOrder.Unit.init(member:))

  @Test func pairedTTestMatchesScipy() {
    let c = PairedComparison(Self.a, baseline: Self.b, units: Self.units, test: .t, seed: 0)
    #expect(abs(c.difference - 0.13333333333333333) < 1e-15)
    #expect(abs(c.p - 0.09704309987430848) < 1e-12)
    #expect(abs(c.low - -0.03479485932122009) < 1e-12)
    #expect(abs(c.high - 0.3014615259878868) < 1e-12)
  }

  @Test func studentTMatchesScipy() {
    #expect(abs(Distributions.tQuantile(0.975, df: 5) - 2.5705818356363146) < 1e-12)
    #expect(abs(Distributions.tQuantile(0.975, df: 100) - 1.9839715185235518) < 1e-12)
    #expect(abs(Distributions.tTwoSided(2.0, df: 3) - 0.13932596855884305) < 1e-13)
  }

  @Test func fisherRandomisationIsSeededAndNearTheExactValue() {
    let p1 = PairedComparison(Self.a, baseline: Self.b, units: Self.units, test: .fisher, seed: 7).p
    let p2 = PairedComparison(Self.a, baseline: Self.b, units: Self.units, test: .fisher, seed: 7).p
    #expect(p1 == p2)
    // All 64 sign patterns: 10 reach the observed |sum| of 0.8, so the exact p is 10/64 = 0.15625.
    #expect(abs(p1 - 0.15625) < 0.02)
    // Every difference positive and large: only the observed pattern and its mirror reach it.
    let q = PairedComparison(
      [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], baseline: Array(repeating: 0, count: 10),
      units: (1...10).map(BucketOrder.Unit.init(member:)), test: .fisher, seed: 1
    ).p
    #expect(q < 0.01)
  }

  /// The signs are keyed by member and every sum follows the members' bucket tree, so the
  /// members in another order give the same bits: p-value, difference and interval.
  @Test func fisherIsTheSameWhateverTheMembersOrder() {
    var random = SeededRandom(seed: 3)
    let n = 500
    let members = (0..<n).map { _ in random.below(1_000_000) }
    let scores = (0..<n).map { _ in random.uniform() }
    let baseline = (0..<n).map { _ in random.uniform() * 0.98 }
    let first = PairedComparison(scores, baseline: baseline, units: members.map(BucketOrder.Unit.init(member:)), test: .fisher, seed: 11)
    for _ in 0..<3 {
      let order = Array(0..<n).shuffled(using: &random)
      let shuffled = PairedComparison(
        order.map { scores[$0] }, baseline: order.map { baseline[$0] },
        units: order.map { BucketOrder.Unit(member: members[$0]) }, test: .fisher, seed: 11)
      #expect(shuffled.p.bitPattern == first.p.bitPattern)
      #expect(shuffled.difference.bitPattern == first.difference.bitPattern)
      #expect(shuffled.low.bitPattern == first.low.bitPattern)
      #expect(shuffled.high.bitPattern == first.high.bitPattern)
    }
    #expect(first.p > 0 && first.p < 1)
    let otherSeed = PairedComparison(scores, baseline: baseline, units: members.map(BucketOrder.Unit.init(member:)), test: .fisher, seed: 12)
    #expect(otherSeed.p != first.p)
  }

  /// The sign of a member in a flip is a bit of its keyed draw, whoever else is compared.
  @Test func aMembersSignsDoNotDependOnTheOtherMembers() {
    // One member with a difference, the others with none: the flips' |sum| is always that
    // member's |d|, so every flip reaches the observed value whatever its signs.
    let units = [5, 9, 12].map(BucketOrder.Unit.init(member:))
    let p = PairedComparison([0.5, 0.2, 0.2], baseline: [0, 0.2, 0.2], units: units, test: .fisher, seed: 4).p
    #expect(p == 1)
  }

  @Test func holmStepsDown() {
    // Sorted 0.01, 0.02, 0.04 against 0.05/3, 0.05/2, 0.05/1: all three pass.
    #expect(PairedComparison.holm([0.04, 0.01, 0.02]) == [true, true, true])
    // 0.03 > 0.05/2 stops the procedure: 0.04 fails too, though below 0.05.
    #expect(PairedComparison.holm([0.01, 0.03, 0.04]) == [true, false, false])
    #expect(PairedComparison.holm([0.2, .nan]) == [false, false])
  }
}
