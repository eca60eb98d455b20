import RecCore
import RecEngine
import RecSyntax

/// `uplift NAME = tlearner(logistic(f, …)) on T` and `response(logistic(f, …))`.
extension Checker {
  /// The columns of an exposure log that only the log knows: a model that ranks titles for a
  /// member who has not been shown them yet cannot read them.
  static let logOnlyColumns = ["slot", "page", "position", "propensity", "shown", "played", "at", "row"]

  /// The learner and its features, and T's treatment, outcome and propensity columns (0/1 or
  /// bool, the treatment `shown` and the outcome `played` unless named; with `within D` the
  /// outcome a table of plays credited to T's exposures, `checkOutcome`). A feature must be a
  /// number computable for any (member, title): it is bound over the catalog as a row's `order by`
  /// is, and a column of the log itself is refused with the reason. Nil while the catalog's or the
  /// members' columns are known only once a file is read (a whole-program check).
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
    let named = [treat.text, outcome.text] + (d.propensity.map { [$0.text] } ?? [])
    for e in featureExprs {
      if let column = Self.logColumn(in: e, also: named) {
        throw Diagnostic(.logOnlyFeature(column.name, table: d.table.text), at: column.range)
      }
    }
    if environment.schema("titles") == .some(nil) || environment.schema("members") == .some(nil) { return nil }
    let catalog = Self.catalogSchema(environment.schema("titles") ?? nil)
    let binder = rowBinder(
      catalog: catalog, members: environment.schema("members") ?? nil, variable: nil, upliftModels: false)
    var features: [UpliftModelSpec.Feature] = []
    for e in featureExprs {
      let bound = try binder.bind(e, in: Binder.Scope(schema: catalog, table: "titles"))
      guard [.int, .float, .bool, .duration, .date, .time].contains(bound.type) else {
        throw Diagnostic(.expected("a numeric feature", found: bound.type.noun), at: e.range)
      }
      features.append(.init(text: e.range.text, bound: bound, range: e.range))
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

  /// The first bare name in `e` that is a column only the log has (`slot`, `shown`) or one the
  /// definition names as its treatment, outcome or propensity.
  private static func logColumn(in e: Expr, also named: [String]) -> (name: String, range: SourceRange)? {
    switch e.kind {
    case .name(let n): return logOnlyColumns.contains(n) || named.contains(n) ? (n, e.range) : nil
    case .member(let base, _):
      // `title.x` and `member.x` read the catalog and members; other bases are left to the binder.
      if case .name = base.kind { return nil }
      return logColumn(in: base, also: named)
    case .unary(_, let x): return logColumn(in: x, also: named)
    case .binary(let first, let links):
      for x in [first] + links.map(\.operand) { if let found = logColumn(in: x, also: named) { return found } }
      return nil
    case .call(_, let arguments):
      for a in arguments { if let found = logColumn(in: a.value, also: named) { return found } }
      return nil
    case .list(let xs):
      for x in xs { if let found = logColumn(in: x, also: named) { return found } }
      return nil
    case .literal, .interpolated: return nil
    }
  }
}
