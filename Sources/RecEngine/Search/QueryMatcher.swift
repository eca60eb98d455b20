/// What the features need of a query's text, by `intent`'s catalog rule: whether it explores, and
/// which catalog rows it matches as a name prefix exactly or within one edit. Kept per distinct
/// query, since the same few queries come back search after search.
package struct QueryMatcher: Sendable {
  package struct Matches: Sendable {
    let explore: Bool
    let exact: Set<Int>
    let nearly: Set<Int>
  }

  private var rule: SearchIntent
  private var known: [String: Matches] = [:]

  package init?(titles: Table) {
    guard let rule = SearchIntent(titles: titles) else { return nil }
    self.rule = rule
  }

  mutating func matches(_ query: String) -> Matches {
    if let found = known[query] { return found }
    let made = Matches(
      explore: rule.classify(query) == .explore, exact: Set(rule.prefixRows(query, typos: 0)),
      nearly: Set(rule.prefixRows(query, typos: 1)))
    known[query] = made
    return made
  }

  /// Builds the prefix indexes that queries of these lengths read, once, so that copies of this
  /// matcher (one per thread) do not each build them again: a query of n letters reads the
  /// indexes of lengths n − 1, n and n + 1.
  package mutating func prepare(for queries: [String]) {
    let lengths = Set(queries.map { $0.lowercased().drop { $0 == " " || $0 == "\t" }.count })
    for n in lengths.sorted() where n > 0 { _ = rule.prefixRows(String(repeating: "a", count: n), typos: 1) }
  }
}
