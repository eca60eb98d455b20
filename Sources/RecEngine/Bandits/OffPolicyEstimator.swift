/// The off-policy estimators of `estimate`, each a function of per-row sums. With n rows,
/// w = π(a_i | x_i) / p_i (at most the `clip`, when one is given), and q̂ the reward model:
///
/// - `ips`: (1/n) Σ w r — inverse propensity scoring, unbiased, high variance;
/// - `snips`: Σ w r / Σ w — self-normalised IPS, slightly biased, steadier;
/// - `dm`: (1/n) Σ Σ_a π(a | x_i) q̂(x_i, a) — the direct method, as good as the model;
/// - `dr`: (1/n) Σ [Σ_a π(a | x_i) q̂(x_i, a) + w (r − q̂(x_i, a_i))] — doubly robust.
///
/// Each is the mean of a per-row term ρ_i (for `snips`, ρ_i = w r / mean(w)), as Open Bandit
/// Pipeline writes its estimators; the normal interval is mean(ρ) ± 1.96 · sd(ρ) / √n with the
/// sample standard deviation (n − 1).
package enum OffPolicyEstimator: String, CaseIterable {
  case ips, snips, dm, dr

  /// How the interval beside each estimate is found.
  package enum Interval: String, CaseIterable, Sendable {
    /// The percentile cluster bootstrap over member buckets (`Bootstrap`).
    case bootstrap
    /// The normal approximation from the per-row terms' spread.
    case normal
  }

  /// Whether the estimator divides by the logging propensities.
  package var needsPropensity: Bool { self != .dm }

  /// The layout of the per-row sums the estimators read.
  enum Sum {
    static let rows = 0
    static let weightedReward = 1
    static let weight = 2
    static let direct = 3
    static let doublyRobust = 4
    static let weightedRewardSquared = 5
    static let directSquared = 6
    static let doublyRobustSquared = 7
    static let width = 8
  }

  /// The estimate from totals laid out as `Sum`.
  func value(_ s: [Double]) -> Double {
    switch self {
    case .ips: s[Sum.weightedReward] / s[Sum.rows]
    case .snips: s[Sum.weightedReward] / s[Sum.weight]
    case .dm: s[Sum.direct] / s[Sum.rows]
    case .dr: s[Sum.doublyRobust] / s[Sum.rows]
    }
  }

  /// The 95% normal interval mean(ρ) ± z · sd(ρ) / √n from totals laid out as `Sum`; the estimate
  /// itself on both sides for fewer than two rows.
  func normalInterval(_ s: [Double]) -> (low: Double, high: Double) {
    let n = s[Sum.rows]
    let mean = value(s)
    guard n > 1 else { return (mean, mean) }
    let squares: Double = switch self {
    case .ips: s[Sum.weightedRewardSquared]
    case .snips: s[Sum.weightedRewardSquared] / ((s[Sum.weight] / n) * (s[Sum.weight] / n))
    case .dm: s[Sum.directSquared]
    case .dr: s[Sum.doublyRobustSquared]
    }
    let variance = max(0, (squares - n * mean * mean) / (n - 1))
    let half = 1.959963984540054 * (variance / n).squareRoot()
    return (mean - half, mean + half)
  }
}
