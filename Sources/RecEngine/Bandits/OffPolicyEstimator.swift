/// The off-policy estimators of `estimate`, each a function of per-row sums. With n rows,
/// w = π(a_i | x_i) / p_i, and q̂ the reward model:
///
/// - `ips`: (1/n) Σ w r — inverse propensity scoring, unbiased, high variance;
/// - `snips`: Σ w r / Σ w — self-normalised IPS, slightly biased, steadier;
/// - `dm`: (1/n) Σ Σ_a π(a | x_i) q̂(x_i, a) — the direct method, as good as the model;
/// - `dr`: (1/n) Σ [Σ_a π(a | x_i) q̂(x_i, a) + w (r − q̂(x_i, a_i))] — doubly robust.
package enum OffPolicyEstimator: String, CaseIterable {
  case ips, snips, dm, dr

  /// Whether the estimator divides by the logging propensities.
  package var needsPropensity: Bool { self != .dm }

  /// The layout of the per-row sums the estimators read.
  enum Sum {
    static let rows = 0
    static let weightedReward = 1
    static let weight = 2
    static let direct = 3
    static let doublyRobust = 4
    static let width = 5
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
}
