import Testing

@testable import RecKit
@testable import RecEngine

/// The policies' choices and probabilities on one decision over three actions.
@Suite struct BanditPolicyTests {
  /// The actions, held as a log holds them, for as long as the suite.
  let actions = FixedInt32s([7, 8, 9])
  var decision: Decision { Decision(row: 0, cell: 0, slot: 0, actions: UnsafeBufferPointer(actions.values)) }

  @Test func randomIsUniformAndExact() {
    var random = SeededRandom(seed: 1)
    var p = RandomPolicy()
    let third: Double = 1.0 / 3
    #expect(p.probabilities(decision, random: &random) == [third, third, third])
    #expect(p.monteCarloDraws == nil)
  }

  @Test func ucbTriesEveryActionThenTheBestBound() {
    var random = SeededRandom(seed: 1)
    var p = UCBPolicy(c: 1, counting: false)
    for expected in 0..<3 {
      #expect(p.choose(decision, random: &random) == expected)
      p.update(decision, arm: expected, reward: expected == 1 ? 1 : 0)
    }
    // Means 0, 1, 0 with one pull each: action 1 has the largest bound.
    let expected: [Double] = [0, 1, 0]
    #expect(p.probabilities(decision, random: &random) == expected)
  }

  @Test func thompsonProbabilitiesAreMonteCarloAndFollowTheEvidence() {
    var random = SeededRandom(seed: 3)
    var p = ThompsonPolicy(a: 1, b: 1, draws: 4_000, counting: true)
    #expect(p.monteCarloDraws == 4_000)
    for _ in 0..<50 {
      p.update(decision, arm: 2, reward: 1)
      p.update(decision, arm: 0, reward: 0)
    }
    let probabilities = p.probabilities(decision, random: &random)
    #expect(abs(probabilities.reduce(0, +) - 1) < 1e-12)
    #expect(probabilities[2] > 0.95)
    #expect(probabilities[0] == 0)
  }

  @Test func linUCBLearnsTheRewardedActionFromFeatures() {
    // One numeric row feature; action 8 pays when it is 1.
    let features = LinearFeatures(parts: [.rowNumber([1])])
    #expect(features.dimension == 2)
    var p = LinUCBPolicy(alpha: 0.1, arms: RidgeArms(features: features))
    var random = SeededRandom(seed: 1)
    for _ in 0..<20 {
      for arm in 0..<3 { p.update(decision, arm: arm, reward: arm == 1 ? 1 : 0) }
    }
    #expect(p.choose(decision, random: &random) == 1)
    // Ridge with A = I + 20·x xᵀ for x = (1, 1): θ = 20 x / (1 + 40), so xᵀθ = 40 / 41.
    var arms = RidgeArms(features: features)
    for _ in 0..<20 { arms.update(row: 0, action: 8, reward: 1) }
    #expect(abs(arms.score(row: 0, action: 8).mean - 40.0 / 41) < 1e-12)
  }

  /// A ridge model wider than one 4-wide block (d = 6) scores as the ridge regression solved directly.
  @Test func ridgeAcrossBlocksMatchesDirectSolve() {
    let columns: [[Double]] = [[1, 0, 2], [0.5, -1, 0], [3, 1, 1], [0, 2, -1], [1, 1, 0.25]]
    let features = LinearFeatures(parts: columns.map { .rowNumber($0) })
    let rewards = [1.0, 0, 1]
    var arms = RidgeArms(features: features)
    for (row, r) in rewards.enumerated() { arms.update(row: row, action: 3, reward: r) }
    arms.update(row: 0, action: 3, reward: 0)
    let xs = (0..<3).map { row in [1.0] + columns.map { $0[row] } }
    var a = (0..<6).map { i in (0..<6).map { j in i == j ? 1.0 : 0 } }
    var b = [Double](repeating: 0, count: 6)
    for (x, r) in zip(xs + [xs[0]], rewards + [0]) {
      for i in 0..<6 {
        b[i] += r * x[i]
        for j in 0..<6 { a[i][j] += x[i] * x[j] }
      }
    }
    /// Solves a y = rhs by Gaussian elimination (a is positive definite, no pivoting needed).
    func solve(_ rhs: [Double]) -> [Double] {
      var m = a
      var y = rhs
      for k in 0..<6 {
        for i in k + 1..<6 {
          let f = m[i][k] / m[k][k]
          for j in k..<6 { m[i][j] -= f * m[k][j] }
          y[i] -= f * y[k]
        }
      }
      for k in (0..<6).reversed() {
        y[k] = (y[k] - (k + 1..<6).reduce(0) { $0 + m[k][$1] * y[$1] }) / m[k][k]
      }
      return y
    }
    let theta = solve(b)
    for row in 0..<3 {
      let x = xs[row]
      let score = arms.score(row: row, action: 3)
      #expect(abs(score.mean - zip(x, theta).reduce(0) { $0 + $1.0 * $1.1 }) < 1e-12)
      #expect(abs(score.width - zip(x, solve(x)).reduce(0) { $0 + $1.0 * $1.1 }.squareRoot()) < 1e-12)
    }
  }

  @Test func gammaDrawsHaveTheirMean() {
    var random = SeededRandom(seed: 5)
    let n = 20_000
    let mean = (0..<n).reduce(0.0) { total, _ in total + random.gamma(2.5) } / Double(n)
    #expect(abs(mean - 2.5) < 0.05)
  }
}
