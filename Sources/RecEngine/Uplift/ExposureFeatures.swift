import RecCore

/// The features of an uplift model at each row of a log of exposures (`member, title, at`): row
/// expressions over the catalog (`affinity(member, title)`, `title.popularity`, `member.country`,
/// `days_since(title.released)`, arithmetic over them), each read at the row's member and title.
///
/// History: the learned row utility's rule (`LoggedRows`). Each member's history is their plays
/// strictly before their first exposure in the log, with "now" that first exposure; every exposure
/// of the member is read against that history, so it is never newer than the exposure. Popularity
/// counts the plays of every member of `plays` before that "now", as a page at that moment counts
/// all plays before its own (`PopularityBefore`). `days_since` and `age` count from the history's
/// latest play, as they do in rows.
package struct ExposureFeatures: Sendable {
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
    let readsPopularity = features.map { $0.contains { if case .column("popularity") = $0.kind { true } else { false } } }
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
    // The rows of each member together, members in dense order: a counting sort.
    var memberNumbers = [Int32](repeating: 0, count: keys.count)
    var unknown: (id: Int, row: Int)?
    for i in 0..<keys.count {
      if let m = index.memberNumber[member[i]] {
        memberNumbers[i] = m
      } else if unknown.map({ member[i] < $0.id }) ?? true {
        unknown = (member[i], i)
      }
    }
    if let unknown {
      throw Diagnostic(
        .cannotReadExposure(row: unknown.row + 1, of: name, reason: "its member \(unknown.id) is in neither 'members' nor 'plays'"),
        at: range)
    }
    var starts = [Int](repeating: 0, count: index.memberIDs.count + 1)
    for m in memberNumbers { starts[Int(m) + 1] += 1 }
    for m in 0..<index.memberIDs.count { starts[m + 1] += starts[m] }
    var order = [Int](repeating: 0, count: keys.count)
    var next = starts
    for i in 0..<keys.count {
      order[next[Int(memberNumbers[i])]] = i
      next[Int(memberNumbers[i])] += 1
    }
    let members = (0..<index.memberIDs.count).filter { starts[$0] < starts[$0 + 1] }
    // Each row's `popularity`: its title's plays before its member's "now".
    let popularity =
      readsPopularity.contains(true)
      ? PopularityBefore(plays, index: index).counts(
        titles: titleNumbers, moments: memberNumbers.map { index.memberNow[Int($0)] }) : nil

    // Each part of the members on a core of its own, writing only its members' rows.
    let n = keys.count
    var flat = [Double](repeating: .nan, count: n * features.count)
    let parts = min(members.count, 64)
    var failures = [Diagnostic?](repeating: nil, count: parts)
    flat.withUnsafeMutableBufferPointer { out in
      failures.withUnsafeMutableBufferPointer { failed in
        let (out, failed) = (UncheckedSendable(out), UncheckedSendable(failed))
        inParallel(parts) { part in
          do throws(Diagnostic) {
            for m in members[members.count * part / parts..<members.count * (part + 1) / parts] {
              try cancellation.check()
              let view =
                if let covisit {
                  MemberView(member: m, index: index, covisit: covisit)
                } else {
                  MemberView(member: m, index: index, covisit: nil, ordered: nil, buffers: .init(titles: index.titleCount))
                }
              let rows = order[starts[m]..<starts[m + 1]]
              let titles = rows.map { titleNumbers[$0] }
              // The catalog with this member's popularity at their titles (the only ones read).
              let counted = popularity.map { byRow in
                var counts = [Int](repeating: 0, count: index.titleCount)
                for i in rows { counts[titleNumbers[i]] = byRow[i] }
                return catalog.with(popularity: counts)
              }
              for (f, expression) in expressions.enumerated() {
                let values =
                  if let counted, readsPopularity[f] {
                    try expression.evaluate(
                      .init(variable: nil, member: m), view: view, catalog: counted, titles: titles, ownCatalog: true)
                  } else {
                    try expression.evaluate(.init(variable: nil, member: m), view: view, catalog: catalog, titles: titles)
                  }
                for (i, v) in zip(rows, values) { out.value[f * n + i] = v }
              }
            }
          } catch {
            failed.value[part] = error
          }
        }
      }
    }
    // The first part's failure: the one a member-by-member pass would meet first.
    if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    let columns = (0..<features.count).map { f in Array(flat[f * n..<(f + 1) * n]) }
    self.columns = columns
  }
}
