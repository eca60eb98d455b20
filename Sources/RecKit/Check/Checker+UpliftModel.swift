import RecCore
import RecEngine
import RecSyntax

/// `uplift NAME = tlearner(logistic(f, …)) on T` and `response(logistic(f, …))`.
extension Checker {
  /// The learner and its features, and T's treatment, outcome and propensity columns (0/1 or
  /// bool, the treatment `shown` and the outcome `played` unless named; with `within D` the
  /// outcome a table of plays credited to T's exposures, `checkOutcome`). A feature is a number:
  /// either computable for any (member, title), bound over the catalog as a row's `order by` is,
  /// or an expression over T's own columns (features a log carries), which keeps the model from
  /// ranking titles (`utility uplift`, `uplift(NAME)` refuse it). The treatment, outcome and
  /// propensity are never features. Nil while T's, the catalog's or the members' columns are
  /// known only once a file is read (a whole-program check).
  func check(_ d: UpliftModelDefinition) throws(Diagnostic) -> UpliftModelSpec? {
    let (learner, featureExprs) = try Self.learner(d.learner)
    let schema = try requireTable(d.table)
    let treat = d.treat ?? Identifier("shown", d.table.range)
    if d.outcome == nil, let within = d.within { throw Diagnostic(.windowWithoutOutcome, at: within.range) }
    let outcome = d.outcome ?? Identifier("played", d.table.range)
    if let schema {
      var columns = [("treatment", treat)]
      if let propensity = d.propensity { columns.append(("propensity", propensity)) }
      for (role, column) in columns {
        guard let type = schema.type(of: column.text) else {
          if d.treat == nil && role == "treatment" { throw Diagnostic(.missingTreatment(table: d.table.text), at: column.range) }
          throw Diagnostic(.unknownColumn(column.text, in: d.table.text, known: schema.names), at: column.range)
        }
        try Self.requireNumeric(column, role: role, type: type)
      }
    }
    let attribution = try checkOutcome(outcome, within: d.within, of: d.table, schema: schema)
    guard let schema else { return nil }
    let arms = [("treatment", treat.text), ("outcome", outcome.text)] + (d.propensity.map { [("propensity", $0.text)] } ?? [])
    var logColumns: [(e: Expr, column: (name: String, range: SourceRange)?)] = []
    for e in featureExprs {
      let columns = Self.logColumns(in: e, of: schema)
      if let arm = columns.lazy.compactMap({ c in arms.first { $0.1 == c.name }.map { (c, $0.0) } }).first {
        throw Diagnostic(.armAsFeature(arm.0.name, role: arm.1), at: arm.0.range)
      }
      logColumns.append((e, columns.first))
    }
    if environment.schema("titles") == .some(nil) || environment.schema("members") == .some(nil) { return nil }
    let catalog = Self.catalogSchema(environment.schema("titles") ?? nil)
    let binder = rowBinder(
      catalog: catalog, members: environment.schema("members") ?? nil, variable: nil, upliftModels: false)
    let logBinder = Binder(schema: { $0 == d.table.text ? schema : nil }, tableNames: { [d.table.text] })
    var features: [UpliftModelSpec.Feature] = []
    for (e, logColumn) in logColumns {
      if let logColumn, let pair = Self.pairReference(in: e) {
        throw Diagnostic(.mixedFeature(log: logColumn.name, pair: pair.range.text, table: d.table.text), at: pair.range)
      }
      let bound =
        logColumn == nil
        ? try binder.bind(e, in: Binder.Scope(schema: catalog, table: "titles"))
        : try logBinder.bind(e, in: Binder.Scope(schema: schema, table: d.table.text))
      guard [.int, .float, .bool, .duration, .date, .time].contains(bound.type) else {
        throw Diagnostic(.expected("a numeric feature", found: bound.type.noun), at: e.range)
      }
      features.append(.init(text: e.range.text, bound: bound, range: e.range, readsLog: logColumn != nil))
    }
    return UpliftModelSpec(
      learner: learner, features: features, table: .init(name: d.table.text, range: d.table.range),
      treat: .init(name: treat.text, range: treat.range), outcome: .init(name: outcome.text, range: outcome.range),
      attribution: attribution, propensity: d.propensity.map { .init(name: $0.text, range: $0.range) }, range: d.range)
  }

  /// `tlearner(logistic(f, …))` read into the learner and the features.
  private static func learner(_ e: Expr) throws(Diagnostic) -> (UpliftModel.Learner, [Expr]) {
    let known = UpliftModel.Learner.allCases.map(\.rawValue)
    guard case .call(let name, let arguments) = e.kind else {
      throw Diagnostic(.expected("a learner such as 'tlearner(logistic(…))'", after: "'='"), at: e.range)
    }
    guard let learner = UpliftModel.Learner(rawValue: name) else {
      throw Diagnostic(.unknownLearner(name, known: known), at: e.range)
    }
    guard arguments.count == 1, let base = arguments.first, base.label == nil,
      case .call(let kind, let features) = base.value.kind
    else {
      throw Diagnostic(.expected("one base model such as 'logistic(f, …)'", after: "'\(name)('"), at: e.range)
    }
    guard modelKinds.contains(kind) else {
      throw Diagnostic(.unknownModelKind(kind, known: modelKinds), at: base.value.range)
    }
    guard !features.isEmpty else {
      throw Diagnostic(.expected("at least one feature", after: "'\(kind)('"), at: base.value.range)
    }
    if let labelled = features.first(where: { $0.label != nil }), let label = labelled.label {
      throw Diagnostic(.expected("a feature", found: "'\(label.text):'"), at: label.range)
    }
    return (learner, features.map(\.value))
  }

  /// The bare names in `e` that are columns of the log `schema`, where they are written: `member`
  /// and `title` name the pair (`affinity(member, title)`, `title.year`), not the log's columns.
  private static func logColumns(in e: Expr, of schema: Schema) -> [(name: String, range: SourceRange)] {
    switch e.kind {
    case .name(let n): return n != "member" && n != "title" && schema.type(of: n) != nil ? [(n, e.range)] : []
    case .member(let base, _):
      if case .name = base.kind { return [] }
      return logColumns(in: base, of: schema)
    case .unary(_, let x): return logColumns(in: x, of: schema)
    case .binary(let first, let links): return ([first] + links.map(\.operand)).flatMap { logColumns(in: $0, of: schema) }
    case .call(_, let arguments): return arguments.flatMap { logColumns(in: $0.value, of: schema) }
    case .list(let xs): return xs.flatMap { logColumns(in: $0, of: schema) }
    case .literal, .interpolated: return []
    }
  }

  /// The first part of `e` that reads the member and title rather than a log's row:
  /// `title.x`, `member.x`, `affinity(…)`, `uplift(…)`.
  private static func pairReference(in e: Expr) -> Expr? {
    switch e.kind {
    case .name: return nil
    case .member(let base, _):
      if case .name(let n) = base.kind, n == "title" || n == "member" { return e }
      return pairReference(in: base)
    case .unary(_, let x): return pairReference(in: x)
    case .binary(let first, let links): return ([first] + links.map(\.operand)).lazy.compactMap(pairReference).first
    case .call(let f, let arguments):
      if f == "affinity" || f == "uplift" { return e }
      return arguments.lazy.compactMap { pairReference(in: $0.value) }.first
    case .list(let xs): return xs.lazy.compactMap(pairReference).first
    case .literal, .interpolated: return nil
    }
  }
}
