/// The measurements behind `rec bench bandits`: the contract's four policies simulated on the
/// default demo world (LinUCB on `member.taste` alone: 20 features with the constant), and the
/// statements `replay greedy10, uniform on impressions` and `estimate greedy10, uniform on
/// impressions with ips, snips, dm, dr` run back to back in a session holding the demo with its
/// impressions repeated to the requested size. Each job is timed by the clock and by the
/// process's CPU time (user and system, all threads), which other work on the machine does not
/// inflate; the statements' result tables are printed with the timings.
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
    let policies = try PreparedPolicy.prepareAll(specs.count) { i throws(Diagnostic) in
      let spec = specs[i]
      let features = spec.algorithm.isLinear
        ? try LinearFeatures.encode(spec.features, requests: requests, member: log.member, artworks: tables["artworks"], demo: world)
        : nil
      return try PreparedPolicy(spec: spec, log: log, sources: sources, features: features, draws: 1, further: simulated)
    }
    let outcomes = Simulation.run(
      policies, log: log, truth: { world.takeProbabilities(member: $0, title: $1, artworks: $2, into: $3) },
      impressions: simulated, seed: 1, interrupted: { false })
    let simulateSeconds = (clock.now - start).inSeconds
    let simulateCPU = cpuSeconds() - cpu

    // Replay and the estimators as a user's two statements, back to back in a session that holds
    // the demo with its impressions repeated to `logged` rows: each pays the log read, the
    // context cells, its policies (replay's `logged` and `random` too) and the demo's truth.
    let results = ResultText()
    let session = Session(options: SessionOptions(format: .json)) { text, stream in
      if stream == .results { results.text += text }
    }
    session.demo = world
    let rows = (0..<logged).map { $0 % requests.count }
    for (name, table) in world.tables { session.tables[name] = name == "impressions" ? requests.gather(rows) : table }
    try run(script, in: session)
    var timings: [String] = []
    var usage: [String] = []
    var shown: [String] = []
    var total = (wall: 0.0, cpu: 0.0)
    for (job, statement) in [
      ("replay", "replay greedy10, uniform on impressions"),
      ("estimate", "estimate greedy10, uniform on impressions with ips, snips, dm, dr"),
    ] {
      results.text = ""
      start = clock.now
      cpu = cpuSeconds()
      try run(statement, in: session)
      let (wall, used) = ((clock.now - start).inSeconds, cpuSeconds() - cpu)
      total = (total.wall + wall, total.cpu + used)
      timings.append(#""\#(job)_s": \#(wall)"#)
      usage.append(#""\#(job)_s": \#(used)"#)
      shown.append(#""\#(job)": \#(results.text.split(separator: "\n").joined(separator: ", "))"#)
    }
    let takes = outcomes.map { "\"\($0.name)\": \(Double($0.plays) / Double(max($0.impressions, 1)))" }
    return #"{"job": "bandits", "timings_s": {"simulate_s": \#(simulateSeconds), \#(timings.joined(separator: ", ")), "#
      + #""replay_estimate_s": \#(total.wall)}, "cpu_s": {"simulate_s": \#(simulateCPU), \#(usage.joined(separator: ", ")), "#
      + #""replay_estimate_s": \#(total.cpu)}, "simulated": \#(simulated), "logged": \#(logged), "#
      + #""take_fraction": {\#(takes.joined(separator: ", "))}, \#(shown.joined(separator: ", "))}"#
  }

  /// What the benchmark's session shows, kept to be printed with the timings.
  private final class ResultText {
    var text = ""
  }

  /// Runs `text` in `session`; an error is the benchmark's.
  private static func run(_ text: String, in session: Session) throws(Diagnostic) {
    if let problem = session.run(SourceFile(name: "<bench>", text: text)) { throw problem }
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
