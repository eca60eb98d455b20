extension Session {
  /// Runs one checked statement. The one place where statements meet the engine.
  func execute(_ statement: Statement) throws(Diagnostic) {
    switch statement.kind {
    case .load(let load):
      try execute(load, range: statement.range)
    case .save(let name, let path):
      try save(name, to: path)
    case .split(let split):
      try execute(split)
    case .query(let pipeline):
      let result = try runQuery(pipeline)
      resultCount += 1
      tables["_"] = result
      tables["_\(resultCount)"] = result
      show(result)
    case .assign(let name, let pipeline):
      let result = try runQuery(pipeline)
      tables[name.text] = result
      status("\(name.text): \(count(result.count, "row")) × \(count(result.names.count, "column"))")
    case .set(let name, let value):
      try set(name, value)
    case .row(let d):
      definitions[d.name.text] = statement
    case .page(let d):
      definitions[d.name.text] = statement
    case .diversity(let d):
      definitions[d.name.text] = statement
    case .model(let d):
      try define(d, statement: statement)
    case .metric(let d):
      definitions[d.name.text] = statement
    case .policy(let d):
      try define(d, statement: statement)
    case .show(let what, let name, let member):
      try show(what, name, member: member)
    case .explain(let page, let member):
      try explain(page, member: member)
    case .eval(let e):
      try execute(e)
    case .sweep(let s):
      try execute(s)
    case .pick(let member, let title, let policy):
      try pick(member: member, title: title, policy: policy)
    case .simulate(let policies, let impressions, let seed):
      try simulate(policies, impressions: impressions, seed: seed, range: statement.headerRange)
    case .replay(let policies, let table):
      try replay(policies, on: table)
    case .estimate(let policies, let table, let estimators):
      try estimate(policies, on: table, with: estimators)
    case .abtest(let test):
      try abtest(test, range: statement.headerRange)
    case .importFile:
      try importDefinitions(statement)
    case .export(let page, let path):
      try export(page, to: path)
    case .search, .cluster, .uplift:
      throw Diagnostic(.notAvailableYet(statement.keyword), at: statement.headerRange)
    }
  }

  /// A query engine over the session's tables, with "now" and the seed of `random()`;
  /// `extra` is one more table, seen under its name before the session's.
  func queryEngine(now: Int? = nil, extra: (name: String, table: Table)? = nil) -> QueryEngine {
    let lookup = { [unowned self] (name: String) in name == extra?.name ? extra?.table : self.tables[name] }
    return QueryEngine(
      schema: { lookup($0).map(Schema.init(of:)) },
      table: lookup,
      tableNames: { [unowned self] in Array(self.tables.keys) + (extra.map { [$0.name] } ?? []) },
      now: now ?? dataNow, seed: seed)
  }

  func runQuery(_ pipeline: Pipeline) throws(Diagnostic) -> Table {
    let engine = queryEngine()
    _ = try engine.check(pipeline)
    return try engine.run(pipeline, interrupted: { [unowned self] in self.isInterrupted })
  }

  /// "Now" when a query does not name one: the latest play in the data, never the clock.
  var dataNow: Int? {
    guard let plays = tables["plays"], let at = plays["at"], at.count > 0 else { return nil }
    var latest = Int.min
    for i in 0..<at.count { if let t = at.int(at: i), t > latest { latest = t } }
    return latest == Int.min ? nil : latest
  }

  /// Draws `table` in the session's output format to the results stream.
  func show(_ table: Table, metricColumns: Set<String> = []) {
    let options = RenderOptions(width: options.width, metricColumns: metricColumns)
    write(TableRenderer.render(table, format: self.options.format, options: options), .results)
    record(.table(table, metricColumns: metricColumns))
  }

  private func set(_ name: Identifier, _ value: Expr) throws(Diagnostic) {
    switch name.text {
    case "seed":
      guard case .literal(.int(let n)) = value.kind, n >= 0 else {
        throw Diagnostic(.expected("a non-negative integer seed", after: "'set seed'"), at: value.range)
      }
      seed = UInt64(n)
    default:
      throw Diagnostic(.unknownSetting(name.text, known: ["seed"]), at: name.range)
    }
  }
}

/// `1 row`, `3 rows` — a count with its noun.
func count(_ n: Int, _ noun: String) -> String {
  "\(thousands(n)) \(noun)\(n == 1 ? "" : "s")"
}
