/// `random`: every action with the same probability; learns nothing.
struct RandomPolicy: BanditPolicy {
  func choose(_ decision: Decision, random: inout SeededRandom) -> Int {
    random.below(decision.actions.count)
  }

  func probabilities(_ decision: Decision, random: inout SeededRandom) -> [Double] {
    [Double](repeating: 1 / Double(decision.actions.count), count: decision.actions.count)
  }

  func update(_ decision: Decision, arm: Int, reward: Double) {}
}
