import RecCore
import RecEngine
import RecOutput

/// `policy`, `pick`, `simulate`, `replay` and `estimate`: the artwork bandits.
extension Session {
  /// Monte-Carlo draws behind the probabilities `pick` prints for sampling policies.
  static let pickDraws = 10_000

  // MARK: - pick

  func pick(_ plan: PickPlan) throws(Diagnostic) {
    let spec = plan.policy
    let requests = try table("impressions", at: nil)
    let memberID = plan.member
    let titleID = try titleNumber(plan.title)
    // The request is a logged impression of this member and title when there is one, so that its
    // context (position, …) is known; else a row made for it with the member and title alone.
    var table = requests
    var row = findRow(in: requests, member: memberID, title: titleID)
    let logged = row != nil
    if !logged {
      table = Table(zip(requests.names, requests.columns).map { n, c in
        (n, n == "member" ? Column(type: .int, ints: [memberID]) : n == "title" ? Column(type: .int, ints: [titleID])
          : Column(repeating: .null, type: c.type, count: 1))
      })
      row = 0
    }
    let (stack, log) = try banditLog(table, name: logged ? "impressions" : nil, at: plan.title.range, specs: [spec])
    let cells = try contextCells([spec], stack: stack, log: log, cached: logged)
    var prepared = try prepare(spec, on: stack, log: log, cells: cells[0], draws: Self.pickDraws)
    prepared.train(on: log)
    guard let r = row, log.armSet[r] >= 0 else {
      throw Diagnostic(.unknownValue("title", String(titleID), in: "artworks"), at: plan.title.range)
    }
    var random = SeededRandom(seed: seed, stream: 11)
    let decision = prepared.decision(log, row: r)
    let p = prepared.policy.probabilities(decision, random: &random)
    let choice = prepared.policy.choose(decision, random: &random)
    let actions = Array(decision.actions)
    let result = Table([
      (log.actionColumn, Column(type: .int, ints: actions.map { Int($0) })),
      ("probability", Column(type: .float, storage: .float64(p))),
      ("chosen", Column(type: .bool, storage: .bool(actions.indices.map { $0 == choice ? 1 : 0 }))),
    ])
    show(result)
    let how = prepared.policy.monteCarloDraws.map { "Monte-Carlo over \(thousands($0)) draws" } ?? "exact"
    status("\(plan.policyName) chose \(log.actionColumn) \(actions[choice]) for member \(memberID), title \(titleID) (probabilities \(how))")
  }

  // MARK: - simulate

  func simulate(_ plan: SimulatePlan, at range: SourceRange) throws(Diagnostic) {
    guard let demo, let requests = tables["impressions"] else { throw Diagnostic(.needsDemo("simulate"), at: range) }
    let n = plan.impressions
    let s = plan.seed ?? seed
    let specs = plan.policies
    let (stack, log) = try banditLog(requests, name: "impressions", at: range, specs: specs)
    let cells = try contextCells(specs, stack: stack, log: log, cached: true)
    let policies = try PreparedPolicy.prepareAll(specs.count) { i throws(Diagnostic) in
      var p = try prepare(specs[i], on: stack, log: log, cells: cells[i], draws: 1, further: n)
      p.train(on: log)
      return p
    }
    let outcomes = Simulation.run(
      policies, log: log, truth: { demo.takeProbabilities(member: $0, title: $1, artworks: $2, into: $3) },
      impressions: n, seed: s, cancellation: cancellation)
    try cancellation.check()
    show(Table([
      ("policy", Column(type: .string, storage: .string(outcomes.indices.map { Int32($0) }, StringDictionary(outcomes.map(\.name))))),
      ("impressions", Column(type: .int, ints: outcomes.map(\.impressions))),
      ("plays", Column(type: .int, ints: outcomes.map(\.plays))),
      ("take_fraction", Column(type: .float, storage: .float64(outcomes.map { Double($0.plays) / Double(max($0.impressions, 1)) }))),
      ("regret", Column(type: .float, storage: .float64(outcomes.map(\.regret)))),
    ]))
    let charts = [
      LineChart(title: "take fraction", xLabel: "impressions", yLabel: "take fraction",
        series: outcomes.map { o in .init(name: o.name, points: o.curve.map { ($0.x, $0.takeFraction) }) }),
      LineChart(title: "cumulative regret", xLabel: "impressions", yLabel: "regret",
        series: outcomes.map { o in .init(name: o.name, points: o.curve.map { ($0.x, $0.regret) }) }),
    ]
    for chart in charts { emit(.chart(chart)) }
  }

