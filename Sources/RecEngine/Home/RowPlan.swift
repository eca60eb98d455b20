import RecCore
import Synchronization

/// A row definition made ready to build: its source read, its clauses compiled, its
/// exclusion tables indexed. One plan serves every member (from several threads).
package struct RowPlan: Sendable {
  /// What `for x in …` expands over.
  package enum Expansion: Sendable {
    case recentPlays(limit: Int)
    case topGenres(limit: Int)
  }

  /// One row of a member's page before placement: its title and its ranked candidates.
  struct Instance {
    var definition: String
    /// The interpolated title; empty when the instances were made untitled (see `title(of:)`).
    var title: String
    /// The expansion's value and seed title, for the title.
    var value: Value?
    var seed: Int32?
    /// Candidates in row order (dense title numbers), at most `limit` (or the cap) long.
    var titles: [Int32]
    /// The genre this row is about: its loop genre, or the commonest genre of its titles.
    var genre: Int32?
    /// Whether `titles` holds every candidate the row can have: false when they were cut at
    /// the cap, so that a larger cap may give more (see `extended`).
    var complete = true
  }

  let name: String
  let title: RowTitleTemplate?
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
  /// The candidates for each cap, made once, when every member gets the same ones: a row
  /// without a loop over a member-independent source, no exclusions, and clauses that read
  /// neither the member nor affinity (`titles where released within 90d order by popularity`).
  private let shared: SharedCandidates?

  /// The row `spec` over the history `index`, its exclusion tables read from `tables`, its
  /// `uplift(NAME)` keys read from `uplift`.
  package init(
    _ spec: RowSpec, index: HistoryIndex, tables: [String: Table], uplift: [String: TitleUplift] = [:]
  ) throws(Diagnostic) {
    name = spec.name
    title = spec.title
    variable = spec.expansion?.variable
    expansion = spec.expansion?.over
    source = RowSource(spec.source, index: index)
    filter = try spec.filter.map { e throws(Diagnostic) in try RowExpression(e, uplift: uplift) }
    var order: [(key: RowExpression, descending: Bool)] = []
    for (key, descending) in spec.order { order.append((try RowExpression(key, uplift: uplift), descending)) }
    self.order = order
    var everyone: Set<Int32> = []
    var perMember: [Int: Set<Int32>] = [:]
    for (name, range) in spec.excludeTables {
      guard let table = tables[name] else {
        throw Diagnostic(.unknownTable(name, known: Array(tables.keys)), at: range)
      }
      guard let titles = table["title"] ?? table["id"] else {
        throw Diagnostic(.unknownColumn("title", in: name, known: table.names), at: range)
      }
      let members = table["member"]
      for i in 0..<table.count {
        guard let id = titles.int(at: i), let t = index.titleNumber[id] else { continue }
        if let members {
          if let m = members.int(at: i) { perMember[m, default: []].insert(t) }
        } else {
          everyone.insert(t)
        }
      }
    }
    excludeWatched = spec.excludeWatched
    excludeShown = spec.excludeShown
    excludedTitles = everyone
    excludedByMember = perMember
    limit = spec.limit
    let clauses = [filter].compactMap { $0 } + order.map(\.key)
    let sameForEveryone =
      expansion == nil && source.isSameForEveryone && !excludeWatched && !excludeShown && excludedByMember.isEmpty
      && !clauses.contains(where: \.dependsOnMember)
    shared = sameForEveryone ? SharedCandidates() : nil
  }

  /// Whether the row reads members' affinity: it ranks by `top_picks()`, or a clause calls
  /// `affinity(member, title)`.
  var readsAffinity: Bool {
    if case .topPicks = source.kind { return true }
    return filter?.readsAffinity == true || order.contains { $0.key.readsAffinity }
  }

  /// Whether the row reads members' plays in time order: it expands over recent plays or top
  /// genres, continues watching, reads affinity, or a clause reads the member (whose
  /// `top_genres` come from their plays).
  var readsRecency: Bool {
    if expansion != nil || readsAffinity { return true }
    if case .continueWatching = source.kind { return true }
    return filter?.readsMember == true || order.contains { $0.key.readsMember }
  }

  /// The neighbour lists the row's source reads (`similar(…, by: …)`), none for other sources.
  var neighbourKinds: [NeighbourIndex.Kind] {
    if case .similar(let kind) = source.kind { return [kind] }
    return []
  }

  /// The member's rows from this definition: one, or one per expansion value.
  /// `cap` bounds each row's candidates when it has no `limit`; without `titled` the row
  /// titles are left empty, for `title(of:)` to fill in only for the rows placed.
  func instances(_ view: MemberView, home: HomeIndexes, cap: Int, titled: Bool) throws(Diagnostic) -> [Instance] {
    let index = home.index
    switch expansion {
    case nil:
      return [try instance(view, home: home, cap: cap, value: nil, seed: nil, titled: titled)]
    case .recentPlays(let limit):
      var out: [Instance] = []
      for (t, _) in view.recent.prefix(limit) {
        out.append(try instance(view, home: home, cap: cap, value: .int(index.titleIDs[Int(t)]), seed: t, titled: titled))
      }
      return out
    case .topGenres(let limit):
      var out: [Instance] = []
      for g in view.topGenres(index, limit: limit) {
        var row = try instance(
          view, home: home, cap: cap, value: .string(index.genreNames[Int(g)]), seed: nil, titled: titled)
        row.genre = g
        out.append(row)
      }
      return out
    }
  }

  /// `row`, one of this plan's instances, with candidates up to `cap`: the same titles first
  /// (every ranking is a total order, so a longer cut starts with the shorter one), then more.
  func extended(_ row: Instance, _ view: MemberView, home: HomeIndexes, cap: Int) throws(Diagnostic) -> Instance {
    var longer = try instance(view, home: home, cap: cap, value: row.value, seed: row.seed, titled: false)
    longer.title = row.title
    longer.genre = row.genre
    return longer
  }

  /// The title a member sees on `row`, one of this plan's instances.
  func title(of row: Instance, view: MemberView, index: HistoryIndex) -> String {
    RowTitle.text(title, name: name, bindings: bindings(row.value, view), seed: row.seed, index: index)
  }

  private func bindings(_ value: Value?, _ view: MemberView) -> RowExpression.Bindings {
    RowExpression.Bindings(variable: variable.flatMap { v in value.map { (v, $0) } }, member: view.member)
  }

  /// The member's row: its title and candidates (made once for all members when they are
  /// the same for everyone).
  private func instance(
    _ view: MemberView, home: HomeIndexes, cap: Int, value: Value?, seed: Int32?, titled: Bool
  ) throws(Diagnostic) -> Instance {
    let bindings = bindings(value, view)
    let bound = limit ?? cap
    func candidates() throws(Diagnostic) -> [Int32] {
      try self.candidates(view, home: home, bound: bound, bindings: bindings, seed: seed)
    }
    let titles = if let shared { try shared.titles(bound: bound, candidates) } else { try candidates() }
    return Instance(
      definition: name,
      title: titled ? RowTitle.text(title, name: name, bindings: bindings, seed: seed, index: home.index) : "",
      value: value, seed: seed, titles: titles, genre: nil, complete: limit != nil || titles.count < bound)
  }

  /// The row's candidates: the source's, filtered and excluded, ordered, the first `bound`
  /// kept. Only as many candidates are read as the row can keep: an unordered row stops at
  /// its bound, an ordered one selects its first titles instead of sorting all.
  private func candidates(
    _ view: MemberView, home: HomeIndexes, bound: Int, bindings: RowExpression.Bindings, seed: Int32?
  ) throws(Diagnostic) -> [Int32] {
    let index = home.index
    let keep = try filter?.evaluate(bindings, view: view, catalog: home.catalog)
    let memberExcluded = excludedByMember.isEmpty ? nil : excludedByMember[index.memberIDs[view.member]]
    let (watched, shown) = (excludeWatched, excludeShown)
    func admits(_ t: Int32) -> Bool {
      if let keep, keep[Int(t)] != 1 { return false }
      return !((watched && view.watched[Int(t)]) || (shown && view.shown[Int(t)])
        || (!excludedTitles.isEmpty && excludedTitles.contains(t)) || memberExcluded?.contains(t) == true)
    }
    func collect(stoppingAt stop: Int) -> [Int32] {
      var titles: [Int32] = []
      guard stop > 0 else { return titles }
      source.forEachCandidate(view, seed: seed, index: index, neighbours: home.neighbours) { t in
        if admits(t) { titles.append(t) }
        return titles.count < stop
      }
      return titles
    }
    var titles: [Int32]
    if order.isEmpty, case .topPicks = source.kind {
      titles = Self.byAffinity(view, kept: nil, count: 0, bound: bound, admits: admits)
    } else if order.isEmpty {
      titles = collect(stoppingAt: bound)
    } else if order.count == 1, order[0].key.isAffinity, order[0].descending, case .catalog(let count) = source.kind {
      let kept = try filter?.titlesWhereTrue(bindings, view: view, catalog: home.catalog)
      titles = Self.byAffinity(view, kept: kept, count: count, bound: bound, admits: admits)
    } else {
      // One sort key per title and order key, descending keys negated and missing ones last.
      var keys: [[Double]] = []
      for (key, _) in order { keys.append(try key.evaluate(bindings, view: view, catalog: home.catalog)) }
      let descending = order.map(\.descending)
      func key(_ k: Int, _ t: Int32) -> Double {
        let x = keys[k][Int(t)]
        return x.isNaN ? .infinity : descending[k] ? -x : x
      }
      let candidates = collect(stoppingAt: .max)
      if keys.count == 1 {
        // The common case (`order by popularity desc`): select plain pairs.
        let pairs = candidates.map { (key: key(0, $0), title: $0) }
        titles = smallest(bound, of: pairs) { $0.key != $1.key ? $0.key < $1.key : $0.title < $1.title }.map(\.title)
      } else {
        titles = smallest(bound, of: candidates) { a, b in
          for k in keys.indices where key(k, a) != key(k, b) { return key(k, a) < key(k, b) }
          return a < b
        }
      }
    }
    return titles
  }

  /// `order by affinity(member, title) desc` over the catalog, the first `bound` titles: the
  /// titles with positive affinity by affinity, then the others (all tied at 0) by id — where
  /// a full sort puts them. With `count` 0 only the first part: `top_picks()`.
  ///
  /// `kept` lists the titles the row's condition keeps, when that is the same for everyone
  /// (`genre in genres`). Fewer of them than titles with affinity (a small catalog), one pass
  /// over them finds both parts; otherwise the titles with affinity are read, then the kept
  /// titles (or the catalog) by id until the row is full.
  private static func byAffinity(
    _ view: MemberView, kept: [Int32]?, count: Int, bound: Int, admits: (Int32) -> Bool
  ) -> [Int32] {
    // One integer per title orders by affinity descending, then id: a positive float's bits
    // grow with it, so their complement above the id sorts as wanted by a plain compare.
    func key(_ t: Int32) -> UInt64 { UInt64(~view.affinity[Int(t)].bitPattern) << 32 | UInt64(UInt32(t)) }
    var keys: [UInt64] = []
    if let kept, kept.count < view.affinitySupport.count {
      var zeros: [Int32] = []
      for t in kept where admits(t) {
        if view.affinity[Int(t)] > 0 {
          keys.append(key(t))
        } else if zeros.count < bound {
          zeros.append(t)
        }
      }
      let titles = smallest(bound, of: keys, by: <).map { Int32(truncatingIfNeeded: $0) }
      return titles + zeros.prefix(bound - titles.count)
    }
    for t in view.affinitySupport where admits(t) { keys.append(key(t)) }
    var titles = smallest(bound, of: keys, by: <).map { Int32(truncatingIfNeeded: $0) }
    func fill<Others: Sequence<Int32>>(from others: Others) {
      for t in others {
        if titles.count >= bound { return }
        if view.affinity[Int(t)] <= 0, admits(t) { titles.append(t) }
      }
    }
    if let kept { fill(from: kept) } else { fill(from: 0..<Int32(count)) }
    return titles
  }
}

/// A row's candidates by cap, for rows whose candidates are the same for every member; pages
/// are built on several threads at once.
final class SharedCandidates: Sendable {
  private let byBound = Mutex<[Int: [Int32]]>([:])

  /// The candidates for `bound`, made by `make` the first time.
  func titles(bound: Int, _ make: () throws(Diagnostic) -> [Int32]) throws(Diagnostic) -> [Int32] {
    if let made = byBound.withLock({ $0[bound] }) { return made }
    let made = try make()
    byBound.withLock { $0[bound] = made }
    return made
  }
}
