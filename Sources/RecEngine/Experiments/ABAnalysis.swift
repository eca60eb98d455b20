/// The statistics of `abtest`: per group, its size and mean; for each group against the control,
/// the difference and relative difference with a 95% interval and a two-sided p-value.
///
/// A 0/1 metric uses the two-proportion z-test (pooled variance for the p-value, as statsmodels'
/// `proportions_ztest`; unpooled for the interval); any other metric uses Welch's t-test (as
/// scipy's `ttest_ind(equal_var=False)`), its interval from the t quantile at Welch's degrees of
/// freedom. The relative difference's interval is the difference's divided by the control mean.
package struct ABAnalysis {
  package struct Group: Equatable {
    package var name: String
    package var members: Int
    package var mean: Double
    /// Against the control; nil for the control itself.
    package var diff: Double?
    package var relativeDiff: Double?
    package var low: Double?
    package var high: Double?
    package var pValue: Double?
  }

  /// The result of a sample-ratio-mismatch check: chi-square against equal shares.
  package struct SampleRatio: Equatable {
    package var chiSquare: Double
    package var pValue: Double
    /// Below this p-value the split is reported as broken.
    package static let alarm = 0.001
  }

  package var groups: [Group]
  package var isProportion: Bool
  package var sampleRatio: SampleRatio

  /// Analyses `values` split by `groups` (parallel arrays), `control` first in the result; nil
  /// when the control group has no values.
  package init?(values: [Double], groups names: [String], control: String, expectedShares: [String: Double]? = nil) {
    var byGroup: [String: [Double]] = [:]
    for (v, g) in zip(values, names) where !v.isNaN { byGroup[g, default: []].append(v) }
    guard let c = byGroup[control] else { return nil }
    isProportion = values.allSatisfy { $0 == 0 || $0 == 1 || $0.isNaN }
    let order = [control] + byGroup.keys.filter { $0 != control }.sorted()
    groups = order.map { name in
      let x = byGroup[name] ?? []
      var g = Group(name: name, members: x.count, mean: Self.mean(x))
      if name != control { Self.compare(&g, x, c, proportions: values.allSatisfy { $0 == 0 || $0 == 1 || $0.isNaN }) }
      return g
    }
    let total = Double(groups.reduce(0) { $0 + $1.members })
    var chi = 0.0
    for g in groups {
      let expected = total * (expectedShares?[g.name] ?? 1 / Double(groups.count))
      chi += (Double(g.members) - expected) * (Double(g.members) - expected) / expected
    }
    sampleRatio = SampleRatio(
      chiSquare: chi, pValue: Distributions.chiSquareSurvival(chi, df: Double(groups.count - 1)))
  }

  private static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

  private static func variance(_ x: [Double], mean m: Double) -> Double {
    x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
  }

  private static func compare(_ g: inout Group, _ x: [Double], _ c: [Double], proportions: Bool) {
    let mx = mean(x)
    let mc = mean(c)
    let nx = Double(x.count)
    let nc = Double(c.count)
    let diff = mx - mc
    let se: Double
    let p: Double
    let critical: Double
    if proportions {
      let test = ProportionDifference(rate: mx, count: nx, controlRate: mc, controlCount: nc)
      (p, se, critical) = (test.pValue, test.standardError, ProportionDifference.critical)
    } else {
      let vx = variance(x, mean: mx) / nx
      let vc = variance(c, mean: mc) / nc
      se = (vx + vc).squareRoot()
      let df = (vx + vc) * (vx + vc) / (vx * vx / (nx - 1) + vc * vc / (nc - 1))
      p = se > 0 ? Distributions.tTwoSided(diff / se, df: df) : .nan
      critical = Distributions.tQuantile(0.975, df: df)
    }
    g.diff = diff
    g.relativeDiff = mc != 0 ? diff / mc : nil
    g.low = diff - critical * se
    g.high = diff + critical * se
    g.pValue = p
  }
}

/// The difference of two proportions as `abtest on` reports a 0/1 metric (and `uplift of` each
/// key's play rates): the standard error is unpooled for the interval, pooled for the p-value, as
/// statsmodels' `proportions_ztest`.
package struct ProportionDifference {
  package var diff: Double
  package var standardError: Double
  package var pValue: Double

  /// The normal quantile of a two-sided 95% interval.
  package static let critical = Distributions.normalQuantile(0.975)

  /// `rate` of `count` against `controlRate` of `controlCount`.
  package init(rate mx: Double, count nx: Double, controlRate mc: Double, controlCount nc: Double) {
    diff = mx - mc
    let pooled = (mx * nx + mc * nc) / (nx + nc)
    let sePooled = (pooled * (1 - pooled) * (1 / nx + 1 / nc)).squareRoot()
    pValue = sePooled > 0 ? Distributions.normalTwoSided(diff / sePooled) : .nan
    standardError = (mx * (1 - mx) / nx + mc * (1 - mc) / nc).squareRoot()
  }

  /// The 95% interval of the difference.
  package var low: Double { diff - Self.critical * standardError }
  package var high: Double { diff + Self.critical * standardError }
}
