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

  @Test func pairedTTestMatchesScipy() {
    let c = PairedComparison(Self.a, baseline: Self.b, test: .t, seed: 0)
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
    let p1 = PairedComparison(Self.a, baseline: Self.b, test: .fisher, seed: 7).p
    let p2 = PairedComparison(Self.a, baseline: Self.b, test: .fisher, seed: 7).p
    #expect(p1 == p2)
    // All 64 sign patterns: 10 reach the observed |sum| of 0.8, so the exact p is 10/64 = 0.15625.
    #expect(abs(p1 - 0.15625) < 0.02)
    // Every difference positive and large: only the observed pattern and its mirror reach it.
    let q = PairedComparison([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], baseline: Array(repeating: 0, count: 10), test: .fisher, seed: 1).p
    #expect(q < 0.01)
  }

  @Test func holmStepsDown() {
    // Sorted 0.01, 0.02, 0.04 against 0.05/3, 0.05/2, 0.05/1: all three pass.
    #expect(PairedComparison.holm([0.04, 0.01, 0.02]) == [true, true, true])
    // 0.03 > 0.05/2 stops the procedure: 0.04 fails too, though below 0.05.
    #expect(PairedComparison.holm([0.01, 0.03, 0.04]) == [true, false, false])
    #expect(PairedComparison.holm([0.2, .nan]) == [false, false])
  }
}
