/// `replay P, … on TABLE`: the offline replay method (Li et al., 2011). In the log's order, the
/// policy chooses for each logged request; where its choice equals the logged action the event
/// counts, and the policy learns its reward. The take fraction is over the matched events.
///
/// Each matched event weighs 1 / (k · propensity) for k candidates, which is 1 under a uniform
/// logging policy and corrects a non-uniform one; `logged` (the logging policy) matches every
/// row with weight 1, so its replay is the log's mean reward. The interval is the normal
/// approximation of the weighted mean, 95%, clipped to 0…1.
struct Replay {
  struct Outcome: Equatable {
    var name: String
    var matched: Int
    var plays: Int
    var takeFraction: Double
    var low: Double
    var high: Double
  }

  /// Fewer matched events than this make a replay untrustworthy, and a warning says so.
  static let minimumMatches = 200

  /// `run` for every policy, the policies in parallel; the outcomes in the policies' order.
  static func run(all policies: inout [PreparedPolicy], log: BanditLog, seed: UInt64) -> [Outcome] {
    PreparedPolicy.parallelMap(&policies) { run(&$1, log: log, seed: seed) }
  }

  static func run(_ prepared: inout PreparedPolicy, log: BanditLog, seed: UInt64) -> Outcome {
    var random = SeededRandom(seed: seed, stream: 0)
    let isLogged = prepared.spec.algorithm == .logged
    var matched = 0
    var plays = 0
    var weights: [Double] = []
    var rewards: [Double] = []
    for i in 0..<log.count where log.armSet[i] >= 0 && log.arm[i] >= 0 {
      if i + PreparedPolicy.prefetchDistance < log.count { prepared.prefetch(log, row: i + PreparedPolicy.prefetchDistance) }
      let decision = prepared.decision(log, row: i)
      let arm = prepared.policy.choose(decision, random: &random)
      guard arm == Int(log.arm[i]) else { continue }
      matched += 1
      plays += log.reward[i] > 0 ? 1 : 0
      var w = 1.0
      if !isLogged, let propensity = log.propensity?[i], propensity > 0 {
        w = 1 / (Double(decision.actions.count) * propensity)
      }
      weights.append(w)
      rewards.append(log.reward[i])
      prepared.policy.update(decision, arm: arm, reward: log.reward[i])
    }
    let (mean, se) = weightedMean(rewards, weights)
    return Outcome(
      name: prepared.name, matched: matched, plays: plays, takeFraction: mean,
      low: max(0, mean - 1.959963984540054 * se), high: min(1, mean + 1.959963984540054 * se))
  }

  /// The weighted mean and its standard error sqrt(Σ w² (r − m)²) / Σ w; NaN for no events.
  static func weightedMean(_ r: [Double], _ w: [Double]) -> (Double, Double) {
    let total = w.reduce(0, +)
    guard total > 0 else { return (.nan, .nan) }
    let mean = zip(r, w).reduce(0) { $0 + $1.0 * $1.1 } / total
    let spread = zip(r, w).reduce(0) { $0 + $1.1 * $1.1 * ($1.0 - mean) * ($1.0 - mean) }
    return (mean, spread.squareRoot() / total)
  }
}
