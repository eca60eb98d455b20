/// One search's results: its candidates ranked by a ranker's scores, highest first, ties (and
/// scores that are not numbers, last) by the smaller title id.
package struct SearchResults: Sendable {
  /// The first phase's limit of the built-in rankers.
  package static let defaultCandidateLimit = 500

  /// Title ids in rank order.
  package var titles: [Int]
  /// Their scores, parallel to `titles`.
  package var scores: [Double]
  /// The candidates, as retrieved (ascending ids, their sources).
  package var candidates: SearchCandidates.Retrieved

  /// Retrieves `search`'s candidates for `ranker` and ranks them.
  package static func rank(
    _ search: SearchRequest, ranker: any SearchRanker, candidates source: inout SearchCandidates, history: SearchHistory
  ) -> SearchResults {
    let candidates = source.retrieve(
      search.query, at: search.at, popularity: history.popularity, sources: ranker.sources, limit: ranker.candidateLimit)
    let raw = ranker.scores(for: search, candidates: candidates, history: history)
    var scored = candidates.titles.enumerated().map { i, title in
      (score: i < raw.count && !raw[i].isNaN ? raw[i] : -Double.infinity, title: title)
    }
    scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.title < $1.title }
    return SearchResults(titles: scored.map(\.title), scores: scored.map(\.score), candidates: candidates)
  }

  /// The 1-based rank of `title`, nil when it was not retrieved.
  package func rank(of title: Int) -> Int? {
    titles.firstIndex(of: title).map { $0 + 1 }
  }
}
