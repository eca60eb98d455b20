/// A bandit policy's run-time state: it picks an action for a decision, gives its probability
/// of picking each action, and learns from the reward of the action it was told was shown.
///
/// Every policy is deterministic given its `SeededRandom`: the same stream gives the same choices.
package protocol BanditPolicy {
  /// The local index of the chosen action.
  mutating func choose(_ decision: Decision, random: inout SeededRandom) -> Int
  /// Writes the probability of choosing each action, in local order and summing to 1, into
  /// `p[0 ..< decision.actions.count]` (`p` holds at least that many elements). Passes over a
  /// log reuse one buffer rather than allocate an array per row.
  mutating func probabilities(_ decision: Decision, random: inout SeededRandom, into p: UnsafeMutableBufferPointer<Double>)
  /// Learns that action `arm` (local index) was shown in `decision` and earned `reward`.
  mutating func update(_ decision: Decision, arm: Int, reward: Double)
  /// How `probabilities` are found: nil when exact, else the number of Monte-Carlo draws.
  var monteCarloDraws: Int? { get }
  /// Whether `choose` draws nothing from its generator and reads, and `update` changes, only the
  /// state of the decision's own candidate actions (not of its cell or of other actions).
  var choosesFromCandidatesAlone: Bool { get }
  /// Starts bringing in what the request in `row` reads that is found from the row alone (a
  /// member's features): the first step for a request some rows ahead.
  func prefetch(row: Int)
  /// Starts bringing in the state that `decision`, a few requests ahead, reads: passes over
  /// large logs call it so that cache misses overlap.
  func prefetch(_ decision: Decision)
  /// Called once a fixed policy is trained, with its cells' slots (`PreparedPolicy.cellSlots`):
  /// a policy whose answers depend on the cell alone may find them all now.
  mutating func settle(cellSlots: [Int])
}

extension BanditPolicy {
  package var monteCarloDraws: Int? { nil }

  package var choosesFromCandidatesAlone: Bool { false }

  package func prefetch(row: Int) {}

  package func prefetch(_ decision: Decision) {}

  package mutating func settle(cellSlots: [Int]) {}

  /// The probability of choosing each action, in local order.
  package mutating func probabilities(_ decision: Decision, random: inout SeededRandom) -> [Double] {
    var p = [Double](repeating: 0, count: decision.actions.count)
    p.withUnsafeMutableBufferPointer { probabilities(decision, random: &random, into: $0) }
    return p
  }

  /// Probability 1 on the choice and 0 elsewhere; for policies that choose without chance.
  mutating func certainProbabilities(
    _ decision: Decision, random: inout SeededRandom, into p: UnsafeMutableBufferPointer<Double>
  ) {
    for i in 0..<decision.actions.count { p[i] = 0 }
    p[choose(decision, random: &random)] = 1
  }

  /// Probabilities by counting `draws` choices; for policies with no closed form.
  mutating func sampledProbabilities(
    _ decision: Decision, draws: Int, random: inout SeededRandom, into p: UnsafeMutableBufferPointer<Double>
  ) {
    let k = decision.actions.count
    for i in 0..<k { p[i] = 0 }
    for _ in 0..<draws { p[choose(decision, random: &random)] += 1 }
    for i in 0..<k { p[i] /= Double(draws) }
  }
}