  // MARK: - replay

  func replay(_ plan: ReplayPlan) throws(Diagnostic) {
    let requests = try table(plan.table, at: plan.tableRange)
    var specs = plan.policies
    // Beside the policies: the logging policy's own take fraction, and random's.
    let extras: [(String, PolicySpec.Algorithm)] = [("logged", .logged), ("random", .random)]
    for (extra, algorithm) in extras {
      if specs.contains(where: { $0.algorithm == algorithm }) { continue }
      var spec = specs[0]
      spec.name = extra
      spec.algorithm = algorithm
      spec.context = []
      spec.trainedOn = nil
      spec.learning = true
      specs.append(spec)
    }
    let (stack, log) = try banditLog(requests, name: plan.table, at: plan.tableRange, specs: specs)
    let cells = try contextCells(specs, stack: stack, log: log, cached: true)
    // A learner is replayed by its choices; a fixed policy by its probability of each choice.
    let draws = specs.map { $0.learning ? 1 : PreparedPolicy.passDraws }
    var policies = try trainedPolicies(specs, stack: stack, log: log, cells: cells, draws: draws)
    let trained = policies
    let rows = Replay.run(all: &policies, log: log, seed: seed, cancellation: cancellation)
    try cancellation.check()
    keepFixed(judged: policies, trained: trained, draws: draws)
    sayHowJudged(plan.policies)
    for outcome in rows where outcome.matched < Replay.minimumMatches {
      warn(.fewReplayMatches(outcome.name, matched: outcome.matched, minimum: Replay.minimumMatches))
    }
    show(Table([
      ("policy", Column(type: .string, storage: .string(rows.indices.map { Int32($0) }, StringDictionary(rows.map(\.name))))),
      ("matched", Column(type: .int, ints: rows.map(\.matched))),
      ("plays", Column(type: .int, ints: rows.map(\.plays))),
      ("take_fraction", Column(type: .float, storage: .float64(rows.map(\.takeFraction)))),
      ("low", Column(type: .float, storage: .float64(rows.map(\.low)))),
      ("high", Column(type: .float, storage: .float64(rows.map(\.high)))),
    ]))
  }

  // MARK: - estimate

