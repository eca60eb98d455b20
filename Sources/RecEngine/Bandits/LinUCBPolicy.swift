/// `linucb(alpha)`: disjoint LinUCB (Li et al., 2010). Each action's ridge model scores
/// xᵀθ + alpha · sqrt(xᵀ A⁻¹ x); the largest score wins, ties to the smallest action id.
package struct LinUCBPolicy: BanditPolicy {
  let alpha: Double
  var arms: RidgeArms

  package var choosesFromCandidatesAlone: Bool { true }

  package mutating func choose(_ decision: Decision, random: inout SeededRandom) -> Int {
    var best = 0
    var bestScore = -Double.infinity
    for (i, action) in decision.actions.enumerated() {
      let (mean, width) = arms.score(row: decision.row, action: Int(action))
      let score = mean + alpha * width
      if score > bestScore {
        best = i
        bestScore = score
        arms.keep(row: decision.row, action: Int(action))
      }
    }
    return best
  }

  package mutating func probabilities(
    _ decision: Decision, random: inout SeededRandom, into p: UnsafeMutableBufferPointer<Double>
  ) {
    certainProbabilities(decision, random: &random, into: p)
  }

  package func prefetch(row: Int) { arms.prefetch(row: row) }

  package func prefetch(_ decision: Decision) { arms.prefetch(row: decision.row, actions: decision.actions) }

  package mutating func update(_ decision: Decision, arm: Int, reward: Double) {
    arms.update(row: decision.row, action: Int(decision.actions[decision.actions.startIndex + arm]), reward: reward)
  }
}
