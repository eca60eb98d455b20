import RecCore
import RecEngine
import RecSyntax

/// A row definition read into the `RowSpec` the engine builds: its loop, source and arguments,
/// clauses bound against the catalog's columns, title template, exclusions and limit.
extension Checker {
  /// `row` as a page built now would use it; nil while the catalog's columns are known only
  /// once a file is read (a whole-program check), or when `clauses` is false (a definition made
  /// before any catalog is loaded: its clauses are bound where a page uses it).
  func rowSpec(_ row: RowDefinition, clauses: Bool = true) throws(Diagnostic) -> RowSpec? {
    var expansion: (variable: String, over: RowPlan.Expansion)?
    if let (variable, source) = row.expansion { expansion = (variable.text, try self.expansion(source)) }
    guard let from = row.source else {
      throw Diagnostic(.expected("a 'from' clause", after: "'row \(row.name.text)'"), at: row.name.range)
    }
    let source = try sourceSpec(from, variable: expansion?.variable)
    var spec = RowSpec(
      name: row.name.text, title: nil, expansion: expansion, source: source, filter: nil, order: [],
      excludeWatched: false, excludeShown: false, excludeTables: [], limit: nil)
    for name in row.exclude {
      switch name.text {
      case "watched": spec.excludeWatched = true
      case "shown": spec.excludeShown = true
      default:
        try requireTable(name)
        spec.excludeTables.append((name.text, name.range))
      }
    }
    if let limit = row.limit {
      spec.limit = try integer(limit, in: Self.rowLimits, expected: "a whole number up to 100,000", after: "'limit'")
    }
    let titles = environment.schema("titles")
    let members = environment.schema("members")
    // A catalog or members table known by name only: its columns come with the data.
    if !clauses || titles == .some(nil) || members == .some(nil) { return nil }
    let catalog = Self.catalogSchema(titles ?? nil)
    let binder = rowBinder(catalog: catalog, members: members ?? nil, variable: expansion)
    let scope = Binder.Scope(schema: catalog, table: "titles")
    spec.filter = try row.filter.map { e throws(Diagnostic) in try binder.bind(e, in: scope) }
    for key in row.order { spec.order.append((try binder.bind(key.expr, in: scope), key.descending)) }
    spec.title = try row.title.map { e throws(Diagnostic) in
      try titleTemplate(e, variable: expansion, titles: titles ?? nil, members: members ?? nil)
    }
    return spec
  }

  /// The catalog as row clauses read it: the `titles` columns, then `title` (the id),
  /// `popularity` (plays in the history), `age` (time since release) and `affinity` (the member's).
  static func catalogSchema(_ titles: Schema?) -> Schema {
    let derived = RowExpression.derivedColumns
    let own = (titles?.columns ?? []).filter { c in !derived.contains { $0.0 == c.name } }
    return Schema(own + derived)
  }

  /// A binder over the catalog in which `member`, `member.X`, `title.X`, the loop variable,
  /// `affinity(member, title)` and (with `upliftModels`) `uplift(NAME)` mean what they mean in a row.
  func rowBinder(
    catalog: Schema, members: Schema?, variable: (variable: String, over: RowPlan.Expansion)?, upliftModels: Bool = true
  ) -> Binder {
    var binder = Binder(schema: { $0 == "titles" ? catalog : nil }, tableNames: { ["titles"] })
    binder.special = { e, binder, scope throws(Diagnostic) in
      switch e.kind {
      case .name(let n) where n == variable?.variable:
        let type: ColumnType = if case .topGenres = variable?.over { .string } else { .int }
        return BoundExpr(.parameter(.variable), type, e.range)
      case .name("member"):
        return BoundExpr(.parameter(.member), .int, e.range)
      case .member(let base, let field):
        if case .name("title") = base.kind { return try binder.bind(Expr(.name(field), e.range), in: scope) }
        guard case .name("member") = base.kind else { return nil }
        if field == "top_genres" { return BoundExpr(.parameter(.memberField(field)), .list, e.range) }
        guard let members else { return BoundExpr(.parameter(.memberField(field)), .string, e.range) }
        guard let type = members.type(of: field) else {
          throw Diagnostic(.unknownColumn(field, in: "members", known: members.names + ["top_genres"]), at: e.range)
        }
        return BoundExpr(.parameter(.memberField(field)), type, e.range)
      case .call("affinity", _):
        return BoundExpr(.column("affinity"), .float, e.range)
      case .call("uplift", let arguments):
        // An uplift model's features are read while it trains, before any model could score them.
        guard upliftModels else {
          throw Diagnostic(.expected("a feature of the member and the title", found: "an uplift model's prediction"), at: e.range)
        }
        guard arguments.count == 1, let argument = arguments.first, argument.label == nil,
          case .name(let model) = argument.value.kind
        else {
          throw Diagnostic(
            .expected("the name of an uplift model", after: "'uplift('"), at: arguments.first?.value.range ?? e.range)
        }
        try self.requireRankingUplift(Identifier(model, argument.value.range))
        return BoundExpr(.column(TitleUplift.column(model)), .float, e.range)
      default:
        return nil
      }
    }
    return binder
  }

