import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecSyntax
@testable import RecCore

/// Policies' probabilities and the estimators on a hand-made log, with values worked by hand.
@Suite struct OffPolicyEstimatorTests {
  /// Four logged requests over items 10 and 20: (item, played, propensity).
  static let log = Table([
    ("title", Column(type: .int, ints: [10, 20, 10, 10])),
    ("played", Column(type: .bool, storage: .bool([1, 1, 0, 1]))),
    ("propensity", Column(type: .float, storage: .float64([0.8, 0.2, 0.8, 0.8]))),
  ])

  func policy(_ text: String, on table: Table = log, draws: Int = 1) throws -> PreparedPolicy {
    let (program, problems) = parse(SourceFile(name: "<test>", text: text))
    #expect(problems.isEmpty)
    guard case .policy(let d)? = program.statements.first?.kind else { throw Diagnostic(.interrupted(), at: nil) }
    let bandit = try BanditLog.read(table, artworks: nil)
    return try PreparedPolicy(
      spec: try checkedPolicy(d), log: bandit, sources: .init(requests: table), features: nil, draws: draws)
  }

  @Test func randomPolicyOnANonUniformLog() throws {
    var p = try policy("policy u = random")
    let bandit = try BanditLog.read(Self.log, artworks: nil)
    let out = try OffPolicyEvaluation.run(&p, log: bandit, estimators: OffPolicyEstimator.allCases, truth: nil, seed: 1)
    let v = Dictionary(uniqueKeysWithValues: out.estimates.map { ($0.estimator, $0.value) })
    // w = 0.5 / p: 0.625, 2.5, 0.625, 0.625; IPS = 3.75 / 4; SNIPS = 3.75 / 4.375.
    #expect(v[.ips] == 0.9375)
    #expect(abs(v[.snips]! - 3.75 / 4.375) < 1e-15)
    // Too few rows for a cell or action mean: the model falls back to the log's mean, 0.75.
    #expect(v[.dm] == 0.75)
    #expect(v[.dr] == 0.8671875)
    #expect(out.rows == 4)
  }

  /// The bootstrap's blocks are member buckets summed exactly and its draws are keyed, so a log
  /// in another order gives every estimate and interval to the bit (for policies that do not
  /// learn as they go, whose terms do not depend on the order).
  @Test func intervalsDoNotDependOnTheRowsOrder() throws {
    var random = SeededRandom(seed: 6)
    let n = 3_000
    let titles = [10, 20, 30]
    let log = Table([
      ("member", Column(type: .int, ints: (0..<n).map { _ in random.below(400) })),
      ("title", Column(type: .int, ints: (0..<n).map { _ in titles[random.below(3)] })),
      ("played", Column(type: .bool, storage: .bool((0..<n).map { _ in random.uniform() < 0.3 ? 1 : 0 }))),
      ("propensity", Column(type: .float, storage: .float64((0..<n).map { _ in 0.1 + 0.8 * random.uniform() }))),
    ])
    func outcomes(_ table: Table) throws -> [[UInt64]] {
      let bandit = try BanditLog.read(table, artworks: nil)
      return try ["policy u = random", "policy g = epsilon_greedy(epsilon: 20%) trained on log"].map { text in
        var p = try policy(text, on: table)
        p.train(on: bandit)
        let out = try OffPolicyEvaluation.run(&p, log: bandit, estimators: OffPolicyEstimator.allCases, truth: nil, seed: 3)
        return out.estimates.flatMap { [$0.value, $0.low, $0.high].map(\.bitPattern) }
      }
    }
    let first = try outcomes(log)
    #expect(first.allSatisfy { $0.allSatisfy { Double(bitPattern: $0).isFinite } })
    for _ in 0..<2 {
      #expect(try outcomes(log.gather(Array(0..<n).shuffled(using: &random))) == first)
    }
  }

  @Test func epsilonGreedyProbabilitiesAreExact() throws {
    var p = try policy("policy g = epsilon_greedy(epsilon: 20%)")
    let bandit = try BanditLog.read(Self.log, artworks: nil)
    var random = SeededRandom(seed: 1)
    let d = p.decision(bandit, row: 0)
    // Unseen actions score 0: ties go to the smallest id.
    #expect(p.policy.probabilities(d, random: &random) == [0.9, 0.1])
    p.policy.update(d, arm: 1, reward: 1)
    #expect(p.policy.probabilities(d, random: &random) == [0.1, 0.9])
  }

  /// A fixed Thompson policy integrates its probabilities once per cell and keeps them; a learner
  /// draws them again each time, and a fixed policy's cell is integrated again only after it learns.
  @Test func fixedThompsonKeepsEachCellsProbabilities() throws {
    var fixed = try policy("policy t = thompson(prior: beta(1, 1)) trained on log", draws: 50)
    var learner = try policy("policy t = thompson(prior: beta(1, 1)) trained on log learning", draws: 50)
    let bandit = try BanditLog.read(Self.log, artworks: nil)
    fixed.train(on: bandit)
    learner.train(on: bandit)
    #expect(fixed.policy.monteCarloDraws == nil && learner.policy.monteCarloDraws == 50)
    var random = SeededRandom(seed: 1)
    let d = fixed.decision(bandit, row: 0)
    let first = fixed.policy.probabilities(d, random: &random)
    #expect(fixed.policy.probabilities(d, random: &random) == first)
    #expect(abs(first.reduce(0, +) - 1) < 1e-12)
    let draws = (0..<5).map { _ in learner.policy.probabilities(d, random: &random) }
    #expect(Set(draws.map { $0[0] }).count > 1)
    fixed.policy.update(d, arm: 0, reward: 1)
    let again = (0..<5).map { _ in fixed.policy.probabilities(d, random: &random) }
    #expect(Set(again.map { $0[0] }).count == 1)
  }

  @Test func loggedPolicyReplaysTheLogsMean() throws {
    var p = try policy("policy l = logged")
    let bandit = try BanditLog.read(Self.log, artworks: nil)
    let r = Replay.run(&p, log: bandit, seed: 1)
    #expect(r.matched == 4)
    #expect(r.plays == 3)
    #expect(r.takeFraction == 0.75)
  }

  @Test func zeroPropensityIsReported() throws {
    var table = Self.log
    table.set("propensity", Column(type: .float, storage: .float64([0.8, 0, 0.8, 0.8])))
    var p = try policy("policy u = random", on: table)
    let bandit = try BanditLog.read(table, artworks: nil)
    #expect(throws: OffPolicyEvaluation.BadPropensity.self) {
      try OffPolicyEvaluation.run(&p, log: bandit, estimators: [.ips], truth: nil, seed: 1)
    }
  }

  @Test func badArgumentsAreLocated() {
    let text = "policy g = epsilon_greedy(epsilon: 150%)"
    let (program, _) = parse(SourceFile(name: "<test>", text: text))
    guard case .policy(let d)? = program.statements.first?.kind else { Issue.record("no policy"); return }
    do {
      _ = try checkedPolicy(d)
      Issue.record("accepted epsilon 150%")
    } catch {
      #expect(error.message == "'epsilon' of 'epsilon_greedy' must be between 0% and 100%, found 150%")
      #expect(error.range?.text == "150%")
    }
  }

  @Test func unknownContextColumnSuggestsANearOne() throws {
    do {
      _ = try policy("policy g = greedy context playd")
      Issue.record("accepted an unknown context column")
    } catch let error as Diagnostic {
      #expect(error.message == "unknown context column 'playd'; did you mean 'played'?")
    }
  }
}
