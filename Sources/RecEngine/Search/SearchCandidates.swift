/// The cheap first phase of search: the titles a query can reach, before any ranker scores them.
///
/// A title is a candidate of query q at time τ when some source reaches it — `prefix(typos:)`:
/// its name starts with q, or (typos 1) is within the one edit of `intent`'s fetch rule
/// (`SearchIntent.prefixRows`); `genre`, `cast`, `directors`: q, trimmed and lowercased, is the
/// name of one of its genres, cast members or directors — and it was released by τ (a title
/// released on day d is available from d's first second; an unknown release never excludes).
/// A `limit` keeps the N most popular candidates, ties by the smaller id.
///
/// The catalog is read once; a row without an id, or repeating an earlier row's id, is no title.
package struct SearchCandidates: Sendable {
  /// Where a candidate came from.
  package enum Source: Hashable, Sendable, CustomStringConvertible {
    case prefix(typos: Int)
    case genre, cast, directors

    /// The four sources the built-in rankers use.
    package static let all: [Source] = [.prefix(typos: 1), .genre, .cast, .directors]

    /// The word the status line uses: `prefix`, `genre`, `cast`, `directors`.
    package var description: String {
      switch self {
      case .prefix: "prefix"
      case .genre: "genre"
      case .cast: "cast"
      case .directors: "directors"
      }
    }

    /// The catalog's list column a named source reads.
    fileprivate var column: String? {
      switch self {
      case .prefix: nil
      case .genre: "genres"
      case .cast: "cast"
      case .directors: "directors"
      }
    }
  }

  /// The candidates of one query.
  package struct Retrieved: Sendable, Equatable {
    /// Title ids, ascending.
    package var titles: [Int]
    /// Their catalog rows, parallel to `titles`.
    package var rows: [Int]
    /// The sources that reached at least one candidate kept, in the order they were asked for.
    package var sources: [Source]
  }

  private var rule: SearchIntent
  /// Title id by catalog row, `Int.min` for a row that is no title (no id, or a repeated one).
  private let ids: [Int]
  /// The rows that are titles in ascending id order, and each such row's place in it, so that
  /// ordering by id sorts plain integers.
  private let byID: [Int32]
  private let idPlace: [Int32]
  /// The first second a row's title is available, `Int.min` when its release is unknown.
  private let availableFrom: [Int]
  /// Per named source: normalised name → the rows that carry it, ascending.
  private let byName: [Source: [String: [Int32]]]

  /// The sources over a catalog with an integer `id` and a text `name` column; nil otherwise.
  package init?(titles: Table) {
    guard let rule = SearchIntent(titles: titles), let idValues = titles["id"]?.integers else { return nil }
    self.rule = rule
    var seen = Set<Int>()
    ids = (0..<idValues.count).map { row in
      let id = idValues[row]
      return id != Int.min && seen.insert(id).inserted ? id : Int.min
    }
    let titleIDs = ids
    let order = titleIDs.indices.filter { titleIDs[$0] != Int.min }.sorted { titleIDs[$0] < titleIDs[$1] }
    var idPlace = [Int32](repeating: -1, count: titleIDs.count)
    for (place, row) in order.enumerated() { idPlace[row] = Int32(place) }
    byID = order.map(Int32.init)
    self.idPlace = idPlace
    let released = titles["released"].flatMap { $0.type == .date ? $0.integers : nil }
    availableFrom = (0..<titles.count).map { row in
      guard let day = released?[row], day != Int.min else { return Int.min }
      let (seconds, overflow) = day.multipliedReportingOverflow(by: 86_400)
      return overflow ? (day < 0 ? Int.min : Int.max) : seconds
    }
    var byName: [Source: [String: [Int32]]] = [:]
    for source in Source.all {
      guard let name = source.column, let column = titles[name],
        case .list(let offsets, let codes, let dict) = column.storage
      else { continue }
      let normalised = dict.strings.map(SearchIntent.normalised)
      var rows: [String: [Int32]] = [:]
      for row in 0..<column.count {
        for code in codes[Int(offsets[row])..<Int(offsets[row + 1])] where code >= 0 {
          let key = normalised[Int(code)]
          if rows[key]?.last != Int32(row) { rows[key, default: []].append(Int32(row)) }
        }
      }
      byName[source] = rows
    }
    self.byName = byName
  }

  /// The intent of `query` by the catalog rule (`intent(query)`), on the same indexes.
  package mutating func intent(of query: String) -> SearchIntent.Kind { rule.classify(query) }

  /// The number of catalog rows, the length `popularity` arrays have.
  package var catalogRows: Int { ids.count }

  /// Plays per catalog row in `plays` (its `title` column), 0 for a title never played; with
  /// `before`, only the plays whose `at` is before it.
  /// - Complexity: O(plays + catalog).
  package func popularity(plays: Table, before: Int? = nil) -> [Int] {
    var rowOf: [Int: Int] = [:]
    for (row, id) in ids.enumerated() where id != Int.min { rowOf[id] = row }
    var counts = [Int](repeating: 0, count: ids.count)
    guard let titles = plays["title"]?.integers else { return counts }
    let at = before == nil ? nil : plays["at"]?.integers
    let end = before ?? Int.max
    var last = (id: Int.min, row: -1)
    for i in 0..<titles.count {
      if let at, at[i] == Int.min || at[i] >= end { continue }
      let id = titles[i]
      if id != last.id { last = (id, rowOf[id] ?? -1) }
      if last.row >= 0 { counts[last.row] += 1 }
    }
    return counts
  }

  /// What a query reaches whatever the time and the limit: its rows, the most popular first
  /// (ties by the smaller id), and with each the sources that reached it (bit s for
  /// `sources[s]`). Retrieving a search is then a walk down the list.
  private struct Reach: Sendable {
    var rows: [Int32]
    var reachedBy: [UInt64]
  }

  /// Reaches kept for the queries of a batch of searches (`remember`), for one popularity and
  /// one list of sources: copies of these candidates made afterwards share them.
  private var memo: (popularity: [Int], sources: [Source], reaches: [String: Reach])?

  /// The candidates of `query` at time `at` from `sources`, the `limit` most popular by
  /// `popularity` (plays per catalog row, as `popularity(plays:)` counts them) when given.
  /// - Complexity: O(c log c) for c candidates, plus a one-time index per query length; O(c)
  ///   for a query `remember` kept.
  package mutating func retrieve(
    _ query: String, at: Int, popularity: [Int], sources: [Source] = Source.all, limit: Int? = nil
  ) -> Retrieved {
    if let memo, memo.sources == sources, memo.popularity == popularity, let reach = memo.reaches[query] {
      return select(reach, at: at, limit: limit, sources: sources)
    }
    return select(reach(query, popularity: popularity, sources: sources), at: at, limit: limit, sources: sources)
  }

  /// Finds, on every core, what each distinct query of `queries` reaches, and keeps it for
  /// `retrieve` with the same `popularity` and `sources`: searches repeat queries (the same
  /// prefixes, the same genres), and a query's reach is most of its retrieval.
  package mutating func remember(_ queries: some Sequence<String>, popularity: [Int], sources: [Source]) {
    let distinct = Array(Set(queries))
    rule.prepare(for: distinct)
    memo = nil
    let found = parallelMap(distinct.count, copying: self, part: 64) {
      $0.reach(distinct[$1], popularity: popularity, sources: sources)
    }
    memo = (popularity, sources, Dictionary(uniqueKeysWithValues: zip(distinct, found)))
  }

  /// What `query` reaches from `sources`, ordered by `popularity`.
  private mutating func reach(_ query: String, popularity: [Int], sources: [Source]) -> Reach {
    // Per catalog row, bit s set when sources[s] reached it; `rows` lists each reached row once.
    var reachedBy = [UInt64](repeating: 0, count: ids.count)
    var rows: [Int] = []
    let key = SearchIntent.normalised(query)
    for (s, source) in sources.enumerated() {
      let found: [Int]
      switch source {
      case .prefix(let typos): found = rule.prefixRows(query, typos: typos)
      default: found = (byName[source]?[key] ?? []).map(Int.init)
      }
      for row in found where ids[row] != Int.min {
        if reachedBy[row] == 0 { rows.append(row) }
        reachedBy[row] |= 1 << UInt64(s & 63)
      }
    }
    // Each row as its place in id order, below its plays counted down from the top.
    var keys = rows.map { row in
      let plays = row < popularity.count ? UInt64(clamping: max(0, popularity[row])) : 0
      return UInt64(idPlace[row]) | (UInt64(UInt32.max) - min(plays, UInt64(UInt32.max))) << 32
    }
    keys.sort()
    let ordered = keys.map { byID[Int($0 & UInt64(UInt32.max))] }
    return Reach(rows: ordered, reachedBy: ordered.map { reachedBy[Int($0)] })
  }

  /// The rows of `reach` released by `at`, the first `limit` of them when given, in id order.
  private func select(_ reach: Reach, at: Int, limit: Int?, sources: [Source]) -> Retrieved {
    var places: [Int32] = []
    var used: UInt64 = 0
    for (i, row) in reach.rows.enumerated() where availableFrom[Int(row)] <= at {
      if let limit, places.count >= limit { break }
      places.append(idPlace[Int(row)])
      used |= reach.reachedBy[i]
    }
    places.sort()
    let rows = places.map { Int(byID[Int($0)]) }
    return Retrieved(
      titles: rows.map { ids[$0] }, rows: rows,
      sources: sources.indices.filter { used & (1 << UInt64($0 & 63)) != 0 }.map { sources[$0] })
  }
}
