import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecSyntax
@testable import RecCore

/// The policies run in parallel give what they give one at a time, and the ridge models'
/// reused solve changes nothing.
@Suite struct BanditParallelTests {
  /// 600 requests over items 1 to 3 with a position context; item 2 pays most.
  static let log: Table = {
    var random = SeededRandom(seed: 9)
    var items: [Int] = []
    var played: [Int8] = []
    var positions: [Int] = []
    for i in 0..<600 {
      let item = 1 + random.below(3)
      items.append(item)
      played.append(random.uniform() < (item == 2 ? 0.6 : 0.2) ? 1 : 0)
      positions.append(i % 2)
    }
    return Table([
      ("title", Column(type: .int, ints: items)),
      ("position", Column(type: .int, ints: positions)),
      ("played", Column(type: .bool, storage: .bool(played))),
      ("propensity", Column(type: .float, storage: .float64([Double](repeating: 1.0 / 3, count: 600)))),
    ])
  }()

  func policies(_ texts: [String]) throws -> [PreparedPolicy] {
    let bandit = try BanditLog.read(Self.log, artworks: nil)
    return try texts.map { text in
      let (program, problems) = parse(SourceFile(name: "<test>", text: text))
      #expect(problems.isEmpty)
      guard case .policy(let d)? = program.statements.first?.kind else { throw Diagnostic(.interrupted(), at: nil) }
      return try PreparedPolicy(
        spec: try checkedPolicy(d), log: bandit, sources: .init(requests: Self.log), features: nil, draws: 50)
    }
  }

  static let texts = [
    "policy g = epsilon_greedy(epsilon: 10%) context position", "policy t = thompson(prior: beta(1, 1))",
    "policy u = random", "policy c = ucb(c: 1) context position",
  ]

  @Test func replayInParallelEqualsOneAtATime() throws {
    let bandit = try BanditLog.read(Self.log, artworks: nil)
    var together = try policies(Self.texts)
    let parallel = Replay.run(all: &together, log: bandit, seed: 4)
    var alone = try policies(Self.texts)
    let sequential = alone.indices.map { Replay.run(&alone[$0], log: bandit, seed: 4) }
    #expect(parallel == sequential)
    #expect(parallel.map(\.name) == ["g", "t", "u", "c"])
    #expect(parallel.allSatisfy { $0.matched > 100 })
  }

  @Test func estimatesInParallelEqualOneAtATime() throws {
    let bandit = try BanditLog.read(Self.log, artworks: nil)
    var together = try policies(Self.texts)
    let parallel = try OffPolicyEvaluation.run(
      all: &together, log: bandit, estimators: OffPolicyEstimator.allCases, truth: nil, seed: 4)
    var alone = try policies(Self.texts)
    for i in alone.indices {
      let one = try OffPolicyEvaluation.run(
        &alone[i], log: bandit, estimators: OffPolicyEstimator.allCases, truth: nil, seed: 4)
      #expect(one.rows == 600)
      #expect(one.estimates.map(\.value) == parallel[i].estimates.map(\.value))
      #expect(one.estimates.map(\.low) == parallel[i].estimates.map(\.low))
      #expect(one.estimates.map(\.high) == parallel[i].estimates.map(\.high))
    }
    // Random's IPS on a uniform log is the log's mean reward.
    let mean = bandit.reward.reduce(0, +) / 600
    #expect(abs(parallel[2].estimates[0].value - mean) < 1e-12)
  }

  /// Split between two workers by halves of the cells and actions, a reward model predicts
  /// what one pass predicts, to the last bit, for a policy whose cells hold from a few shows
  /// (the action fallback) to many.
  @Test func aRewardModelFittedInTwoPartsEqualsOnePass() throws {
    var withPositions = Self.log
    withPositions.set("position", Column(type: .int, ints: (0..<600).map { $0 % 40 < 30 ? $0 % 3 : $0 % 40 }))
    let bandit = try BanditLog.read(withPositions, artworks: nil)
    let (program, _) = parse(SourceFile(name: "<test>", text: "policy g = greedy context position"))
    guard case .policy(let d)? = program.statements.first?.kind else { throw Diagnostic(.interrupted(), at: nil) }
    let p = try PreparedPolicy(
      spec: try checkedPolicy(d), log: bandit, sources: .init(requests: withPositions), features: nil, draws: 1)
    #expect(p.cellSlots.count - 1 == 13)
    let one = RewardModel.fit([p], log: bandit, splitCells: Int.max)[0]
    let two = RewardModel.fit([p], log: bandit, splitCells: 0)[0]
    var rarelyShown = 0
    for row in 0..<600 {
      let decision = p.decision(bandit, row: row)
      for arm in 0..<3 {
        #expect(one.prediction(decision, arm: arm) == two.prediction(decision, arm: arm))
      }
      if p.cells[row] >= 3 { rarelyShown += 1 }
    }
    #expect(rarelyShown == 150)
  }

