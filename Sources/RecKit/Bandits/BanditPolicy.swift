/// A bandit policy's run-time state: it picks an action for a decision, gives its probability
/// of picking each action, and learns from the reward of the action it was told was shown.
///
/// Every policy is deterministic given its `SeededRandom`: the same stream gives the same choices.
protocol BanditPolicy {
  /// The local index of the chosen action.
  mutating func choose(_ decision: Decision, random: inout SeededRandom) -> Int
  /// The probability of choosing each action, in local order, summing to 1.
  mutating func probabilities(_ decision: Decision, random: inout SeededRandom) -> [Double]
  /// Learns that action `arm` (local index) was shown in `decision` and earned `reward`.
  mutating func update(_ decision: Decision, arm: Int, reward: Double)
  /// How `probabilities` are found: nil when exact, else the number of Monte-Carlo draws.
  var monteCarloDraws: Int? { get }
}

extension BanditPolicy {
  var monteCarloDraws: Int? { nil }

  /// Probability 1 on the choice and 0 elsewhere; for policies that choose without chance.
  mutating func certainProbabilities(_ decision: Decision, random: inout SeededRandom) -> [Double] {
    var p = [Double](repeating: 0, count: decision.actions.count)
    p[choose(decision, random: &random)] = 1
    return p
  }

  /// Probabilities by counting `draws` choices; for policies with no closed form.
  mutating func sampledProbabilities(_ decision: Decision, draws: Int, random: inout SeededRandom) -> [Double] {
    var counts = [Double](repeating: 0, count: decision.actions.count)
    for _ in 0..<draws { counts[choose(decision, random: &random)] += 1 }
    return counts.map { $0 / Double(draws) }
  }
}
