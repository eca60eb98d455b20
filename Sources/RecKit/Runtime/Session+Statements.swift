import RecCore
import RecEngine

extension Session {
  /// Runs one checked statement: the one place where statements meet the engine.
  func execute(_ checked: CheckedStatement) throws(Diagnostic) {
    switch checked.kind {
    case .load(let plan):
      try load(plan)
    case .save(let name, let path):
      try save(name, to: path)
    case .split(let plan):
      try split(plan)
    case .query(let pipeline):
      let result = try runQuery(pipeline)
      let metrics = pipeline.metricColumns { self.metricColumns[$0] ?? [] }
      keepResult(result, from: pipeline.tablesRead, metricColumns: metrics)
      show(result, metricColumns: metrics)
    case .assign(let name, let pipeline):
      let result = try runQuery(pipeline)
      keep(result, as: name, from: pipeline.tablesRead, metricColumns: pipeline.metricColumns { self.metricColumns[$0] ?? [] })
      status("\(name): \(count(result.count, "row")) × \(count(result.names.count, "column"))")
    case .setSeed(let value):
      seed = value
    case .setMemory(let bytes):
      memoryBudget = MemoryBudget(bytes: bytes)
      status("memory budget: \(MemoryBudget.spelled(bytes)) per statement")
    case .define(let definition):
      definitions[definition.name] = definition
    case .trainModel(let definition, let inputs):
      try train(definition, inputs)
    case .trainRanker(let definition, let spec):
      try train(definition, spec)
    case .trainUplift(let definition, let spec):
      try train(definition, spec)
    case .explainSearch(let plan):
      try explain(plan)
    case .show(let plan):
      try show(plan)
    case .explain(let page, let member):
      try explain(page, member: member)
    case .eval(let plan):
      try evaluate(plan)
    case .evalSearch(let plan):
      try evaluate(plan)
    case .evalUplift(let plan):
      try evaluate(plan)
    case .search(let plan):
      try search(plan)
    case .sweep(let plan):
      try sweep(plan)
    case .upliftSweep(let plan):
      try sweep(plan)
    case .pick(let plan):
      try pick(plan)
    case .simulate(let plan):
      try simulate(plan, at: checked.statement.headerRange)
    case .replay(let plan):
      try replay(plan)
    case .estimate(let plan):
      try estimate(plan)
    case .abtestPages(let plan):
      try abtest(plan, at: checked.statement.headerRange)
    case .abtestLogged(let plan):
      try abtest(plan)
    case .cluster(let plan):
      try cluster(plan)
    case .uplift(let plan):
      try uplift(plan)
    case .importDefinitions(let statements, let path):
      for statement in statements { try execute(statement) }
      status("imported \(count(statements.count, "definition")) from '\(path)'")
    case .export(let page, let statements, let path):
      try export(page, statements, to: path)
    }
  }

  /// Runs a bound pipeline over the session's tables.
  func runQuery(_ pipeline: BoundPipeline) throws(Diagnostic) -> Table {
    try queryEngine().run(pipeline, cancellation: cancellation)
  }

  /// A query engine over the session's tables, with "now" and the seed of `random()`; `extra` is
  /// one more table, seen under its name before the session's.
  func queryEngine(extra: (name: String, table: Table)? = nil) -> QueryEngine {
    let tables = self.tables
    return QueryEngine(
      table: { name in name == extra?.name ? extra?.table : tables[name] }, now: dataNow, seed: seed,
      budget: memoryBudget)
  }

  /// "Now" when a query does not name one: the latest play in the data, never the clock.
  var dataNow: Int? {
    guard let plays = tables["plays"], let at = plays["at"], at.count > 0 else { return nil }
    var latest = Int.min
    for i in 0..<at.count { if let t = at.int(at: i), t > latest { latest = t } }
    return latest == Int.min ? nil : latest
  }

  /// Keeps a table a statement computed from the tables `inputs`, with the columns that print as
  /// metrics.
  func keep(_ table: Table, as name: String, from inputs: Set<String>, metricColumns metrics: Set<String> = []) {
    tables[name] = table
    metricColumns[name] = metrics.isEmpty ? nil : metrics
    lineage.record(name, .derived(from: inputs))
    dropped[name] = nil
  }

  /// Keeps a statement's result as `_` and `_N`, like a query's.
  func keepResult(_ table: Table, from inputs: Set<String>, metricColumns metrics: Set<String> = []) {
    resultCount += 1
    keep(table, as: "_", from: inputs, metricColumns: metrics)
    keep(table, as: "_\(resultCount)", from: inputs, metricColumns: metrics)
  }
}
