import RecCore
import RecEngine
import RecSyntax

/// The checking pass: turns parsed statements into checked ones, resolving every table, column,
/// split and definition name and reading every option, against an `Environment`.
///
/// Everything that can be known without the data's values is found here, so `rec check` and
/// `rec run` report it alike, at its place and with the same message. What depends on the
/// files (the columns of a CSV file, the rows of a table) is checked when the statement runs:
/// the session checks each statement again just before running it, against its own tables.
package struct Checker {
  var environment: Environment
  /// The folder relative paths are read from.
  let directory: String
  /// The seed of `random()` and of splits without one (`set seed`).
  var seed: UInt64
  /// Files read by `import`, each read once in a run.
  let imports: ImportCache
  /// Folders `import` may read besides the session's folder (and their subfolders).
  let importPath: [String]

  init(environment: Environment, directory: String, seed: UInt64, imports: ImportCache, importPath: [String] = []) {
    self.environment = environment
    self.directory = directory
    self.seed = seed
    self.imports = imports
    self.importPath = importPath
  }

  /// Checks every statement of `program` in order, each in the environment the ones before it
  /// leave; the first problem is thrown.
  mutating func check(_ program: Program) throws(Diagnostic) {
    for statement in program.statements { _ = try check(statement) }
  }

  /// Checks `statement` and records what it makes in the environment.
  /// - Returns: the checked statement; nil when part of it can only be checked once data is
  ///   read (a pipeline over a file's table in a whole-program check).
  mutating func check(_ statement: Statement) throws(Diagnostic) -> CheckedStatement? {
    let kind: CheckedStatement.Kind?
    switch statement.kind {
    case .load(let load):
      kind = .load(try check(load, at: statement.headerRange))
    case .save(let name, let path):
      try requireTable(name)
      kind = .save(table: name.text, to: filePath(path))
    case .split(let split):
      kind = .split(try check(split))
    case .query(let pipeline):
      let bound = try check(pipeline)
      environment.declareResult(bound?.schema, from: bound?.tablesRead ?? [pipeline.source.text])
      kind = bound.map { .query($0) }
    case .assign(let name, let pipeline):
      let bound = try check(pipeline)
      environment.declare(name.text, bound?.schema, from: bound?.tablesRead ?? [pipeline.source.text])
      kind = bound.map { .assign(name.text, $0) }
    case .set(let name, let value):
      kind = try checkSetting(name, value)
      if case .setSeed(let value) = kind { seed = value }
    case .row(let row):
      try check(row)
      kind = .define(define(row.name, statement, .row(row)))
    case .page(let page):
      try check(page)
      kind = .define(define(page.name, statement, .page(page)))
    case .diversity(let d):
      kind = .define(define(d.name, statement, .diversity(try DiversityRules(checking: d))))
    case .model(let m):
      let inputs = try check(m)
      kind = .trainModel(define(m.name, statement, .model(inputs)), inputs)
    case .ranker(let r):
      let spec = try check(r)
      kind = .trainRanker(define(r.name, statement, .ranker(spec)), spec)
      declareRankerTables(r.name.text, from: spec.table)
    case .metric(let m):
      try check(m)
      kind = .define(define(m.name, statement, .metric(m)))
    case .policy(let p):
      kind = .define(define(p.name, statement, .policy(try check(p))))
    case .show(let what, let name, let member):
      kind = try checkShow(what, name, member: member).map { .show($0) }
    case .explain(let page, let member):
      let plan = try pagePlan(page)
      let chosen = try memberChoice(member)
      kind = plan.map { .explain($0, member: chosen) }
    case .explainSearch(let query, let member, let ranker, let limit):
      kind = .explainSearch(
        try checkExplainSearch(query: query, member: member, ranker: ranker, limit: limit, at: statement.headerRange))
      environment.declareResult(nil, from: [])
    case .eval(let e) where evaluatesUplift(e):
      let plan = try checkUpliftEval(e)
      environment.declareResult(nil, from: [e.split.text])
      kind = plan.map { .evalUplift($0) }
    case .eval(let e) where try evaluatesSearches(e):
      let plan = try checkSearchEval(e, at: statement.range)
      environment.declareResult(nil, from: Set([plan?.split.train, plan?.split.test].compactMap { $0 }))
      kind = plan.map { .evalSearch($0) }
    case .eval(let e):
      let plan = try check(e, at: statement.range)
      environment.declareResult(nil, from: Set([plan?.split.train, plan?.split.test].compactMap { $0 }))
      kind = plan.map { .eval($0) }
    case .sweep(let s):
      let plan = try check(s)
      environment.declareResult(nil, from: Set([plan?.split.train, plan?.split.test].compactMap { $0 }))
      kind = plan.map { .sweep($0) }
    case .upliftSweep(let s):
      let plan = try check(s)
      environment.declareResult(nil, from: [s.table.text])
      kind = plan.map { .upliftSweep($0) }
    case .pick(let member, let title, let policy):
      kind = .pick(try checkPick(member: member, title: title, policy: policy))
    case .simulate(let policies, let impressions, let seed):
      kind = .simulate(try checkSimulate(policies, impressions: impressions, seed: seed, at: statement.headerRange))
    case .replay(let policies, let table):
      kind = .replay(try checkReplay(policies, on: table))
    case .estimate(let policies, let table, let estimators, let clip, let interval):
      kind = .estimate(try checkEstimate(policies, on: table, with: estimators, clip: clip, interval: interval))
    case .abtest(let test):
      kind = try check(test, at: statement.headerRange)
      switch kind {
      case .abtestPages(let plan): environment.declareResult(nil, from: [plan.split.train, plan.split.test])
      case .abtestLogged(let plan): environment.declareResult(nil, from: [plan.table])
      default: environment.declareResult(nil, from: [])
      }
    case .importFile(let path, let replacing):
      kind = try checkImport(path, replacing: replacing, at: statement)
    case .export(let page, let path):
      kind = try checkExport(page, to: path)
    case .search(let search):
      let plan = try check(search, at: statement.headerRange)
      environment.declareResult(Self.searchSchema, from: ["titles", "plays"])
      kind = .search(plan)
    case .cluster(let what, let count, let by, let seed):
      kind = .cluster(try checkCluster(what, into: count, by: by, seed: seed))
    case .uplift(let u):
      kind = try check(u).map { .uplift($0) }
      environment.declareResult(nil, from: [u.table.text])
    case .upliftModel(let u):
      let spec = try check(u)
      let definition = define(u.name, statement, .uplift(spec))
      kind = spec.map { .trainUplift(definition, $0) }
      for arm in UpliftModelSpec.armTables { environment.declare(u.name.text + "." + arm, nil, from: [u.table.text]) }
      environment.declareResult(nil, from: [u.table.text])
    }
    return kind.map { CheckedStatement(kind: $0, statement: statement) }
  }

  /// Records a definition under its name (replacing any earlier one) and returns it.
  mutating func define(_ name: Identifier, _ statement: Statement, _ meaning: CheckedDefinition.Meaning)
    -> CheckedDefinition
  {
    let definition = CheckedDefinition(name: name.text, statement: statement, meaning: meaning)
    environment.definitions[name.text] = definition
    return definition
  }

  // MARK: - Names

  /// The columns of the table `name`; nil when only its name is known.
  @discardableResult
  func requireTable(_ name: Identifier) throws(Diagnostic) -> Schema? {
    guard let schema = environment.schema(name.text) else {
      if let reason = environment.dropped[name.text] {
        throw Diagnostic(.droppedByLoad("table", name.text, reason: reason), at: name.range)
      }
      throw Diagnostic(.unknownTable(name.text, known: environment.tables.keys.sorted()), at: name.range)
    }
    return schema
  }

  func requireSplit(_ name: Identifier) throws(Diagnostic) -> SplitChoice {
    guard let sides = environment.splits[name.text] else {
      if let reason = environment.dropped[name.text] {
        throw Diagnostic(.droppedByLoad("split", name.text, reason: reason), at: name.range)
      }
      throw Diagnostic(.unknownSplit(name.text, known: environment.splits.keys.sorted()), at: name.range)
    }
    return SplitChoice(sides: sides, range: name.range)
  }

  /// What the definition `name` means, when it is a `kind` (`extract` reads that kind's meaning).
  func require<Meaning>(
    _ name: Identifier, as kind: CheckedDefinition.Kind, _ extract: (CheckedDefinition) -> Meaning?
  ) throws(Diagnostic) -> Meaning {
    guard let meaning = environment.definitions[name.text].flatMap(extract) else {
      throw Diagnostic(.unknownDefinition(kind.rawValue, name.text, known: environment.names(of: kind)), at: name.range)
    }
    return meaning
  }

  /// A path as the session reads it: relative paths from the session's folder.
  func filePath(_ literal: StringLiteral) -> FilePath {
    let value = literal.value
    let resolved = value.hasPrefix("/") || directory.isEmpty || directory == "." ? value : directory + "/" + value
    return FilePath(written: value, resolved: resolved, range: literal.range)
  }

  // MARK: - Literals

  /// A whole number in `bounds`, written as an integer literal; otherwise "expected `wanted`".
  func integer(
    _ e: Expr, in bounds: ClosedRange<Int>, expected wanted: String, after: String? = nil
  ) throws(Diagnostic) -> Int {
    guard case .literal(.int(let n)) = e.kind, bounds.contains(n) else {
      throw Diagnostic(.expected(wanted, after: after), at: e.range)
    }
    return n
  }

  /// A member id written after `for member`.
  func memberChoice(_ e: Expr) throws(Diagnostic) -> MemberChoice {
    guard case .literal(.int(let id)) = e.kind else {
      throw Diagnostic(.expected("a member id", after: "'for member'"), at: e.range)
    }
    return MemberChoice(id: id, range: e.range)
  }

  /// `set seed N`, `set memory "8GB"`.
  private func checkSetting(_ name: Identifier, _ value: Expr) throws(Diagnostic) -> CheckedStatement.Kind {
    switch name.text {
    case "seed":
      guard case .literal(.int(let n)) = value.kind, n >= 0 else {
        throw Diagnostic(.expected("a non-negative integer seed", after: "'set seed'"), at: value.range)
      }
      return .setSeed(UInt64(n))
    case "memory":
      guard case .literal(.string(let text)) = value.kind, let bytes = MemoryBudget.parse(text) else {
        throw Diagnostic(.expected("a size such as \"8GB\" or \"512MB\"", after: "'set memory'"), at: value.range)
      }
      return .setMemory(bytes)
    default:
      throw Diagnostic(.unknownSetting(name.text, known: ["seed", "memory"]), at: name.range)
    }
  }
}
