/// `random`: every action with the same probability; learns nothing.
struct RandomPolicy: BanditPolicy {
  func choose(_ decision: Decision, random: inout SeededRandom) -> Int {
    random.below(decision.actions.count)
  }

  func probabilities(_ decision: Decision, random: inout SeededRandom, into p: UnsafeMutableBufferPointer<Double>) {
    let k = decision.actions.count
    for i in 0..<k { p[i] = 1 / Double(k) }
  }

  func update(_ decision: Decision, arm: Int, reward: Double) {}
}
