import Synchronization

/// The last `SearchFeatureHistory` a session built, kept so that `search … with R`, `explain
/// search` and `eval` at the prompt reuse it instead of indexing the history again: it depends on
/// the plays, the searches, the `titles`, `members` and `title_clusters` tables and "now", and counts as unchanged
/// while every one of those tables still shares the very arrays it was built from (as
/// `HomeIndexCache` decides). Safe to ask from several threads: the first builds, the others wait.
package final class SearchFeatureHistoryCache: Sendable {
  private let last = Mutex<(tables: [Table?], now: Int, history: SearchFeatureHistory)?>(nil)

  package init() {}

  /// The history of `plays` and `searches` before `now`, over `tables`; nil when it cannot be
  /// built (never for a session's tables, whose columns are checked by the indexes' builders).
  func history(plays: Table, searches: Table, tables: [String: Table], now: Int) -> SearchFeatureHistory? {
    let key = [plays, searches, tables["titles"], tables["members"], tables["title_clusters"]]
    return last.withLock { last in
      if let last, last.now == now, sharesStorage(last.tables, key) { return last.history }
      guard
        let made = try? SearchFeatureHistory(plays: plays, searches: searches, tables: tables, now: .cut(now))
      else { return nil }
      last = (key, now, made)
      return made
    }
  }
}
