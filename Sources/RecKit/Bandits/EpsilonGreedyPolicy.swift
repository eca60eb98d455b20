/// `greedy` (epsilon 0) and `epsilon_greedy(epsilon)`: the action with the highest mean reward
/// seen in its context cell (ties to the smallest action id, unseen actions scoring 0), and with
/// probability epsilon an action drawn uniformly instead.
struct EpsilonGreedyPolicy: BanditPolicy {
  let epsilon: Double
  var statistics: ArmStatistics

  /// `counting`: whether the statistics may keep counts (`ArmStatistics.init(counting:)`).
  init(epsilon: Double, counting: Bool) {
    precondition((0...1).contains(epsilon), "epsilon outside 0...1")
    self.epsilon = epsilon
    statistics = ArmStatistics(counting: counting)
  }

  mutating func choose(_ decision: Decision, random: inout SeededRandom) -> Int {
    if epsilon > 0 && random.uniform() < epsilon { return random.below(decision.actions.count) }
    return statistics.bestArm(decision)
  }

  mutating func probabilities(
    _ decision: Decision, random: inout SeededRandom, into p: UnsafeMutableBufferPointer<Double>
  ) {
    let k = decision.actions.count
    for i in 0..<k { p[i] = epsilon / Double(k) }
    p[statistics.bestArm(decision)] += 1 - epsilon
  }

  mutating func update(_ decision: Decision, arm: Int, reward: Double) {
    statistics.record(decision, arm: arm, reward: reward)
  }
}
