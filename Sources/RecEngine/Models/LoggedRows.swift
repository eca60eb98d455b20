import RecCore

/// The training set of a row model: one example per logged (member, page view, row) of a log of
/// impressions (`member, title, at, page, row, position, played`), with the row's features and
/// whether the member played any of its titles.
///
/// A row's titles are its impressions in `position` order; its features are those a `candidates`
/// page computes (`RowFeatures`), with `position` the logged row number and `similarity` the
/// largest Jaccard similarity of its titles to the rows above it on the same page.
///
/// Features read the member's history before they saw the page. The history index is built
/// once: from each logged member's plays before their own first logged view, with "now" that
/// first view. Every view of the member is read against that history, so later views see a
/// history that is older than they are, never newer; popularity counts every logged member's
/// plays before their own first view. Impressions with a missing value are skipped, and so are
/// members known neither to `members` nor by a play in that history.
package struct LoggedRows {
  /// The columns a log of pages must have.
  static let columns = ["member", "title", "at", "page", "row", "position", "played"]

  var features: [RowFeatures] = []
  var played: [Bool] = []

  /// Reads `log` (called `name`, located at `range` for errors) against the history `plays` and
  /// the session's `tables` (`titles`, `members`, `impressions`).
  /// - Complexity: O(r log r) in the log's rows plus one history index and one member view per
  ///   logged member.
  package init(
    _ log: Table, name: String, plays: Table, tables: [String: Table], at range: SourceRange?,
    cancellation: Cancellation = .never
  ) throws(Diagnostic) {
    var values: [[Int]] = []
    for column in Self.columns {
      guard let c = log[column], c.type == .int || c.type == .time || c.type == .bool else {
        throw Diagnostic(.notAPageLog(name, missing: column), at: range)
      }
      values.append((0..<log.count).map { c.int(at: $0) ?? Int.min })
    }
    let (member, title, at, page, row, position, played) =
      (values[0], values[1], values[2], values[3], values[4], values[5], values[6])
    let order = (0..<log.count)
      .filter { i in values.allSatisfy { $0[i] != Int.min } }
      .sorted { a, b in (member[a], page[a], row[a], position[a], a) < (member[b], page[b], row[b], position[b], b) }
    var firstView: [Int: Int] = [:]
    for i in order { firstView[member[i]] = min(firstView[member[i]] ?? Int.max, at[i]) }

    let history = Self.history(plays, before: firstView)
    let index = try HistoryIndex(plays: history, tables: tables, now: .perMember(firstView), cancellation: cancellation)
    let covisit = try NeighbourIndex.covisit(index, k: HomeIndexes.neighbourCount, cancellation: cancellation)

    var start = 0
    var view: MemberView?
    var above: [[Int32]] = []
    while start < order.count {
      let first = order[start]
      if start == 0 || member[order[start - 1]] != member[first] {
        view = index.memberNumber[member[first]].map { MemberView(member: Int($0), index: index, covisit: covisit) }
      }
      if start == 0 || page[order[start - 1]] != page[first] || member[order[start - 1]] != member[first] {
        above = []
      }
      var end = start
      var titles: [Int32] = []
      var anyPlayed = false
      while end < order.count, member[order[end]] == member[first], page[order[end]] == page[first],
        row[order[end]] == row[first]
      {
        let i = order[end]
        if let t = index.titleNumber[title[i]] { titles.append(t) }
        anyPlayed = anyPlayed || played[i] == 1
        end += 1
      }
      start = end
      guard let view else { continue }
      let similarity = above.map { jaccard(titles, $0) }.max() ?? 0
      above.append(titles)
      features.append(RowFeatures(titles: titles, view: view, index: index, similarity: similarity, position: row[first]))
      self.played.append(anyPlayed)
    }
  }

  package var count: Int { played.count }

  /// The plays of each member in `firstView` before that time.
  static func history(_ plays: Table, before firstView: [Int: Int]) -> Table {
    guard let member = plays["member"], let at = plays["at"] else { return plays.gather([]) }
    let keep = (0..<plays.count).filter { i in
      guard let m = member.int(at: i), let cut = firstView[m], let t = at.int(at: i) else { return false }
      return t < cut
    }
    return plays.gather(keep)
  }
}