  func estimate(_ plan: EstimatePlan) throws(Diagnostic) {
    let requests = try table(plan.table, at: plan.tableRange)
    let estimators = plan.estimators
    let specs = plan.policies
    if let divides = estimators.first(where: \.needsPropensity) {
      try requireNumericPropensity(requests, table: plan.table, estimator: divides.rawValue, at: plan.tableRange)
    }
    let (stack, log) = try banditLog(requests, name: plan.table, at: plan.tableRange, specs: specs)
    // The world's truth is a function of a row's member, title and candidate artworks: it
    // follows the rows of the demo's impressions into any table made of them alone.
    var truth: CandidateTruth? = nil
    if let world = demo, log.actionColumn == "artwork" {
      if let why = lineage.rows(of: plan.table, comeFrom: "impressions") {
        status("no truth column: \(why), not from the demo's impressions alone")
      } else {
        truth = { world.takeProbabilities(member: $0, title: $1, artworks: $2, into: $3) }
      }
    }
    var policyColumn: [String] = []
    var estimatorColumn: [String] = []
    var values: [[Double]] = [[], [], [], []]
    let cells = try contextCells(specs, stack: stack, log: log, cached: true)
    let draws = specs.map { _ in PreparedPolicy.passDraws }
    var policies = try trainedPolicies(specs, stack: stack, log: log, cells: cells, draws: draws)
    let trained = policies
    let outcomes: [OffPolicyEvaluation.Outcome]
    do {
      outcomes = try OffPolicyEvaluation.run(
        all: &policies, log: log, models: rewardModels(policies, log: log), estimators: estimators, truth: truth, seed: seed, clip: plan.clip,
        interval: plan.interval, cancellation: cancellation)
    } catch {
      let estimator = estimators.first { $0.needsPropensity } ?? .ips
      let message: DiagnosticMessage = error.value.isNaN
        ? .nonNumericPropensity(estimator.rawValue, table: plan.table, row: error.row + 1, value: "missing")
        : .zeroPropensity(
          estimator.rawValue, table: plan.table, row: error.row + 1, value: CellFormatter.shortNumber(error.value))
      throw Diagnostic(message, at: plan.tableRange)
    }
    try cancellation.check()
    keepFixed(judged: policies, trained: trained, draws: draws)
    sayHowJudged(specs)
    for (spec, (prepared, outcome)) in zip(specs, zip(policies, outcomes)) {
      if let draws = prepared.policy.monteCarloDraws {
        let per = spec.learning ? "impression" : "context cell (fixed: drawn once per cell)"
        status("\(spec.name): action probabilities by Monte-Carlo over \(draws) draws per \(per)")
      } else if case .thompson = spec.algorithm {
        status("\(spec.name): action probabilities exact (the Beta posteriors' chance of being largest, once per context cell)")
      }
      for e in outcome.estimates {
        policyColumn.append(spec.name)
        estimatorColumn.append(e.estimator.rawValue)
        values[0].append(e.value)
        values[1].append(e.low)
        values[2].append(e.high)
        values[3].append(outcome.truth ?? .nan)
      }
    }
    var columns: [(String, Column)] = [
      ("policy", Column(type: .string, values: policyColumn.map { .string($0) })),
      ("estimator", Column(type: .string, values: estimatorColumn.map { .string($0) })),
      ("value", Column(type: .float, storage: .float64(values[0]))),
      ("low", Column(type: .float, storage: .float64(values[1]))),
      ("high", Column(type: .float, storage: .float64(values[2]))),
    ]
    if truth != nil { columns.append(("truth", Column(type: .float, storage: .float64(values[3])))) }
    show(Table(columns))
    switch plan.interval {
    case .bootstrap:
      status("intervals: 95% percentile bootstrap by member bucket (of \(thousands(MemberBucket.count))), \(thousands(Bootstrap.resamples)) resamples, seed \(seed)")
    case .normal:
      status("intervals: 95% normal, mean ± 1.96 · sd / √n of the per-row terms")
    }
    if plan.clip.isFinite { status("importance weights clipped at \(CellFormatter.shortNumber(plan.clip))") }
  }

  // MARK: - Shared

  /// `specs` over the session's kept `log`, trained, in parallel: a fixed policy judged before
  /// on that log is taken as the last statement left it (its training, and its exact
  /// probabilities, would come out the same), the others prepared and trained.
  private func trainedPolicies(
    _ specs: [PolicySpec], stack: RequestStack, log: BanditLog, cells: [ContextCells], draws: [Int]
  ) throws(Diagnostic) -> [PreparedPolicy] {
    var policies = try PreparedPolicy.prepareAll(specs.count) { i throws(Diagnostic) in
      if let key = PreparedPolicy.fixedKey(specs[i], draws: draws[i]), let kept = banditLogs.fixed(key) { return kept }
      var p = try prepare(specs[i], on: stack, log: log, cells: cells[i], draws: draws[i])
      p.train(on: log)
      return p
    }
    PreparedPolicy.settle(&policies)
    return policies
  }

