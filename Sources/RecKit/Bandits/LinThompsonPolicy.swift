/// `lin_thompson(v)`: linear Thompson sampling over disjoint ridge models. Drawing
/// θ̃ ~ N(θ, v² A⁻¹) and scoring xᵀθ̃ is, per action, the same as drawing the score from
/// N(xᵀθ, v² xᵀA⁻¹x), which is what it does. Probabilities are Monte-Carlo estimates.
struct LinThompsonPolicy: BanditPolicy {
  let v: Double
  let draws: Int
  var arms: RidgeArms

  var monteCarloDraws: Int? { draws }

  mutating func choose(_ decision: Decision, random: inout SeededRandom) -> Int {
    pick(scores(decision), random: &random)
  }

  mutating func probabilities(_ decision: Decision, random: inout SeededRandom) -> [Double] {
    let s = scores(decision)
    var counts = [Double](repeating: 0, count: s.count)
    for _ in 0..<draws { counts[pick(s, random: &random)] += 1 }
    return counts.map { $0 / Double(draws) }
  }

  mutating func update(_ decision: Decision, arm: Int, reward: Double) {
    arms.update(row: decision.row, action: Int(decision.actions[decision.actions.startIndex + arm]), reward: reward)
  }

  private mutating func scores(_ decision: Decision) -> [(mean: Double, width: Double)] {
    decision.actions.map { arms.score(row: decision.row, action: Int($0)) }
  }

  private func pick(_ scores: [(mean: Double, width: Double)], random: inout SeededRandom) -> Int {
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
