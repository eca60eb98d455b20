/// `thompson(prior: beta(a, b))`: Beta–Bernoulli Thompson sampling per context cell. Each action's
/// take rate has the posterior Beta(a + plays, b + shows − plays); the action with the largest
/// draw is chosen (ties to the smallest id). Probabilities are Monte-Carlo estimates.
///
/// A cell's probabilities depend on its counts alone, so they are kept per cell until the cell
/// learns (`caching`): a fixed policy, which never learns while judged, draws them once per cell
/// rather than once per row — a 10M-row log of a few thousand cells costs a few thousand
/// estimates.
package struct ThompsonPolicy: BanditPolicy {
  let a: Double
  let b: Double
  /// Draws behind each `probabilities` answer.
  let draws: Int
  var statistics: ArmStatistics
  /// Whether probabilities are kept per cell until it learns.
  let caching: Bool
  private var cached: [Int: [Double]] = [:]

  /// `counting`: whether the statistics may keep counts (`ArmStatistics.init(counting:)`).
  init(a: Double, b: Double, draws: Int, counting: Bool, caching: Bool = false) {
    precondition(a > 0 && b > 0 && draws > 0, "invalid Thompson prior")
    self.a = a
    self.b = b
    self.draws = draws
    self.caching = caching
    statistics = ArmStatistics(counting: counting)
  }

  package var monteCarloDraws: Int? { draws }

  package mutating func choose(_ decision: Decision, random: inout SeededRandom) -> Int {
    let k = decision.actions.count
    let base = statistics.base(decision)
    var best = 0
    var bestDraw = -1.0
    for i in 0..<k {
      let n = statistics.pulls(base, arm: i)
      let s = statistics.rewards(base, arm: i)
      let x = random.beta(a + s, b + n - s)
      if x > bestDraw {
        best = i
        bestDraw = x
      }
    }
    return best
  }

  package mutating func probabilities(
    _ decision: Decision, random: inout SeededRandom, into p: UnsafeMutableBufferPointer<Double>
  ) {
    if caching, let known = cached[decision.cell], known.count == decision.actions.count {
      for i in known.indices { p[i] = known[i] }
      return
    }
    sampledProbabilities(decision, draws: draws, random: &random, into: p)
    if caching { cached[decision.cell] = Array(p.prefix(decision.actions.count)) }
  }

  package func prefetch(_ decision: Decision) {
    statistics.prefetch(decision)
  }

  package mutating func update(_ decision: Decision, arm: Int, reward: Double) {
    statistics.record(decision, arm: arm, reward: reward)
    if caching { cached[decision.cell] = nil }
  }
}
