extension Metric {
  /// The metric's value for the judged member at `index` of `judge`, whose page is `page`
  /// (read once as `list`); `width` is the page's widest row across all members, for
  /// `short_rows`. Coverage, a page-wide figure, is 0 here (see `coverage(of:judge:)`).
  func score(page: PageGrid, list: RankedList, member index: Int, judge: Judge, width: Int) -> Double {
    if readsHitRanks {
      return score(hits: list.hitRanks(k ?? 0, judge.relevant[index]))
    }
    return score(page: page, list: list, member: index, judge: judge, width: width, hits: HitRanks())
  }

  /// Whether the metric reads only where the relevant titles stand in the list (the ranking
  /// metrics at a cut-off k).
  var readsHitRanks: Bool { grid == nil && needsCutoff && k != nil }

  /// A ranking metric's value from the ranks of the hits within (at least) its first k titles.
  func score(hits: HitRanks) -> Double {
    let k = self.k ?? 0
    switch kind {
    case .recall: return hits.recall(k, lenskit: variant == .lenskit)
    case .precision: return hits.precision(k)
    case .ndcg: return hits.ndcg(k)
    case .map: return hits.averagePrecision(k, recbole: variant == .recbole)
    case .mrr: return hits.reciprocalRank(k)
    case .hit: return hits.hit(k)
    default: return 0
    }
  }

  /// The value, `hits` being the member's hit ranks when the metric reads them.
  func score(page: PageGrid, list: RankedList, member index: Int, judge: Judge, width: Int, hits: HitRanks) -> Double {
    if readsHitRanks { return score(hits: hits) }
    let relevant = judge.relevant[index]
    switch kind {
    case .recall:
      if let grid {
        // Distinct relevant titles in the area: the hits are few, so repeats are found among them.
        var hits: [Int] = []
        for row in page.rows.prefix(max(0, grid.rows)) {
          for t in row.titles.prefix(max(0, grid.columns)) where relevant.contains(t) && !hits.contains(t) { hits.append(t) }
        }
        return Double(hits.count) / Double(relevant.count)
      }
      return list.recall(k ?? 0, relevant, lenskit: variant == .lenskit)
    case .precision, .ndcg, .map, .mrr, .hit:
      return score(hits: list.hitRanks(k ?? 0, relevant))
    case .incremental:
      guard let truth = judge.upliftTruth, let grid, let now = judge.now(of: judge.members[index]) else { return 0 }
      var seen: [Int] = []
      var total = 0.0
      for row in page.rows.prefix(max(0, grid.rows)) {
        for t in row.titles.prefix(max(0, grid.columns)) where !seen.contains(t) {
          seen.append(t)
          total += truth(judge.members[index], t, now)
        }
      }
      return total
    case .duplicates:
      return Double(page.rows.reduce(0) { $0 + $1.titles.count } - list.titles.count)
    case .shortRows:
      return Double(page.rows.filter { $0.titles.count < width }.count)
    case .diversity:
      return judge.genres.meanDissimilarity(list.titles)
    case .novelty:
      guard !list.titles.isEmpty else { return 0 }
      let surprisal = judge.surprisal
      let total = list.titles.reduce(0.0) { $0 + surprisal.value(of: $1) }
      return total / Double(list.titles.count)
    case .freshness:
      guard !list.titles.isEmpty, let today = judge.today(of: judge.members[index]) else { return 0 }
      let released = judge.released
      let fresh = list.titles.filter { t in
        released.day(of: t).map { day in
          let (age, overflow) = today.subtractingReportingOverflow(day)
          return day <= today && !overflow && age <= Judge.freshDays
        } ?? false
      }
      return Double(fresh.count) / Double(list.titles.count)
    case .coverage:
      return 0
    case .formula:
      preconditionFailure("formula metrics are computed with the session's tables, not from the page alone")
    }
  }

  /// Distinct titles on any of `pages` over the catalog's size.
  static func coverage(of pages: [PageGrid], judge: Judge) -> Double {
    var shown = DistinctIntegers()
    for page in pages { for row in page.rows { for t in row.titles { shown.insert(t) } } }
    return judge.catalogSize == 0 ? 0 : Double(shown.count) / Double(judge.catalogSize)
  }
}
