import RecCore

/// The features of an uplift model at each row of a log of exposures (`member, title, at`): row
/// expressions over the catalog (`affinity(member, title)`, `title.popularity`, `member.country`,
/// `days_since(title.released)`, arithmetic over them), each read at the row's member and title.
///
/// History: the learned row utility's rule (`LoggedRows`). Each member's history is their plays
/// strictly before their first exposure in the log, with "now" that first exposure; every exposure
/// of the member is read against that history, so it is never newer than the exposure. Popularity
/// counts every member's plays in their own history. `days_since` and `age` count from the
/// history's latest play, as they do in rows.
package struct ExposureFeatures {
  /// One array per feature, one value per row of the log, in the log's order.
  package let columns: [[Double]]

  /// Reads `features` at each row of a log (its `keys`; called `name`, located at `range` for
  /// errors) against the history `plays` and the session's `tables` (`titles`, `members`).
  /// - Throws: a diagnostic when a row's member or title is unknown.
  /// - Complexity: one history index, then per member one evaluation of each feature over the
  ///   catalog.
  package init(
    _ keys: LogKeys, name: String, features: [BoundExpr], plays: Table, tables: [String: Table], seed: UInt64,
    at range: SourceRange?, cancellation: Cancellation = .never
  ) throws(Diagnostic) {
    let (member, title, at) = (keys.member, keys.title, keys.at)
    var firstView: [Int: Int] = [:]
    for i in 0..<keys.count { firstView[member[i]] = min(firstView[member[i]] ?? Int.max, at[i]) }
    let history = LoggedRows.history(plays, before: firstView)
    let index = try HistoryIndex(plays: history, tables: tables, now: .perMember(firstView), cancellation: cancellation)
    let expressions = features.map(RowExpression.init)
    let covisit =
      expressions.contains(where: \.readsAffinity)
      ? try NeighbourIndex.covisit(index, k: HomeIndexes.neighbourCount, cancellation: cancellation) : nil
    let catalog = HomeCatalog(index: index, seed: seed)

    var titleNumbers: [Int] = []
    titleNumbers.reserveCapacity(keys.count)
    for i in 0..<keys.count {
      guard let t = index.titleNumber[title[i]] else {
        throw Diagnostic(
          .cannotReadExposure(row: i + 1, of: name, reason: "its title \(title[i]) is not in the catalog"), at: range)
      }
      titleNumbers.append(Int(t))
    }
    var columns = [[Double]](repeating: [Double](repeating: .nan, count: keys.count), count: features.count)
    let order = (0..<keys.count).sorted { (member[$0], $0) < (member[$1], $1) }
    var start = 0
    while start < order.count {
      try cancellation.check()
      let id = member[order[start]]
      var end = start
      while end < order.count, member[order[end]] == id { end += 1 }
      guard let m = index.memberNumber[id] else {
        throw Diagnostic(
          .cannotReadExposure(row: order[start] + 1, of: name, reason: "its member \(id) is in neither 'members' nor 'plays'"),
          at: range)
      }
      let view =
        if let covisit {
          MemberView(member: Int(m), index: index, covisit: covisit)
        } else {
          MemberView(member: Int(m), index: index, covisit: nil, ordered: nil, buffers: .init(titles: index.titleCount))
        }
      for (f, expression) in expressions.enumerated() {
        let byTitle = try expression.evaluate(.init(variable: nil, member: Int(m)), view: view, catalog: catalog)
        for i in order[start..<end] { columns[f][i] = byTitle[titleNumbers[i]] }
      }
      start = end
    }
    self.columns = columns
  }
}
