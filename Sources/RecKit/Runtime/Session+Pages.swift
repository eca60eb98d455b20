import RecCore
import RecEngine

extension Session {
  /// A builder for `page`, built from `context`: a logged grid, or rows placed as the page says.
  func builder(_ page: PagePlan, context: PageContext) throws(Diagnostic) -> any PageBuilder {
    switch page.layout {
    case .logged(let name, let range):
      return try LoggedPage(try table(name, at: range), name: name, at: range)
    case .home:
      return try homePageBuilder(page, context: context)
    }
  }

  /// The builder of a page of rows, for `show` and `explain`, which also read its decisions. The
  /// indexes are the session's kept ones when their data has not changed since they were built.
  func homePageBuilder(_ page: PagePlan, context: PageContext) throws(Diagnostic) -> HomePageBuilder {
    let (rows, ranked): ([RowSpec], Bool) =
      switch page.layout {
      case .home(let rows, let ranked): (rows, ranked)
      case .logged: ([], false)
      }
    var utility: (any RowUtility)?
    var uplift: TitleUplift?
    switch page.utility {
    case .formula(let formula): utility = formula
    case .model(let name, let range):
      guard let model = models[name] else {
        throw Diagnostic(.unknownDefinition("model", name, known: models.keys.sorted()), at: range)
      }
      utility = model
    case .uplift(let name, let range):
      guard let model = titleUplift[name] else {
        throw Diagnostic(.unknownDefinition("uplift", name, known: titleUplift.keys.sorted()), at: range)
      }
      utility = MeanUplift()
      uplift = model
    case nil: utility = nil
    }
    let home = try homeIndexes.indexes(context, seed: seed, cancellation: cancellation)
    var plans: [RowPlan] = []
    for row in rows {
      try cancellation.check()
      plans.append(try RowPlan(row, index: home.index, tables: context.tables, uplift: titleUplift))
    }
    return try HomePageBuilder(
      home: home, plans: plans, ranked: ranked, utility: utility, uplift: uplift, rules: page.rules, size: page.size,
      cancellation: cancellation)
  }

  /// The session's trained uplift models as pages read them, by name.
  var titleUplift: [String: TitleUplift] {
    var models: [String: TitleUplift] = [:]
    for (name, model) in upliftModels {
      if let spec = definitions[name]?.uplift { models[name] = TitleUplift(model, features: spec.features.map(\.bound)) }
    }
    return models
  }

  /// The session's tables by name, for the pages' exclusions and catalog.
  var tablesByName: [String: Table] {
    Dictionary(tables.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
  }
}