  /// The reward model of each policy's context over the session's kept `log`: the one an
  /// earlier `estimate` on that log fitted, else fitted now (once per context) and kept.
  private func rewardModels(_ policies: [PreparedPolicy], log: BanditLog) -> [RewardModel] {
    var byContext: [String: RewardModel] = [:]
    var unfitted: [PreparedPolicy] = []
    for p in policies {
      let key = ContextCells.key(p.spec.context)
      if byContext[key] != nil || unfitted.contains(where: { ContextCells.key($0.spec.context) == key }) { continue }
      if let kept = banditLogs.model(of: p.spec.context) { byContext[key] = kept } else { unfitted.append(p) }
    }
    for (p, model) in zip(unfitted, RewardModel.fit(unfitted, log: log)) {
      byContext[ContextCells.key(p.spec.context)] = model
      banditLogs.keep(model, of: p.spec.context)
    }
    return policies.compactMap { byContext[ContextCells.key($0.spec.context)] }
  }

  /// Keeps each fixed policy for the next statement on the same log: as `judged` left it when
  /// its probabilities are exact (found once per cell, kept with it), else as `trained`, so
  /// that Monte-Carlo probabilities are drawn afresh from each statement's seed.
  private func keepFixed(judged: [PreparedPolicy], trained: [PreparedPolicy], draws: [Int]) {
    for i in judged.indices {
      guard let key = PreparedPolicy.fixedKey(judged[i].spec, draws: draws[i]) else { continue }
      banditLogs.keep(fixed: judged[i].policy.monteCarloDraws == nil ? judged[i] : trained[i], as: key)
    }
  }

  /// One status line on which policies were judged as the fixed policies their training made and
  /// which as learners that go on learning from the rows they are judged on.
  private func sayHowJudged(_ specs: [PolicySpec]) {
    let fixed = specs.filter { !$0.learning }.map(\.name)
    let learners = specs.filter(\.learning).map(\.name)
    var parts: [String] = []
    if !fixed.isEmpty { parts.append("judged as fixed (trained, then frozen): " + fixed.joined(separator: ", ")) }
    if !learners.isEmpty { parts.append("learning as they are judged: " + learners.joined(separator: ", ")) }
    status(parts.joined(separator: "; "))
  }

  private func contextSources(_ requests: Table) -> ContextEncoder.Sources {
    ContextEncoder.Sources(requests: requests, members: tables["members"], truthMembers: tables["truth.members"])
  }

  /// A propensity column that is not numbers (one text value makes the whole column text) would
  /// divide by nothing: the first value that is not a number is named instead.
  private func requireNumericPropensity(
    _ judged: Table, table: String, estimator: String, at range: SourceRange
  ) throws(Diagnostic) {
    guard let column = judged["propensity"], !column.type.isNumeric else { return }
    for i in 0..<column.count {
      let value = column.value(at: i)
      let shown: String
      if case .string(let text) = value {
        if Double(text) != nil { continue }
        shown = "'\(text)'"
      } else {
        shown = CellFormatter.display(value, metric: false, nullText: "NULL")
      }
      throw Diagnostic(.nonNumericPropensity(estimator, table: table, row: i + 1, value: shown), at: range)
    }
  }

  /// The requests `judged` with the tables `specs` are trained on stacked under them, and their
  /// log. `name` is the judged table's name in the session (a policy trained on it learns from the
  /// judged rows), nil for a request `pick` makes from the columns of `impressions`. A table
  /// without the columns of a log is reported at its name: the judged one at `range`.
  private func banditLog(
    _ judged: Table, name: String?, at range: SourceRange, specs: [PolicySpec]
  ) throws(Diagnostic) -> (RequestStack, BanditLog) {
    let action = BanditLog.actionColumn(of: judged)
    try requireLogColumns(judged, name: name ?? "impressions", action: action, at: range)
    var training: [(name: String, table: Table)] = []
    for trained in specs.compactMap(\.trainedOn)
    where trained.table != name && !training.contains(where: { $0.name == trained.table }) {
      let table = try table(trained.table, at: trained.range)
      try requireLogColumns(table, name: trained.table, action: action, at: trained.range)
      training.append((trained.table, table))
    }
    func read() throws(Diagnostic) -> (RequestStack, BanditLog) {
      let stack = RequestStack(judged, training: training)
      do {
        return (stack, try BanditLog.read(stack, artworks: tables["artworks"]))
      } catch {
        throw logDiagnostic(error, name: name ?? "impressions", at: range)
      }
    }
    // A request `pick` makes is read afresh and not kept: it would replace the session's log.
    guard name != nil else { return try read() }
    return try banditLogs.log(
      judged: judged, training: training,
      tables: [tables["artworks"], tables["members"], tables["truth.members"]], read: read)
  }