  /// `for x in recent_plays(limit: 3)` or `top_genres(limit: 5)`.
  private func expansion(_ e: Expr) throws(Diagnostic) -> RowPlan.Expansion {
    guard case .call(let f, let args) = e.kind, RowSources.expansions.contains(f) else {
      let name = if case .call(let f, _) = e.kind { f } else { e.range.text }
      throw Diagnostic(.unknownSource(name, known: RowSources.expansions), at: e.range)
    }
    var arguments = SourceArguments(f, args)
    let limit = try arguments.count("limit", default: f == "recent_plays" ? 3 : 5)
    try arguments.finish()
    return f == "recent_plays" ? .recentPlays(limit: limit) : .topGenres(limit: limit)
  }

  /// The source of `from …`: a call of a built-in source with its arguments read, or `titles`.
  private func sourceSpec(_ e: Expr, variable: String?) throws(Diagnostic) -> RowSource.Spec {
    switch e.kind {
    case .name("titles"):
      return .catalog
    case .call(let name, let args):
      var arguments = SourceArguments(name, args)
      let spec: RowSource.Spec
      switch name {
      case "continue_watching":
        spec = .continueWatching(
          min: Float(try arguments.fraction("min", default: 0.05)), max: Float(try arguments.fraction("max", default: 0.9)))
      case "popular":
        spec = .popular(window: try arguments.duration("window"), by: try arguments.memberColumn("by", members: environment.schema("members") ?? nil))
      case "trending":
        spec = .trending(window: try arguments.duration("window") ?? 7 * 86400)
      case "new_releases":
        spec = .newReleases(within: try arguments.duration("within") ?? 90 * 86400)
      case "similar":
        let seed = try arguments.positional(0)
        guard case .name(let n) = seed?.kind, n == variable else {
          throw Diagnostic(
            .expected("the loop variable of 'for … in recent_plays(…)'", after: "'similar('"), at: seed?.range ?? e.range)
        }
        spec = .similar(try arguments.neighbourKind())
      case "top_picks":
        spec = .topPicks
      default:
        throw Diagnostic(.unknownSource(name, known: RowSources.names), at: e.range)
      }
      try arguments.finish()
      return spec
    case .name(let name):
      throw Diagnostic(.unknownSource(name, known: RowSources.names), at: e.range)
    default:
      throw Diagnostic(.expected("a row source such as 'popular(window: 7d)'", after: "'from'"), at: e.range)
    }
  }

  /// A row's title: text, or an interpolated string whose parts are the loop variable, the
  /// member, a column of the member, or a column of the loop's seed title.
  private func titleTemplate(
    _ e: Expr, variable: (variable: String, over: RowPlan.Expansion)?, titles: Schema?, members: Schema?
  ) throws(Diagnostic) -> RowTitleTemplate {
    switch e.kind {
    case .literal(.string(let s)): return RowTitleTemplate(parts: [.text(s)])
    case .interpolated(let pieces):
      var parts: [RowTitleTemplate.Part] = []
      for piece in pieces {
        switch piece {
        case .text(let s): parts.append(.text(s))
        case .expr(let x): parts.append(try titlePart(x, variable: variable, titles: titles, members: members))
        }
      }
      return RowTitleTemplate(parts: parts)
    default:
      return RowTitleTemplate(parts: [.text(e.range.text)])
    }
  }

  private func titlePart(
    _ e: Expr, variable: (variable: String, over: RowPlan.Expansion)?, titles: Schema?, members: Schema?
  ) throws(Diagnostic) -> RowTitleTemplate.Part {
    switch e.kind {
    case .name("member"):
      return .member
    case .name(let n) where n == variable?.variable:
      return .variable
    case .member(let base, let field):
      if case .name("member") = base.kind {
        if let members, members.type(of: field) == nil {
          throw Diagnostic(.unknownColumn(field, in: "members", known: members.names), at: e.range)
        }
        return .memberField(field)
      }
      if case .name(let n) = base.kind, n == variable?.variable, case .recentPlays = variable?.over {
        if let titles, titles.type(of: field) == nil {
          throw Diagnostic(.unknownColumn(field, in: "titles", known: titles.names), at: e.range)
        }
        return .seedField(field)
      }
    default:
      break
    }
    throw Diagnostic(.expected("the loop variable, 'seed.name' or 'member.country'", after: "'{'"), at: e.range)
  }
}
