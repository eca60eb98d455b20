import Testing

@testable import RecKit

/// The policies' choices and probabilities on one decision over three actions.
@Suite struct BanditPolicyTests {
  let decision = Decision(row: 0, cell: 0, actions: [Int32(7), 8, 9][...])

  @Test func randomIsUniformAndExact() {
    var random = SeededRandom(seed: 1)
    var p = RandomPolicy()
    let third: Double = 1.0 / 3
    #expect(p.probabilities(decision, random: &random) == [third, third, third])
    #expect(p.monteCarloDraws == nil)
  }

  @Test func ucbTriesEveryActionThenTheBestBound() {
    var random = SeededRandom(seed: 1)
    var p = UCBPolicy(c: 1)
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
    var p = ThompsonPolicy(a: 1, b: 1, draws: 4_000)
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

  @Test func gammaDrawsHaveTheirMean() {
    var random = SeededRandom(seed: 5)
    let n = 20_000
    let mean = (0..<n).reduce(0.0) { total, _ in total + random.gamma(2.5) } / Double(n)
    #expect(abs(mean - 2.5) < 0.05)
  }
}
