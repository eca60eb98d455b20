/// Rows, pages, diversity rules and models, and the statements that draw a page.
extension Checker {
  /// A row's source must be a known one, its loop a known expansion, its exclusions known
  /// tables, and its `where` and `order by` read known fields of a title (once the catalog's
  /// columns are known).
  func check(_ row: RowDefinition) throws(Diagnostic) {
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
    if let limit = row.limit {
      _ = try integer(limit, in: Self.rowLimits, expected: "a whole number up to 100,000", after: "'limit'")
    }
    if let titles = environment.schema("titles") ?? nil {
      for e in [row.filter].compactMap({ $0 }) + row.order.map(\.expr) {
        try RowExpression.check(
          e, variable: row.expansion?.variable.text, titles: titles, members: environment.schema("members") ?? nil,
          context: row.name.text)
      }
    }
  }

  /// A page's rows, diversity rule and model must be defined, its formula read, its size fit.
  func check(_ page: PageDefinition) throws(Diagnostic) {
    _ = try plan(page, at: page.name.range)
  }

  /// `model NAME = logistic(f, …) on TABLE`: a known kind, inputs that are row features, a log.
  func check(_ model: ModelDefinition) throws(Diagnostic) -> ModelInputs {
    guard Self.modelKinds.contains(model.kind.text) else {
      throw Diagnostic(.unknownModelKind(model.kind.text, known: Self.modelKinds), at: model.kind.range)
    }
    var inputs: [(text: String, formula: UtilityFormula)] = []
    for e in model.features { inputs.append((e.range.text, try UtilityFormula(e))) }
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

  /// The page `name` with its rows, rule and utility looked up, for a statement that builds it.
  func pagePlan(_ name: Identifier) throws(Diagnostic) -> PagePlan {
    try plan(try require(name, as: .page, \.page), at: name.range)
  }

  /// `page` with everything it names looked up; `range` is where the using statement names it.
  private func plan(_ page: PageDefinition, at range: SourceRange) throws(Diagnostic) -> PagePlan {
    var rules = DiversityRules()
    if let name = page.diversity { rules = try require(name, as: .diversity, \.diversityRules) }
    var utility: PagePlan.Utility?
    switch page.utility {
    case .formula(let e): utility = .formula(try UtilityFormula(e))
    case .model(let model):
      _ = try require(model, as: .model, \.model)
      utility = .model(model.text, model.range)
    case .uplift(let where_): throw Diagnostic(.notAvailableYet("utility uplift"), at: where_)
    case nil: break
    }
    let layout: PagePlan.Layout
    switch page.layout {
    case .rows(let names), .candidates(let names):
      var rows: [RowDefinition] = []
      for name in names { rows.append(try require(name, as: .row, \.row)) }
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
    return PagePlan(name: page.name.text, range: range, layout: layout, utility: utility, rules: rules, size: size)
  }

  /// `show page P for member M`, `show row R for member M`.
  func checkShow(_ what: Identifier, _ name: Identifier, member: Expr) throws(Diagnostic) -> ShowPlan {
    let page: PagePlan
    if what.text == "row" {
      let row = try require(name, as: .row, \.row)
      page = PagePlan(
        name: name.text, range: name.range, layout: .home(rows: [row], ranked: false), utility: nil,
        rules: DiversityRules(), size: (10, 20))
    } else {
      page = try pagePlan(name)
    }
    return ShowPlan(what: what.text, page: page, member: try memberChoice(member))
  }
}
