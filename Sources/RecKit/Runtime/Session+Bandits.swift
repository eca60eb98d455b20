/// `policy`, `pick`, `simulate`, `replay` and `estimate`: the artwork bandits.
extension Session {
  /// Monte-Carlo draws behind the probabilities `pick` prints for sampling policies.
  static let pickDraws = 10_000

  /// Checks a policy definition now, so that `epsilon: 150%` or an unknown context column is
  /// reported where it is written, then keeps it.
  func define(_ definition: PolicyDefinition, statement: Statement) throws(Diagnostic) {
    let spec = try PolicySpec(definition)
    if let requests = tables["impressions"] {
      _ = try ContextEncoder.cells(context: spec.context, sources: contextSources(requests), armSet: [], member: [])
    }
    definitions[definition.name.text] = statement
  }

  // MARK: - pick

  func pick(member: Expr, title: Expr, policy name: Identifier) throws(Diagnostic) {
    let spec = try policySpec(name)
    guard let requests = tables["impressions"] else {
      throw Diagnostic(.unknownTable("impressions", known: Array(tables.keys)), at: name.range)
    }
    let memberID = try integer(member, what: "member")
    let titleID = try titleNumber(title)
    // The request is a logged impression of this member and title when there is one, so that its
    // context (position, …) is known; else a row made for it with the member and title alone.
    var table = requests
    var row = findRow(in: requests, member: memberID, title: titleID)
    let logged = row != nil
    if !logged {
      table = Table(requests.names.map { n in
        (n, n == "member" ? Column(type: .int, ints: [memberID]) : n == "title" ? Column(type: .int, ints: [titleID])
          : Column(repeating: .null, type: requests[n]!.type, count: 1))
      })
      row = 0
    }
    let (stack, log) = try banditLog(table, name: logged ? "impressions" : nil, at: name.range, specs: [spec])
    let cells = try contextCells([spec], stack: stack, log: log, cached: logged)
    var prepared = try prepare(spec, on: stack, log: log, cells: cells[0], draws: Self.pickDraws)
    prepared.train(on: log)
    guard let r = row, log.armSet[r] >= 0 else {
      throw Diagnostic(.unknownValue("title", String(titleID), in: "artworks"), at: title.range)
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
    status("\(name.text) chose \(log.actionColumn) \(actions[choice]) for member \(memberID), title \(titleID) (probabilities \(how))")
  }

  // MARK: - simulate

  func simulate(_ names: [Identifier], impressions: Expr, seed seedExpr: Expr?, range: SourceRange) throws(Diagnostic) {
    guard let demo, let requests = tables["impressions"] else { throw Diagnostic(.needsDemo("simulate"), at: range) }
    let n = try integer(impressions, what: "impression count")
    let s = try seedExpr.map { (e: Expr) throws(Diagnostic) in UInt64(try integer(e, what: "seed")) } ?? seed
    var specs: [PolicySpec] = []
    for name in names { specs.append(try policySpec(name)) }
    let (stack, log) = try banditLog(requests, name: "impressions", at: range, specs: specs)
    let cells = try contextCells(specs, stack: stack, log: log, cached: true)
    let policies = try PreparedPolicy.prepareAll(specs.count) { i throws(Diagnostic) in
      var p = try prepare(specs[i], on: stack, log: log, cells: cells[i], draws: 1, further: n)
      p.train(on: log)
      return p
    }
    let outcomes = Simulation.run(
      policies, log: log, truth: { demo.takeProbabilities(member: $0, title: $1, artworks: $2, into: $3) }, impressions: n, seed: s, interrupted: { isInterrupted })
    if isInterrupted { throw Diagnostic(.interrupted(), at: range) }
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
    for chart in charts { record(.chart(chart)) }
    guard options.format == .box || options.format == .markdown else { return }
    for chart in charts { write(chart.terminal(width: min(options.width, 100), height: 12) + "\n", .results) }
  }

  // MARK: - replay

  func replay(_ names: [Identifier], on table: Identifier) throws(Diagnostic) {
    let requests = try requireTable(table)
    var specs: [PolicySpec] = []
    for name in names { specs.append(try policySpec(name)) }
    // Beside the policies: the logging policy's own take fraction, and random's.
    let extras: [(String, PolicySpec.Algorithm)] = [("logged", .logged), ("random", .random)]
    for (extra, algorithm) in extras {
      if specs.contains(where: { $0.algorithm == algorithm }) { continue }
      var spec = specs[0]
      spec.name = extra
      spec.algorithm = algorithm
      spec.context = []
      spec.trainedOn = nil
      specs.append(spec)
    }
    let (stack, log) = try banditLog(requests, name: table.text, at: table.range, specs: specs)
    let cells = try contextCells(specs, stack: stack, log: log, cached: true)
    var policies = try PreparedPolicy.prepareAll(specs.count) { i throws(Diagnostic) in
      var p = try prepare(specs[i], on: stack, log: log, cells: cells[i], draws: 1)
      p.train(on: log)
      return p
    }
    let rows = Replay.run(all: &policies, log: log, seed: seed)
    for outcome in rows where outcome.matched < Replay.minimumMatches {
      status("warning: replay of '\(outcome.name)' matched only \(thousands(outcome.matched)) impressions, fewer than \(Replay.minimumMatches): its take fraction is not to be trusted")
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

  func estimate(_ names: [Identifier], on table: Identifier, with estimatorNames: [Identifier]) throws(Diagnostic) {
    let requests = try requireTable(table)
    var estimators: [OffPolicyEstimator] = []
    for e in estimatorNames {
      guard let estimator = OffPolicyEstimator(rawValue: e.text) else {
        throw Diagnostic(.unknownEstimator(e.text, known: OffPolicyEstimator.allCases.map(\.rawValue)), at: e.range)
      }
      if estimator.needsPropensity && requests["propensity"] == nil {
        throw Diagnostic(.missingPropensity(e.text, table: table.text), at: e.range)
      }
      estimators.append(estimator)
    }
    var specs: [PolicySpec] = []
    for name in names { specs.append(try policySpec(name)) }
    let (stack, log) = try banditLog(requests, name: table.text, at: table.range, specs: specs)
    var truth: CandidateTruth? = nil
    if let world = demo, table.text == "impressions", log.actionColumn == "artwork" {
      truth = { world.takeProbabilities(member: $0, title: $1, artworks: $2, into: $3) }
    }
    var policyColumn: [String] = []
    var estimatorColumn: [String] = []
    var values: [[Double]] = [[], [], [], []]
    let cells = try contextCells(specs, stack: stack, log: log, cached: true)
    var policies = try PreparedPolicy.prepareAll(specs.count) { i throws(Diagnostic) in
      var p = try prepare(specs[i], on: stack, log: log, cells: cells[i], draws: PreparedPolicy.passDraws)
      p.train(on: log)
      return p
    }
    let outcomes: [OffPolicyEvaluation.Outcome]
    do {
      outcomes = try OffPolicyEvaluation.run(all: &policies, log: log, estimators: estimators, truth: truth, seed: seed)
    } catch {
      throw Diagnostic(
        .zeroPropensity(estimators.first { $0.needsPropensity }!.rawValue, table: table.text, row: error.row + 1,
          value: CellFormatter.shortNumber(error.value)), at: table.range)
    }
    for (name, (prepared, outcome)) in zip(names, zip(policies, outcomes)) {
      if let draws = prepared.policy.monteCarloDraws {
        status("\(name.text): action probabilities by Monte-Carlo over \(draws) draws per impression")
      }
      for e in outcome.estimates {
        policyColumn.append(name.text)
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
    status("intervals: 95% percentile bootstrap, \(thousands(Bootstrap.resamples)) resamples of up to \(thousands(Bootstrap.maximumBlocks)) blocks of consecutive rows, seed \(seed)")
  }

  // MARK: - Shared

  private func policySpec(_ name: Identifier) throws(Diagnostic) -> PolicySpec {
    guard let statement = definitions[name.text], case .policy(let definition) = statement.kind else {
      throw Diagnostic(.unknownDefinition("policy", name.text, known: []), at: name.range)
    }
    return try PolicySpec(definition)
  }

  private func requireTable(_ name: Identifier) throws(Diagnostic) -> Table {
    guard let table = tables[name.text] else {
      throw Diagnostic(.unknownTable(name.text, known: Array(tables.keys)), at: name.range)
    }
    return table
  }

  private func contextSources(_ requests: Table) -> ContextEncoder.Sources {
    ContextEncoder.Sources(requests: requests, members: tables["members"], truthMembers: tables["truth.members"])
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
    for trained in specs.compactMap(\.trainedOn) where trained.text != name && !training.contains(where: { $0.name == trained.text }) {
      let table = try requireTable(trained)
      try requireLogColumns(table, name: trained.text, action: action, at: trained.range)
      training.append((trained.text, table))
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
    var contexts: [[Expr]] = []
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
    return specs.map { found[keys.firstIndex(of: ContextCells.key($0.context))!] }
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

  func integer(_ expr: Expr, what: String) throws(Diagnostic) -> Int {
    guard case .literal(.int(let n)) = expr.kind, n >= 0 else {
      throw Diagnostic(.expected("a non-negative integer \(what)"), at: expr.range)
    }
    return n
  }

  /// A title given by id or by name (the `titles` table's `name` column).
  private func titleNumber(_ expr: Expr) throws(Diagnostic) -> Int {
    if case .literal(.string(let name)) = expr.kind {
      guard let titles = tables["titles"], let names = titles["name"], let ids = titles["id"] else {
        throw Diagnostic(.unknownTable("titles", known: Array(tables.keys)), at: expr.range)
      }
      for i in 0..<titles.count where names.value(at: i) == .string(name) {
        if let id = ids.int(at: i) { return id }
      }
      throw Diagnostic(.unknownValue("title", "\"\(name)\"", in: "titles"), at: expr.range)
    }
    return try integer(expr, what: "title")
  }

  private func findRow(in table: Table, member: Int, title: Int) -> Int? {
    guard let m = table["member"], let t = table["title"] else { return nil }
    for i in 0..<table.count where m.int(at: i) == member && t.int(at: i) == title { return i }
    return nil
  }
}
