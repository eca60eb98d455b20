import Testing

@testable import RecKit
@testable import RecEngine

/// A/B statistics against scipy 1.x / statsmodels 0.15 on the same data (computed once in Python,
/// values pasted): `proportions_ztest([sum(b), sum(a)], [len(b), len(a)])` and
/// `ttest_ind(b, a, equal_var=False)` with its `confidence_interval(0.95)`.
@Suite struct ABAnalysisTests {
  @Test func normalAndTAndChiSquareMatchScipy() throws {
    // scipy.stats.norm.cdf(-1.3), chi2.sf(3.2, 1), t.ppf(0.975, 17.5)
    #expect(abs(Distributions.normalCDF(-1.3) - 0.09680048458561036) < 1e-15)
    #expect(abs(Distributions.chiSquareSurvival(3.2, df: 1) - 0.07363827012030258) < 1e-12)
    #expect(abs(Distributions.tQuantile(0.975, df: 17.5) - 2.105232972227985) < 1e-9)
  }

  @Test func proportionsMatchStatsmodels() throws {
    // A: 3 plays of 10, B: 7 of 12.
    let values: [Double] = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0] + [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    let groups = Array(repeating: "A", count: 10) + Array(repeating: "B", count: 12)
    let a = try #require(ABAnalysis(values: values, groups: groups, control: "A"))
    #expect(a.isProportion)
    #expect(a.groups.map(\.members) == [10, 12])
    let b = a.groups[1]
    // proportions_ztest([7, 3], [12, 10]) → (1.3289511319499718, 0.1838640928387193)
    #expect(abs(b.pValue! - 0.1838640928387193) < 1e-12)
    #expect(abs(b.diff! - (7.0 / 12 - 0.3)) < 1e-15)
  }

  @Test func welchMatchesScipy() throws {
    let x: [Double] = [10.1, 11.4, 9.8, 12.0, 10.6]
    let c: [Double] = [9.0, 9.4, 10.2, 8.8, 9.9, 9.1]
    let a = try #require(ABAnalysis(values: c + x, groups: Array(repeating: "c", count: 6) + Array(repeating: "x", count: 5), control: "c"))
    #expect(!a.isProportion)
    let g = a.groups[1]
    // ttest_ind(x, c, equal_var=False): pvalue, confidence_interval(0.95)
    #expect(abs(g.pValue! - 0.023614043012280216) < 1e-12)
    #expect(abs(g.low! - 0.2551152268300996) < 1e-12)
    #expect(abs(g.high! - 2.5048847731698984) < 1e-12)
  }

  @Test func sampleRatioMismatchIsFound() throws {
    let values = [Double](repeating: 1, count: 300) + [Double](repeating: 0, count: 200)
    let groups = Array(repeating: "A", count: 300) + Array(repeating: "B", count: 200)
    let a = try #require(ABAnalysis(values: values, groups: groups, control: "A"))
    // chi-square = (50² + 50²) / 250 = 20; chi2.sf(20, 1) = 7.744216431044088e-06
    #expect(a.sampleRatio.chiSquare == 20)
    #expect(abs(a.sampleRatio.pValue - 7.744216431044088e-06) < 1e-12)
  }
}
