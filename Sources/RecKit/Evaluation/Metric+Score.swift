extension Metric {
  /// The metric's value for the judged member at `index` of `judge`, whose page is `page`
  /// (read once as `list`); `width` is the page's widest row across all members, for
  /// `short_rows`. Coverage, a page-wide figure, is 0 here (see `coverage(of:judge:)`).
  func score(page: PageGrid, list: RankedList, member index: Int, judge: Judge, width: Int) -> Double {
    let relevant = judge.relevant[index]
    switch kind {
    case .recall:
      if let grid {
        var shown = Set<Int>()
        for row in page.rows.prefix(grid.rows) { shown.formUnion(row.titles.prefix(grid.columns)) }
        return Double(shown.intersection(relevant).count) / Double(relevant.count)
      }
      return list.recall(k ?? 0, relevant, lenskit: variant == .lenskit)
    case .precision: return list.precision(k ?? 0, relevant)
    case .ndcg: return list.ndcg(k ?? 0, relevant)
    case .map: return list.averagePrecision(k ?? 0, relevant, recbole: variant == .recbole)
    case .mrr: return list.reciprocalRank(k ?? 0, relevant)
    case .hit: return list.hit(k ?? 0, relevant)
    case .duplicates:
      return Double(page.rows.reduce(0) { $0 + $1.titles.count } - list.titles.count)
    case .shortRows:
      return Double(page.rows.filter { $0.titles.count < width }.count)
    case .diversity:
      let sets = list.titles.map { judge.genres[$0] ?? [] }
      guard sets.count > 1 else { return 0 }
      var sum = 0.0
      for i in sets.indices {
        for j in sets.indices where j > i {
          let union = sets[i].union(sets[j]).count
          sum += union == 0 ? 0 : 1 - Double(sets[i].intersection(sets[j]).count) / Double(union)
        }
      }
      return sum / Double(sets.count * (sets.count - 1) / 2)
    case .novelty:
      guard !list.titles.isEmpty else { return 0 }
      let total = list.titles.reduce(0.0) { $0 + (judge.surprisal[$1] ?? judge.unseenSurprisal) }
      return total / Double(list.titles.count)
    case .freshness:
      guard !list.titles.isEmpty, let today = judge.today(of: judge.members[index]) else { return 0 }
      let fresh = list.titles.filter { t in
        judge.released[t].map { $0 <= today && today - $0 <= Judge.freshDays } ?? false
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
    var shown = Set<Int>()
    for page in pages { for row in page.rows { shown.formUnion(row.titles) } }
    return judge.catalogSize == 0 ? 0 : Double(shown.count) / Double(judge.catalogSize)
  }
}
