extension Session {
  /// A builder for a `rows` or `candidates` page: the rows, the utility, the diversity rules.
  func homePage(_ page: PageDefinition, context: PageContext) throws(Diagnostic) -> any PageBuilder {
    try homePageBuilder(page, context: context)
  }

  /// The concrete builder, for `show` and `explain`, which also read its decisions.
  /// `covisitDepth` bounds co-visitation (see `NeighbourIndex.covisit`); the indexes are the
  /// session's kept ones when their data has not changed since they were built.
  func homePageBuilder(
    _ page: PageDefinition, context: PageContext, covisitDepth: Int? = nil
  ) throws(Diagnostic) -> HomePageBuilder {
    let (names, ranked): ([Identifier], Bool) =
      switch page.layout {
      case .rows(let rows): (rows, false)
      case .candidates(let rows): (rows, true)
      case .table, nil: ([], false)
      }
    var utility: (any RowUtility)?
    switch page.utility {
    case .formula(let e): utility = try UtilityFormula(e)
    case .model(let name):
      guard let model = models[name.text] else {
        throw Diagnostic(.unknownDefinition("model", name.text, known: models.keys.sorted()), at: name.range)
      }
      utility = model
    case .uplift(let range): throw Diagnostic(.notAvailableYet("utility uplift"), at: range)
    case nil: utility = nil
    }
    var rules = DiversityRules()
    if let name = page.diversity {
      guard let statement = definitions[name.text], case .diversity(let d) = statement.kind else {
        throw Diagnostic(.unknownDefinition("diversity", name.text, known: []), at: name.range)
      }
      rules = try DiversityRules(d)
    }
    let home = homeIndexes.indexes(context, seed: seed, covisitDepth: covisitDepth)
    var plans: [RowPlan] = []
    for name in names {
      guard let statement = definitions[name.text], case .row(let row) = statement.kind else {
        throw Diagnostic(.unknownDefinition("row", name.text, known: []), at: name.range)
      }
      plans.append(try RowPlan(row, index: home.index, tables: context.tables))
    }
    let size = page.size.map { ($0.rows, $0.columns) } ?? (10, 20)
    return HomePageBuilder(home: home, plans: plans, ranked: ranked, utility: utility, rules: rules, size: size)
  }
}
