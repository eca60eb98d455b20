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

  /// Finds the matches of every distinct query of `queries` on every core, once, so that copies
  /// of this matcher (one per thread) share them instead of each finding its own.
  package mutating func prepare(for queries: [String]) {
    let distinct = Array(Set(queries).subtracting(known.keys))
    rule.prepare(for: distinct)
    let found = parallelMap(distinct.count, copying: self, part: 64) { $0.matches(distinct[$1]) }
    for (query, matches) in zip(distinct, found) { known[query] = matches }
  }
}
