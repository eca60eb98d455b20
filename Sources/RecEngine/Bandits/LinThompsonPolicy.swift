/// `lin_thompson(v)`: linear Thompson sampling over disjoint ridge models. Drawing
/// θ̃ ~ N(θ, v² A⁻¹) and scoring xᵀθ̃ is, per action, the same as drawing the score from
/// N(xᵀθ, v² xᵀA⁻¹x), which is what it does. Probabilities are Monte-Carlo estimates.
struct LinThompsonPolicy: BanditPolicy {
  let v: Double
  let draws: Int
  var arms: RidgeArms
  /// Each action's score of the current decision, reused from one decision to the next.
  private var scores: [(mean: Double, width: Double)] = []

  init(v: Double, draws: Int, arms: RidgeArms) {
    self.v = v
    self.draws = draws
    self.arms = arms
  }

  var monteCarloDraws: Int? { draws }

  mutating func choose(_ decision: Decision, random: inout SeededRandom) -> Int {
    score(decision)
    return pick(random: &random)
  }

  mutating func probabilities(
    _ decision: Decision, random: inout SeededRandom, into p: UnsafeMutableBufferPointer<Double>
  ) {
    score(decision)
    for i in scores.indices { p[i] = 0 }
    for _ in 0..<draws { p[pick(random: &random)] += 1 }
    for i in scores.indices { p[i] /= Double(draws) }
  }

  func prefetch(row: Int) { arms.prefetch(row: row) }

  func prefetch(_ decision: Decision) { arms.prefetch(row: decision.row, actions: decision.actions) }

  mutating func update(_ decision: Decision, arm: Int, reward: Double) {
    arms.update(row: decision.row, action: Int(decision.actions[decision.actions.startIndex + arm]), reward: reward)
  }

  private mutating func score(_ decision: Decision) {
    scores.removeAll(keepingCapacity: true)
    for action in decision.actions { scores.append(arms.score(row: decision.row, action: Int(action))) }
  }

  private func pick(random: inout SeededRandom) -> Int {
    var best = 0
    var bestDraw = -Double.infinity
    for (i, s) in scores.enumerated() {
      let draw = s.mean + v * s.width * random.normal()
      if draw > bestDraw {
        best = i
        bestDraw = draw
      }
    }
    return best
  }
}