  @Test func aKeptSolveUpdatesAsAFreshOne() {
    let features = LinearFeatures(parts: [.rowNumber([0.5, -1, 2])])
    var kept = RidgeArms(features: features)
    var fresh = RidgeArms(features: features)
    for step in 0..<30 {
      let row = step % 3
      let reward = Double(step % 2)
      _ = kept.score(row: row, action: 4)
      kept.keep(row: row, action: 4)
      _ = kept.score(row: row, action: 5)
      kept.update(row: row, action: 4, reward: reward)
      fresh.update(row: row, action: 4, reward: reward)
    }
    for row in 0..<3 {
      let a = kept.score(row: row, action: 4)
      let b = fresh.score(row: row, action: 4)
      #expect(a.mean == b.mean)
      #expect(a.width == b.width)
    }
  }
}

/// A simulation plays LinUCB in two halves of each batch side by side (requests of even and of
/// odd arm sets, each half with its own copy of the models), and gets what one pass gets.
@Suite struct SimulationHalvesTests {
  /// LinUCB, under a type that does not say it chooses from its candidates alone: played in one pass.
  struct OnePass: BanditPolicy {
    var inner: LinUCBPolicy
    mutating func choose(_ decision: Decision, random: inout SeededRandom) -> Int {
      inner.choose(decision, random: &random)
    }
    mutating func probabilities(
      _ decision: Decision, random: inout SeededRandom, into p: UnsafeMutableBufferPointer<Double>
    ) {
      inner.probabilities(decision, random: &random, into: p)
    }
    mutating func update(_ decision: Decision, arm: Int, reward: Double) {
      inner.update(decision, arm: arm, reward: reward)
    }
  }

  @Test func linUCBInHalvesPlaysAsInOnePass() throws {
    let world = DemoWorld.generate(members: 300, titles: 60, seed: 5)
    let tables = Dictionary(world.tables.map { ($0.name, $0.table) }, uniquingKeysWith: { a, _ in a })
    let requests = tables["impressions"]!
    let log = try BanditLog.read(requests, artworks: tables["artworks"])
    #expect(Set(log.actions).count == log.actions.count, "the demo's arm sets share no artwork")
    let (program, _) = parse(SourceFile(name: "<test>", text: "policy lin = linucb(alpha: 0.5) features member.taste"))
    guard case .policy(let d)? = program.statements.first?.kind else { throw Diagnostic(.interrupted(), at: nil) }
    let spec = try checkedPolicy(d)
    func prepared() throws -> PreparedPolicy {
      let features = try LinearFeatures.encode(
        spec.features, requests: requests, member: log.member, artworks: tables["artworks"], demo: world)
      return try PreparedPolicy(
        spec: spec, log: log, sources: .init(requests: requests), features: features, draws: 1, further: 40_000)
    }
    let halves = [try prepared()]
    var whole = [try prepared()]
    #expect(halves[0].policy.choosesFromCandidatesAlone)
    whole[0].policy = OnePass(inner: whole[0].policy as! LinUCBPolicy)
    let truth: CandidateTruth = { world.takeProbabilities(member: $0, title: $1, artworks: $2, into: $3) }
    let split = Simulation.run(halves, log: log, truth: truth, impressions: 40_000, seed: 2, cancellation: .never)
    let one = Simulation.run(whole, log: log, truth: truth, impressions: 40_000, seed: 2, cancellation: .never)
    #expect(split[0].plays == one[0].plays)
    #expect(split[0].regret == one[0].regret)
    #expect(split[0].curve.count == 100)
    #expect(split[0].curve.map(\.regret) == one[0].curve.map(\.regret))
    #expect(split[0].plays > 0)
  }
}
