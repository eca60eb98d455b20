/// `random`: every action with the same probability; learns nothing.
package struct RandomPolicy: BanditPolicy {
  package func choose(_ decision: Decision, random: inout SeededRandom) -> Int {
    random.below(decision.actions.count)
  }

  package func probabilities(_ decision: Decision, random: inout SeededRandom, into p: UnsafeMutableBufferPointer<Double>) {
    let k = decision.actions.count
    for i in 0..<k { p[i] = 1 / Double(k) }
  }

  package func update(_ decision: Decision, arm: Int, reward: Double) {}
}
