/// The checking pass: resolves every table, column and definition name of a program
/// before any of it runs, against what the session has plus what earlier statements of
/// the program will make.
///
/// Tables whose columns cannot be known without reading a file (`load table`) are known
/// by name only; pipelines over them are checked again, with data, when they run.
struct Checker {
  /// What a definition name stands for.
  enum Kind: String { case row, page, diversity, model, metric, policy }

  /// Table names with their schemas; nil when only the name is known yet.
  private var schemas: [String: Schema?] = [:]
  private var definitions: [String: Kind] = [:]
  private var splits: Set<String> = []
  private var results: Int
  private let session: Session

  init(session: Session) {
    self.session = session
    for (name, table) in session.tables { schemas[name] = Schema(of: table) }
    for (name, statement) in session.definitions {
      if let kind = Self.kind(of: statement) { definitions[name] = kind }
    }
    splits = Set(session.splits.keys)
    results = session.resultCount
  }

  /// The first problem in `program`, or nil.
  mutating func check(_ program: Program) -> Diagnostic? {
    for statement in program.statements {
      do {
        try check(statement)
      } catch {
        return error
      }
    }
    return nil
  }

  /// The kind of definition `statement` makes, as a word ("row", "page"), nil for other statements.
  static func kindName(of statement: Statement) -> String? { kind(of: statement)?.rawValue }

  private static func kind(of statement: Statement) -> Kind? {
    switch statement.kind {
    case .row: .row
    case .page: .page
    case .diversity: .diversity
    case .model: .model
    case .metric: .metric
    case .policy: .policy
    default: nil
    }
  }

  private mutating func check(_ statement: Statement) throws(Diagnostic) {
    switch statement.kind {
    case .load(let load):
      declare(load)
    case .save(let name, _):
      try requireTable(name)
    case .split(let split):
      try requireTable(split.table)
      let schema = schemas[split.table.text] ?? nil
      schemas.updateValue(schema, forKey: split.train.text)
      schemas.updateValue(schema, forKey: split.test.text)
      splits.formUnion([split.train.text, split.test.text])
    case .query(let pipeline):
      let schema = try check(pipeline)
      results += 1
      schemas.updateValue(schema, forKey: "_")
      schemas.updateValue(schema, forKey: "_\(results)")
    case .assign(let name, let pipeline):
      schemas.updateValue(try check(pipeline), forKey: name.text)
    case .set:
      break
    case .row(let row):
      try check(row)
      definitions[row.name.text] = .row
    case .page(let page):
      try check(page)
      definitions[page.name.text] = .page
    case .diversity(let d):
      definitions[d.name.text] = .diversity
    case .model(let m):
      _ = try Session.modelInputs(m)
      try requireTable(m.table)
      definitions[m.name.text] = .model
    case .metric(let m):
      try requireTable(m.table)
      definitions[m.name.text] = .metric
    case .policy(let p):
      if let table = p.trainedOn { try requireTable(table) }
      definitions[p.name.text] = .policy
    case .show(let what, let name, _):
      try require(name, as: what.text == "row" ? .row : .page)
    case .explain(let page, _):
      try require(page, as: .page)
    case .eval(let e):
      for page in e.pages { try require(page, as: .page) }
      if let baseline = e.baseline { try require(baseline, as: .page) }
      try requireSplit(e.split)
      for metric in e.metrics { try check(metric) }
      declareResult()
    case .sweep(let s):
      for page in s.pages { try require(page, as: .page) }
      try requireSplit(s.split)
      try check(s.metric, bindings: [s.variable.text: 1])
      declareResult()
    case .pick(_, _, let policy):
      try require(policy, as: .policy)
    case .simulate(let policies, _, _):
      for p in policies { try require(p, as: .policy) }
    case .replay(let policies, let table), .estimate(let policies, let table, _):
      for p in policies { try require(p, as: .policy) }
      try requireTable(table)
    case .abtest(.pages(let a, let b, let split, _, _, let metrics)):
      try require(a, as: .page)
      try require(b, as: .page)
      try requireSplit(split)
      for metric in metrics { try check(metric) }
    case .abtest(.logged(let table, _, _, _)):
      try requireTable(table)
    case .importFile:
      // The imported definitions are checked, and their names learnt, where the import stands.
      try session.forEachImported(by: statement) { definition throws(Diagnostic) in try check(definition) }
    case .cluster, .search, .uplift:
      break
    case .export(let page, _):
      try require(page, as: .page)
    }
  }

