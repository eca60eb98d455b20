import RecCore

/// The past that search features read: every play and every clicked search before the history's
/// end, indexed once and shared, read-only, by every search scored against it.
///
/// The end is per member for training (`.perMember`: each member's first search of the training
/// table, as `model` reads a log of pages), a global cut for an evaluation (`.cut`), or, without
/// either, every play and search, "now" being the latest play. Members without an end of their
/// own have no history under `.perMember`, so popularity counts only the plays of members who
/// searched, each before their own first search.
package final class SearchFeatureHistory: Sendable {
  let index: HistoryIndex
  let covisit: NeighbourIndex
  /// Dense title number of each catalog row, -1 for a row no title has.
  let titleOfRow: [Int32]
  /// History plays of each catalog row, the `limit` order of candidates.
  package let popularityByRow: [Int]
  /// Clicks per exact query, and per query's first three characters: title id → searches.
  let queryClicks: [String: [Int: Int]]
  let prefixClicks: [String: [Int: Int]]
  /// The members' countries and languages, sorted, and each dense member's (-1 when unknown).
  package let countries: [String]
  package let languages: [String]
  let memberCountry: [Int32]
  let memberLanguage: [Int32]
  /// History plays per country and dense title: `countryPlays[c · titles + t]`.
  let countryPlays: [Int32]
  /// Genre names sorted, and each genre code's position among them.
  package let genres: [String]
  let genreColumn: [Int]
  /// Release day of each dense title, `Int.min` when unknown; whether it is a series.
  let released: [Int]
  let series: [Bool]
  /// The cluster of each dense title in the session's `title_clusters` (made by `cluster titles`),
  /// -1 for a title it leaves out; `clusterCount` bounds the cluster numbers.
  let clusterOfTitle: [Int32]
  let clusterCount: Int

  /// The history of `plays` and `searches` (`member, query, at, clicked`) before `now`, over the
  /// session's `tables` (`titles`, `members`).
  /// - Complexity: O(plays + searches + titles · countries) plus one history index and its
  ///   co-visitation neighbours.
  package init(
    plays: Table, searches: Table?, tables: [String: Table], now: SplitNow?, cancellation: Cancellation = .never
  ) throws(Diagnostic) {
    let history = Self.before(now, plays)
    // No search feature reads impressions, and indexing millions of them takes seconds.
    let index = try HistoryIndex(
      plays: history, tables: tables.filter { $0.key != "impressions" }, now: now, cancellation: cancellation)
    self.index = index
    covisit = try NeighbourIndex.covisit(index, k: HomeIndexes.neighbourCount, cancellation: cancellation)
    let titles = index.titlesTable
    var titleOfRow = [Int32](repeating: -1, count: titles.count)
    for (t, row) in index.catalogRow.enumerated() where row >= 0 { titleOfRow[row] = Int32(t) }
    self.titleOfRow = titleOfRow
    popularityByRow = titleOfRow.map { $0 >= 0 ? Int(index.playCount[Int($0)]) : 0 }

    var queryClicks: [String: [Int: Int]] = [:]
    var prefixClicks: [String: [Int: Int]] = [:]
    if let searches = searches.map({ Self.before(now, $0) }), let query = searches["query"],
      let clicked = searches["clicked"]?.integers
    {
      for i in 0..<searches.count where clicked[i] != Int.min {
        guard case .string(let q) = query.value(at: i) else { continue }
        queryClicks[q, default: [:]][clicked[i], default: 0] += 1
        prefixClicks[Self.firstThree(q), default: [:]][clicked[i], default: 0] += 1
      }
    }
    self.queryClicks = queryClicks
    self.prefixClicks = prefixClicks

    func codes(_ column: String) -> ([String], [Int32]) {
      let values = (0..<index.memberCount).map { m -> String? in
        if case .string(let s) = index.memberValue(m, column) { return s }
        return nil
      }
      let sorted = Set(values.compactMap { $0 }).sorted()
      let position = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, Int32($0)) })
      return (sorted, values.map { $0.flatMap { position[$0] } ?? -1 })
    }
    let (countries, memberCountry) = codes("country")
    (self.countries, self.memberCountry) = (countries, memberCountry)
    (languages, memberLanguage) = codes("language")
    let titleCount = index.titleCount
    var countryPlays = [Int32](repeating: 0, count: countries.count * titleCount)
    for m in 0..<index.memberCount where memberCountry[m] >= 0 {
      let base = Int(memberCountry[m]) * titleCount
      for p in index.plays(of: m) { countryPlays[base + Int(index.playTitles[p])] += 1 }
    }
    self.countryPlays = countryPlays
    let genres = index.genreNames.sorted()
    self.genres = genres
    let genrePosition = Dictionary(uniqueKeysWithValues: genres.enumerated().map { ($1, $0) })
    genreColumn = index.genreNames.map { genrePosition[$0] ?? 0 }
    released = (0..<titleCount).map { t in
      if case .date(let day) = index.titleValue(t, "released") { return day }
      return Int.min
    }
    series = (0..<titleCount).map { t in
      if case .string(let kind) = index.titleValue(t, "kind") { return kind == "series" }
      return false
    }
    (clusterOfTitle, clusterCount) = Self.clusters(tables["title_clusters"], index: index)
  }

  /// Each dense title's cluster in `clusters` (`title, cluster`), numbered densely from 0 in
  /// the order of their numbers; -1 where a title has none.
  private static func clusters(_ clusters: Table?, index: HistoryIndex) -> ([Int32], Int) {
    var of = [Int32](repeating: -1, count: index.titleCount)
    guard let clusters, let title = clusters["title"]?.integers, let cluster = clusters["cluster"]?.integers else {
      return (of, 0)
    }
    let numbers = Set((0..<clusters.count).map { cluster[$0] }.filter { $0 != Int.min }).sorted()
    let dense = Dictionary(uniqueKeysWithValues: numbers.enumerated().map { ($1, Int32($0)) })
    for i in 0..<clusters.count {
      guard let t = index.titleNumber[title[i]], let c = dense[cluster[i]] else { continue }
      of[Int(t)] = c
    }
    return (of, numbers.count)
  }

  /// A query's first three characters (all of it when shorter): the key of `prefix_clicks`.
  static func firstThree(_ query: String) -> String { String(query.prefix(3)) }

  /// The rows of `table` (with `member` and `at`) before `now`: before each member's own end,
  /// before the cut, or all of them.
  private static func before(_ now: SplitNow?, _ table: Table) -> Table {
    guard let now else { return table }
    guard let member = table["member"]?.integers, let at = table["at"]?.integers else { return table.gather([]) }
    let keep = (0..<table.count).filter { i in
      let t = at[i]
      guard t != Int.min else { return false }
      switch now {
      case .cut(let cut): return t < cut
      case .perMember(let cuts): return cuts[member[i]].map { t < $0 } ?? false
      }
    }
    return table.gather(keep)
  }

  /// The catalog the history was indexed with.
  package var catalog: Table { index.titlesTable }
}
