/// The measurements behind `rec bench bandits`: the contract's four policies simulated on the
/// default demo world (LinUCB on `member.taste` alone: 20 features with the constant), and
/// replay plus the four estimators over a log of the demo's impressions repeated to the
/// requested size. Each job is timed by the clock and by the process's CPU time (user and
/// system, all threads), which other work on the machine does not inflate.
public enum BanditBenchmark {
  /// Runs both jobs and returns one JSON line of timings in seconds.
  public static func run(simulated: Int, logged: Int) throws(Diagnostic) -> String {
    let world = DemoWorld.generate(
      members: DemoWorld.defaultMembers, titles: DemoWorld.defaultTitles, seed: DemoWorld.defaultSeed)
    let tables = Dictionary(world.tables.map { ($0.name, $0.table) }, uniquingKeysWith: { a, _ in a })
    let script = """
      policy greedy10 = epsilon_greedy(epsilon: 10%) context country, top_genre
      policy ts = thompson(prior: beta(1, 1)) context country
      policy lin = linucb(alpha: 0.5) features member.taste
      policy uniform = random
      """
    let (program, _) = parse(SourceFile(name: "<bench>", text: script))
    var specs: [PolicySpec] = []
    for statement in program.statements {
      if case .policy(let d) = statement.kind { specs.append(try PolicySpec(d)) }
    }
    let clock = ContinuousClock()

    // Simulation over the demo's impressions.
    let requests = tables["impressions"]!
    let sources = ContextEncoder.Sources(
      requests: requests, members: tables["members"], truthMembers: tables["truth.members"])
    var start = clock.now
    var cpu = cpuSeconds()
    let log = try read(requests, tables)
    var policies = try PreparedPolicy.prepareAll(specs.count) { i throws(Diagnostic) in
      let spec = specs[i]
      let features = spec.algorithm.isLinear
        ? try LinearFeatures.encode(spec.features, requests: requests, member: log.member, artworks: tables["artworks"], demo: world)
        : nil
      return try PreparedPolicy(spec: spec, log: log, sources: sources, features: features, draws: 1, further: simulated)
    }
    let outcomes = Simulation.run(
      &policies, log: log, truth: { world.takeProbability(member: $0, title: $1, artwork: $2) },
      impressions: simulated, seed: 1, interrupted: { false })
    let simulateSeconds = (clock.now - start).inSeconds
    let simulateCPU = cpuSeconds() - cpu

    // Replay and the estimators over the impressions repeated to `logged` rows.
    let rows = (0..<logged).map { $0 % requests.count }
    let big = requests.gather(rows)
    let bigSources = ContextEncoder.Sources(requests: big, members: tables["members"], truthMembers: tables["truth.members"])
    start = clock.now
    let bigLog = try read(big, tables)
    let readSeconds = (clock.now - start).inSeconds
    // As `replay greedy10, uniform on impressions` and then `estimate greedy10, uniform on
    // impressions with ips, snips, dm, dr` run them: each statement prepares its policies in
    // parallel and runs them in parallel.
    let judged = specs.filter { $0.name == "greedy10" || $0.name == "uniform" }
    start = clock.now
    cpu = cpuSeconds()
    var replayed = try PreparedPolicy.prepareAll(judged.count) { i throws(Diagnostic) in
      try PreparedPolicy(spec: judged[i], log: bigLog, sources: bigSources, features: nil, draws: 1)
    }
    _ = Replay.run(all: &replayed, log: bigLog, seed: 1)
    let replaySeconds = (clock.now - start).inSeconds
    let replayCPU = cpuSeconds() - cpu
    start = clock.now
    cpu = cpuSeconds()
    var estimated = try PreparedPolicy.prepareAll(judged.count) { i throws(Diagnostic) in
      try PreparedPolicy(spec: judged[i], log: bigLog, sources: bigSources, features: nil, draws: 1)
    }
    do {
      _ = try OffPolicyEvaluation.run(
        all: &estimated, log: bigLog, estimators: OffPolicyEstimator.allCases, truth: nil, seed: 1)
    } catch {
      throw Diagnostic(.dataError("zero propensity in the benchmark log"), at: nil)
    }
    let estimateSeconds = (clock.now - start).inSeconds
    let estimateCPU = cpuSeconds() - cpu
    let takes = outcomes.map { "\"\($0.name)\": \(Double($0.plays) / Double(max($0.impressions, 1)))" }
    return #"{"job": "bandits", "timings_s": {"simulate_s": \#(simulateSeconds), "read_log_s": \#(readSeconds), "replay_s": \#(replaySeconds), "estimate_s": \#(estimateSeconds)}, "cpu_s": {"simulate_s": \#(simulateCPU), "replay_s": \#(replayCPU), "estimate_s": \#(estimateCPU)}, "simulated": \#(simulated), "logged": \#(logged), "take_fraction": {\#(takes.joined(separator: ", "))}}"#
  }

  /// The process's CPU time so far, user and system, in seconds.
  private static func cpuSeconds() -> Double {
    let (user, system) = ProcessUsage.cpuSeconds()
    return user + system
  }

  private static func read(_ table: Table, _ tables: [String: Table]) throws(Diagnostic) -> BanditLog {
    do {
      return try BanditLog.read(table, artworks: tables["artworks"])
    } catch {
      throw Diagnostic(.dataError("the demo impressions are not a bandit log"), at: nil)
    }
  }

}