  /// An `eval` or `sweep` result is kept as `_` and `_N`; its columns depend on the data.
  private mutating func declareResult() {
    results += 1
    schemas.updateValue(nil, forKey: "_")
    schemas.updateValue(nil, forKey: "_\(results)")
  }

  /// Records the tables a load will make, with their schemas where they are known without data.
  private mutating func declare(_ load: Load) {
    switch load {
    case .demo:
      for (name, schema) in DemoWorld.schemas { schemas.updateValue(schema, forKey: name) }
    case .dataset(let format, _):
      for name in Self.tablesLoaded(by: format.text) { schemas.updateValue(nil, forKey: name) }
    case .table(let name, _, _, _):
      schemas.updateValue(nil, forKey: name.text)
    }
  }

  /// The tables a dataset loader makes; their columns depend on the files, so only names are known.
  private static func tablesLoaded(by format: String) -> [String] {
    switch format {
    case "movielens": ["ratings", "plays", "titles", "members", "tags"]
    case "recbole": ["plays", "ratings", "titles", "members"]
    case "obd": ["impressions"]
    default: []
    }
  }

  /// Checks a pipeline's names when every table it may read has a known schema.
  private func check(_ pipeline: Pipeline) throws(Diagnostic) -> Schema? {
    try requireTable(pipeline.source)
    if schemas.values.contains(where: { $0 == nil }) { return nil }
    let known = schemas
    let engine = QueryEngine(
      schema: { known[$0] ?? nil }, table: { _ in nil }, tableNames: { Array(known.keys) }, now: nil, seed: 0)
    return try engine.check(pipeline)
  }

  private func check(_ row: RowDefinition) throws(Diagnostic) {
    if let source = row.source {
      switch source.kind {
      case .call(let name, _):
        guard RowSources.names.contains(name) else {
          throw Diagnostic(.unknownSource(name, known: RowSources.names), at: source.range)
        }
      case .name(let name) where name != "titles":
        throw Diagnostic(.unknownSource(name, known: RowSources.names), at: source.range)
      default:
        break
      }
    }
    if let (_, source) = row.expansion, case .call(let name, _) = source.kind,
      !RowSources.expansions.contains(name)
    {
      throw Diagnostic(.unknownSource(name, known: RowSources.expansions), at: source.range)
    }
    for name in row.exclude where name.text != "watched" && name.text != "shown" {
      try requireTable(name)
    }
    if let titles = schemas["titles"] ?? nil {
      for e in [row.filter].compactMap({ $0 }) + row.order.map(\.expr) {
        try RowExpression.check(
          e, variable: row.expansion?.variable.text, titles: titles, members: schemas["members"] ?? nil,
          context: row.name.text)
      }
    }
  }

  private func check(_ page: PageDefinition) throws(Diagnostic) {
    switch page.layout {
    case .rows(let rows), .candidates(let rows):
      for row in rows { try require(row, as: .row) }
    case .table(let table):
      try requireTable(table)
    case nil:
      break
    }
    if let diversity = page.diversity { try require(diversity, as: .diversity) }
    if case .model(let model) = page.utility { try require(model, as: .model) }
    if case .formula(let formula) = page.utility { _ = try UtilityFormula(formula) }
  }

  /// A metric is a `metric` definition or a built-in with a valid cut-off.
  private func check(_ metric: MetricRef, bindings: [String: Int] = [:]) throws(Diagnostic) {
    if definitions[metric.name] == .metric { return }
    _ = try Metric.resolve(metric, bindings: bindings)
  }

  private func requireTable(_ name: Identifier) throws(Diagnostic) {
    guard schemas[name.text] != nil else {
      throw Diagnostic(.unknownTable(name.text, known: schemas.keys.sorted()), at: name.range)
    }
  }

  private func requireSplit(_ name: Identifier) throws(Diagnostic) {
    guard splits.contains(name.text) else {
      throw Diagnostic(.unknownSplit(name.text, known: splits.sorted()), at: name.range)
    }
  }

  private func require(_ name: Identifier, as kind: Kind) throws(Diagnostic) {
    guard definitions[name.text] == kind else {
      let known = definitions.filter { $0.value == kind }.map(\.key).sorted()
      throw Diagnostic(.unknownDefinition(kind.rawValue, name.text, known: known), at: name.range)
    }
  }
}
