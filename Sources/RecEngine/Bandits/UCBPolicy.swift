import RealModule

/// `ucb(c)`: UCB1 per context cell. Each action not yet played in the cell is tried first
/// (smallest id first); then the action maximising `mean + c · sqrt(2 ln N / n)`, where N is
/// the cell's plays and n the action's. Deterministic.
package struct UCBPolicy: BanditPolicy {
  let c: Double
  var statistics: ArmStatistics

  /// `counting`: whether the statistics may keep counts (`ArmStatistics.init(counting:)`).
  init(c: Double, counting: Bool) {
    self.c = c
    statistics = ArmStatistics(counting: counting)
  }

  package mutating func choose(_ decision: Decision, random: inout SeededRandom) -> Int {
    let k = decision.actions.count
    let b = statistics.base(decision)
    let logTotal = Double.log(max(statistics.cellPulls(b), 1))
    var best = 0
    var bestScore = -Double.infinity
    for i in 0..<k {
      let n = statistics.pulls(b, arm: i)
      if n == 0 { return i }
      let score = statistics.rewards(b, arm: i) / n + c * (2 * logTotal / n).squareRoot()
      if score > bestScore {
        best = i
        bestScore = score
      }
    }
    return best
  }

  package mutating func probabilities(
    _ decision: Decision, random: inout SeededRandom, into p: UnsafeMutableBufferPointer<Double>
  ) {
    certainProbabilities(decision, random: &random, into: p)
  }

  package func prefetch(_ decision: Decision) {
    statistics.prefetch(decision)
  }

  package mutating func update(_ decision: Decision, arm: Int, reward: Double) {
    statistics.record(decision, arm: arm, reward: reward)
  }
}
