/// A row definition made ready to build: its source read, its clauses compiled, its
/// exclusion tables indexed. One plan serves every member (from several threads).
struct RowPlan: Sendable {
  /// What `for x in …` expands over.
  enum Expansion: Sendable {
    case recentPlays(limit: Int)
    case topGenres(limit: Int)
  }

  /// One row of a member's page before placement: its title and its ranked candidates.
  struct Instance {
    var definition: String
    var title: String
    /// Candidates in row order (dense title numbers), at most `limit` (or the cap) long.
    var titles: [Int32]
    /// The genre this row is about: its loop genre, or the commonest genre of its titles.
    var genre: Int32?
  }

  let name: String
  let title: Expr?
  let variable: String?
  let expansion: Expansion?
  let source: RowSource
  let filter: RowExpression?
  let order: [(key: RowExpression, descending: Bool)]
  let excludeWatched: Bool
  let excludeShown: Bool
  /// Titles excluded for everyone (tables without a `member` column), and per member id.
  let excludedTitles: Set<Int32>
  let excludedByMember: [Int: Set<Int32>]
  let limit: Int?

  init(_ row: RowDefinition, index: HistoryIndex, tables: [String: Table]) throws(Diagnostic) {
    name = row.name.text
    title = row.title
    variable = row.expansion?.variable.text
    if let (_, e) = row.expansion {
      guard case .call(let f, let args) = e.kind else {
        throw Diagnostic(.unknownSource(e.range.text, known: RowSources.expansions), at: e.range)
      }
      var arguments = try SourceArguments(f, args, at: e.range)
      switch f {
      case "recent_plays": expansion = .recentPlays(limit: try arguments.count("limit", default: 3))
      case "top_genres": expansion = .topGenres(limit: try arguments.count("limit", default: 5))
      default: throw Diagnostic(.unknownSource(f, known: RowSources.expansions), at: e.range)
      }
      try arguments.finish()
    } else {
      expansion = nil
    }
    guard let from = row.source else {
      throw Diagnostic(.expected("a 'from' clause", after: "'row \(name)'"), at: row.name.range)
    }
    source = try RowSource(from, index: index, variable: variable)
    filter = row.filter.map(RowExpression.init)
    order = row.order.map { (RowExpression($0.expr), $0.descending) }
    var watched = false
    var shown = false
    var everyone: Set<Int32> = []
    var perMember: [Int: Set<Int32>] = [:]
    for name in row.exclude {
      switch name.text {
      case "watched": watched = true
      case "shown": shown = true
      default:
        guard let table = tables[name.text] else {
          throw Diagnostic(.unknownTable(name.text, known: Array(tables.keys)), at: name.range)
        }
        guard let titles = table["title"] ?? table["id"] else {
          throw Diagnostic(.unknownColumn("title", in: name.text, known: table.names), at: name.range)
        }
        let members = table["member"]
        for i in 0..<table.count {
          guard let id = titles.int(at: i), let t = index.titleNumber[id] else { continue }
          if let members { members.int(at: i).map { perMember[$0, default: []].insert(t) } } else { everyone.insert(t) }
        }
      }
    }
    excludeWatched = watched
    excludeShown = shown
    excludedTitles = everyone
    excludedByMember = perMember
    if let e = row.limit {
      guard case .literal(.int(let n)) = e.kind, n >= 0 else {
        throw Diagnostic(.expected("a whole number", after: "'limit'"), at: e.range)
      }
      limit = n
    } else {
      limit = nil
    }
  }

  /// The member's rows from this definition: one, or one per expansion value.
  /// `cap` bounds each row's candidates when it has no `limit`.
  func instances(_ view: MemberView, home: HomeIndexes, cap: Int) throws(Diagnostic) -> [Instance] {
    let index = home.index
    switch expansion {
    case nil:
      return [try instance(view, home: home, cap: cap, value: nil, seed: nil)]
    case .recentPlays(let limit):
      var out: [Instance] = []
      for (t, _) in view.recent.prefix(limit) {
        out.append(try instance(view, home: home, cap: cap, value: .int(index.titleIDs[Int(t)]), seed: t))
      }
      return out
    case .topGenres(let limit):
      var out: [Instance] = []
      for g in view.topGenres(index, limit: limit) {
        var row = try instance(view, home: home, cap: cap, value: .string(index.genreNames[Int(g)]), seed: nil)
        row.genre = g
        out.append(row)
      }
      return out
    }
  }

  private func instance(
    _ view: MemberView, home: HomeIndexes, cap: Int, value: Value?, seed: Int32?
  ) throws(Diagnostic) -> Instance {
    let index = home.index
    let bindings = RowExpression.Bindings(variable: variable.flatMap { v in value.map { (v, $0) } }, member: view.member)
    var titles = source.candidates(view, seed: seed, index: index, neighbours: home.neighbours)
    if let filter {
      let keep = try filter.evaluate(bindings, view: view, catalog: home.catalog)
      titles.removeAll { keep[Int($0)] != 1 }
    }
    let memberExcluded = excludedByMember[index.memberIDs[view.member]]
    titles.removeAll { t in
      (excludeWatched && view.watched[Int(t)]) || (excludeShown && view.shown[Int(t)])
        || excludedTitles.contains(t) || memberExcluded?.contains(t) == true
    }
    if !order.isEmpty {
      // One sort key per title and order key, descending keys negated and missing ones last.
      var keys: [[Double]] = []
      for (key, descending) in order {
        let values = try key.evaluate(bindings, view: view, catalog: home.catalog)
        keys.append(values.map { $0.isNaN ? .infinity : descending ? -$0 : $0 })
      }
      if keys.count == 1 {
        // The common case (`order by affinity(member, title) desc`): sort plain pairs.
        var pairs = titles.map { (key: keys[0][Int($0)], title: $0) }
        pairs.sort { $0.key != $1.key ? $0.key < $1.key : $0.title < $1.title }
        titles = pairs.map(\.title)
      } else {
        titles.sort { a, b in
          for k in keys where k[Int(a)] != k[Int(b)] { return k[Int(a)] < k[Int(b)] }
          return a < b
        }
      }
    }
    titles = Array(titles.prefix(limit ?? cap))
    return Instance(
      definition: name, title: try RowTitle.text(title, name: name, bindings: bindings, seed: seed, index: index),
      titles: titles, genre: nil)
  }
}