  /// The context cells of each of `specs` over `log`, those of one context shared: the kept ones
  /// when the log is the session's kept log (`cached`) and the context was found on it before,
  /// the others found in parallel (and then kept).
  private func contextCells(
    _ specs: [PolicySpec], stack: RequestStack, log: BanditLog, cached: Bool
  ) throws(Diagnostic) -> [ContextCells] {
    var contexts: [[ContextColumn]] = []
    var keys: [String] = []
    for spec in specs where !keys.contains(ContextCells.key(spec.context)) {
      keys.append(ContextCells.key(spec.context))
      contexts.append(spec.context)
    }
    let sources = contextSources(stack.table)
    let found = try PreparedPolicy.prepareAll(contexts.count) { i throws(Diagnostic) in
      if cached, let kept = banditLogs.cells(of: contexts[i]) { return kept }
      return try ContextCells(context: contexts[i], sources: sources, log: log)
    }
    if cached { for (context, cells) in zip(contexts, found) { banditLogs.keep(cells, of: context) } }
    var byKey: [String: ContextCells] = [:]
    for (key, cells) in zip(keys, found) { byKey[key] = cells }
    return specs.compactMap { byKey[ContextCells.key($0.context)] }
  }

  private func requireLogColumns(_ table: Table, name: String, action: String, at range: SourceRange) throws(Diagnostic) {
    do {
      try BanditLog.requireColumns(table, action: action)
    } catch {
      throw logDiagnostic(error, name: name, at: range)
    }
  }

  private func logDiagnostic(_ problem: BanditLog.Problem, name: String, at range: SourceRange) -> Diagnostic {
    switch problem {
    case .missingColumn(_, let alternatives): Diagnostic(.missingLogColumn(name, wanted: alternatives), at: range)
    }
  }

  /// The policy's state over the stacked requests and their log with its context's `cells`,
  /// untrained; `further` is the simulated impressions it will learn from.
  private func prepare(
    _ spec: PolicySpec, on stack: RequestStack, log: BanditLog, cells: ContextCells, draws: Int, further: Int = 0
  ) throws(Diagnostic) -> PreparedPolicy {
    let features: LinearFeatures? =
      spec.algorithm.isLinear
      ? try LinearFeatures.encode(spec.features, requests: stack.table, member: log.member, artworks: tables["artworks"], demo: demo)
      : nil
    return PreparedPolicy(spec: spec, log: log, cells: cells, features: features, draws: draws, further: further)
  }

  /// A title given by id or by name (the `titles` table's `name` column).
  private func titleNumber(_ title: TitleChoice) throws(Diagnostic) -> Int {
    switch title.written {
    case .id(let id):
      return id
    case .name(let name):
      let titles = try table("titles", at: title.range)
      if let names = titles["name"], let ids = titles["id"] {
        for i in 0..<titles.count where names.value(at: i) == .string(name) {
          if let id = ids.int(at: i) { return id }
        }
      }
      throw Diagnostic(.unknownValue("title", "\"\(name)\"", in: "titles"), at: title.range)
    }
  }

  private func findRow(in table: Table, member: Int, title: Int) -> Int? {
    guard let m = table["member"], let t = table["title"] else { return nil }
    for i in 0..<table.count where m.int(at: i) == member && t.int(at: i) == title { return i }
    return nil
  }
}
