import RecCore
import RecEngine
import RecSyntax

/// Rows, pages, diversity rules and models, and the statements that draw a page.
extension Checker {
  /// A row's source must be a known one with arguments it takes, its loop a known expansion,
  /// its exclusions known tables, its limit a count, and its `where`, `order by` and title read
  /// known fields (once the catalog's columns are known).
  func check(_ row: RowDefinition) throws(Diagnostic) {
    _ = try rowSpec(row, clauses: environment.schema("titles") != nil)
  }

  /// A page's rows, diversity rule and model must be defined, its formula read, its size fit.
  func check(_ page: PageDefinition) throws(Diagnostic) {
    _ = try plan(page, at: page.name.range, clauses: environment.schema("titles") != nil)
  }

  /// `model NAME = logistic(f, …) on TABLE`: a known kind, inputs that are row features, a log.
  func check(_ model: ModelDefinition) throws(Diagnostic) -> ModelInputs {
    guard Self.modelKinds.contains(model.kind.text) else {
      throw Diagnostic(.unknownModelKind(model.kind.text, known: Self.modelKinds), at: model.kind.range)
    }
    var inputs: [(text: String, formula: UtilityFormula)] = []
    for e in model.features { inputs.append((e.range.text, try UtilityFormula(checking: e))) }
    try requireTable(model.table)
    return ModelInputs(
      inputs: inputs, inputRanges: model.features.map(\.range), table: model.table.text,
      tableRange: model.table.range, range: model.range)
  }

  /// How many titles a row may keep, and how many rows and columns a page may have: past these a
  /// page stops being a page, and its memory would not fit.
  static let rowLimits = 0...100_000
  static let pageSides = 1...1000

  /// The model kinds `model` knows.
  static let modelKinds = ["logistic"]

  /// The page `name` with its rows, rule and utility looked up, for a statement that builds it;
  /// nil while a row's clauses can only be bound once a file is read.
  func pagePlan(_ name: Identifier) throws(Diagnostic) -> PagePlan? {
    try plan(try require(name, as: .page, \.page), at: name.range)
  }

  /// `page` with everything it names looked up; `range` is where the using statement names it.
  /// Without `clauses` (no catalog loaded yet) its rows' clauses are left to the statements that
  /// use it, and no plan is made.
  private func plan(_ page: PageDefinition, at range: SourceRange, clauses: Bool = true) throws(Diagnostic) -> PagePlan? {
    var rules = DiversityRules()
    if let name = page.diversity { rules = try require(name, as: .diversity, \.diversityRules) }
    var utility: PagePlan.Utility?
    switch page.utility {
    case .formula(let e): utility = .formula(try UtilityFormula(checking: e))
    case .model(let model):
      _ = try require(model, as: .model, \.model)
      utility = .model(model.text, model.range)
    case .uplift(let name?, _):
      try requireRankingUplift(name)
      utility = .uplift(name.text, name.range)
    case .uplift(nil, let word):
      let known = environment.names(of: .uplift)
      guard known.count == 1 else { throw Diagnostic(.whichUpliftModel(known: known), at: word) }
      try requireRankingUplift(Identifier(known[0], word))
      utility = .uplift(known[0], word)
    case nil: break
    }
    let layout: PagePlan.Layout
    var complete = true
    switch page.layout {
    case .rows(let names), .candidates(let names):
      var rows: [RowSpec] = []
      for name in names {
        if let spec = try rowSpec(try require(name, as: .row, \.row), clauses: clauses) {
          rows.append(spec)
        } else {
          complete = false
        }
      }
      var ranked = false
      if case .candidates = page.layout { ranked = true }
      layout = .home(rows: rows, ranked: ranked)
    case .table(let table):
      try requireTable(table)
      layout = .logged(table: table.text, range: table.range)
    case nil:
      layout = .home(rows: [], ranked: false)
    }
    var size = (rows: 10, columns: 20)
    if let written = page.size {
      guard Self.pageSides.contains(written.rows), Self.pageSides.contains(written.columns) else {
        throw Diagnostic(.expected("a page size from 1 x 1 to 1000 x 1000", after: "'size'"), at: written.range)
      }
      size = (written.rows, written.columns)
    }
    guard complete else { return nil }
    return PagePlan(name: page.name.text, range: range, layout: layout, utility: utility, rules: rules, size: size)
  }

  /// `show page P for member M`, `show row R for member M`.
  func checkShow(_ what: Identifier, _ name: Identifier, member: Expr) throws(Diagnostic) -> ShowPlan? {
    let page: PagePlan
    if what.text == "row" {
      guard let row = try rowSpec(try require(name, as: .row, \.row)) else { return nil }
      page = PagePlan(
        name: name.text, range: name.range, layout: .home(rows: [row], ranked: false), utility: nil,
        rules: DiversityRules(), size: (10, 20))
    } else {
      guard let plan = try pagePlan(name) else { return nil }
      page = plan
    }
    return ShowPlan(what: what.text, page: page, member: try memberChoice(member))
  }
}
