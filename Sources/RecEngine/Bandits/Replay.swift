/// `replay P, … on TABLE`: the offline replay method (Li et al., 2011).
///
/// A learning policy (`learning`, or trained on nothing): in the log's order it chooses for each
/// logged request; where its choice equals the logged action the event counts, and the policy
/// learns its reward. The take fraction is over the matched events. Each matched event weighs
/// 1 / (k · propensity) for k candidates, which is 1 under a uniform logging policy and corrects
/// a non-uniform one; `logged` (the logging policy) matches every row with weight 1, so its
/// replay is the log's mean reward.
///
/// A fixed policy (trained, then frozen): Σ π(aᵢ | xᵢ) rᵢ / Σ π(aᵢ | xᵢ) over the logged rows,
/// where π(aᵢ | xᵢ) is its probability of the logged action. For a deterministic policy that is
/// 1 where it picks the logged action and 0 elsewhere — the mean reward of the matched rows, what
/// Open Bandit Pipeline's `ReplayMethod` gives; for a stochastic one it is the expectation over
/// its choices (obp's `ReplayMethod` counts only rows where π is 1, and gives 0 there), equal to
/// SNIPS with uniform propensities. It is what a policy that never changes would take under a
/// uniform logging policy.
///
/// The interval is the normal approximation of the weighted mean, 95%, clipped to 0…1.
package struct Replay {
  package struct Outcome: Equatable {
    package var name: String
    package var matched: Int
    package var plays: Int
    package var takeFraction: Double
    package var low: Double
    package var high: Double
  }

  /// Fewer matched events than this make a replay untrustworthy, and a warning says so.
  package static let minimumMatches = 200

  /// `run` for every policy, the policies in parallel; the outcomes in the policies' order. A stop
  /// asked of `cancellation` ends the passes early: their outcomes are then partial.
  package static func run(
    all policies: inout [PreparedPolicy], log: BanditLog, seed: UInt64, cancellation: Cancellation = .never
  ) -> [Outcome] {
    PreparedPolicy.parallelMap(&policies) { run(&$1, log: log, seed: seed, cancellation: cancellation) }
  }

  static func run(
    _ prepared: inout PreparedPolicy, log: BanditLog, seed: UInt64, cancellation: Cancellation = .never
  ) -> Outcome {
    let random = SeededRandom(seed: seed, stream: 0)
    guard prepared.spec.learning else {
      var fixed = FixedPass(log: log, random: random, cancellation: cancellation)
      prepared.run(&fixed)
      let mean = fixed.total > 0 ? fixed.weighted / fixed.total : .nan
      // Σ w² (r − m)², expanded: its terms are of the order of the spread itself, so nothing
      // cancels that matters to an interval.
      let spread = max(0, fixed.squares.rewardSquared - 2 * mean * fixed.squares.reward + mean * mean * fixed.squares.weight)
      let se = fixed.total > 0 ? spread.squareRoot() / fixed.total : .nan
      return outcome(prepared.name, matched: fixed.matched, plays: fixed.plays, mean: mean, se: se)
    }
    var pass = Pass(log: log, random: random, cancellation: cancellation)
    prepared.run(&pass)
    let (mean, se) = pass.total > 0
      ? spreadAround(pass.weighted / pass.total, pass.events, total: pass.total, prepared, log: log) : (.nan, .nan)
    return outcome(prepared.name, matched: pass.matched, plays: pass.plays, mean: mean, se: se)
  }

  /// The take fraction `mean` with its 95% normal interval, clipped to 0…1.
  private static func outcome(_ name: String, matched: Int, plays: Int, mean: Double, se: Double) -> Outcome {
    Outcome(
      name: name, matched: matched, plays: plays, takeFraction: mean,
      low: max(0, mean - 1.959963984540054 * se), high: min(1, mean + 1.959963984540054 * se))
  }

  /// One policy's replay, as its work.
  private struct Pass: PolicyWork {
    let log: BanditLog
    var random: SeededRandom
    let cancellation: Cancellation
    var matched = 0
    var plays = 0
    // The weighted mean's sums as the events come; the events themselves are kept as one bit
    // per row, for the spread around the mean summed once the mean is known.
    var total = 0.0
    var weighted = 0.0
    var events: [UInt64]

    init(log: BanditLog, random: SeededRandom, cancellation: Cancellation) {
      self.log = log
      self.random = random
      self.cancellation = cancellation
      events = [UInt64](repeating: 0, count: (log.count + 63) / 64)
    }

    mutating func run<P: BanditPolicy>(_ policy: inout P, of prepared: PreparedPolicy) {
      for i in 0..<log.count where log.armSet[i] >= 0 && log.arm[i] >= 0 {
        if i & 0xFFFF == 0 && cancellation.isCancelled { return }
        if i + PreparedPolicy.prefetchDistance < log.count {
          prepared.prefetch(log, row: i + PreparedPolicy.prefetchDistance, policy)
        }
        let decision = prepared.decision(log, row: i)
        let arm = policy.choose(decision, random: &random)
        guard arm == Int(log.arm[i]) else { continue }
        matched += 1
        plays += log.reward[i] > 0 ? 1 : 0
        let w = weight(prepared, log: log, row: i)
        total += w
        weighted += log.reward[i] * w
        events[i >> 6] |= 1 << UInt64(i & 63)
        policy.update(decision, arm: arm, reward: log.reward[i])
      }
    }
  }

  /// A fixed policy's replay: each logged row weighs the policy's probability of the logged
  /// action, and the policy never learns. `matched` counts the rows of positive weight, `plays`
  /// those of them that were played.
  private struct FixedPass: PolicyWork {
    let log: BanditLog
    var random: SeededRandom
    let cancellation: Cancellation
    var matched = 0
    var plays = 0
    var total = 0.0
    var weighted = 0.0
    /// Σ w², Σ w² r and Σ w² r² over the rows of positive weight, for the spread around the mean.
    var squares = (weight: 0.0, reward: 0.0, rewardSquared: 0.0)

    mutating func run<P: BanditPolicy>(_ policy: inout P, of prepared: PreparedPolicy) {
      let pi = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(log.widestArmSet, 1))
      defer { pi.deallocate() }
      for i in 0..<log.count where log.armSet[i] >= 0 && log.arm[i] >= 0 {
        if i & 0xFFFF == 0 && cancellation.isCancelled { return }
        if i + PreparedPolicy.prefetchDistance < log.count {
          prepared.prefetch(log, row: i + PreparedPolicy.prefetchDistance, policy)
        }
        policy.probabilities(prepared.decision(log, row: i), random: &random, into: pi)
        let w = pi[Int(log.arm[i])]
        guard w > 0 else { continue }
        matched += 1
        plays += log.reward[i] > 0 ? 1 : 0
        let r = log.reward[i]
        total += w
        weighted += w * r
        squares.weight += w * w
        squares.reward += w * w * r
        squares.rewardSquared += w * w * r * r
      }
    }
  }

  /// The weighted mean `mean` and its standard error sqrt(Σ w² (r − m)²) / Σ w over the rows
  /// whose bits are set in `events`, in the rows' order.
  private static func spreadAround(
    _ mean: Double, _ events: [UInt64], total: Double, _ prepared: PreparedPolicy, log: BanditLog
  ) -> (Double, Double) {
    var spread = 0.0
    for (k, word) in events.enumerated() {
      var bits = word
      while bits != 0 {
        let i = k << 6 | bits.trailingZeroBitCount
        bits &= bits - 1
        let w = weight(prepared, log: log, row: i)
        spread += w * w * (log.reward[i] - mean) * (log.reward[i] - mean)
      }
    }
    return (mean, spread.squareRoot() / total)
  }

  /// A matched event's weight: 1 / (k · propensity) for k candidates, 1 for `logged` and
  /// where the log has no usable propensity.
  @inline(__always)
  private static func weight(_ prepared: PreparedPolicy, log: BanditLog, row i: Int) -> Double {
    guard prepared.spec.algorithm != .logged, let propensity = log.propensity?[i], propensity > 0 else { return 1 }
    let set = Int(log.armSet[i])
    return 1 / (Double(log.setStart[set + 1] - log.setStart[set]) * propensity)
  }
}
