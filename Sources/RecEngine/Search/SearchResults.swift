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
    let scores = candidates.titles.indices.map { i in i < raw.count && !raw[i].isNaN ? raw[i] : -Double.infinity }
    let order = candidates.titles.indices.sorted { a, b in
      scores[a] != scores[b] ? scores[a] > scores[b] : candidates.titles[a] < candidates.titles[b]
    }
    return SearchResults(titles: order.map { candidates.titles[$0] }, scores: order.map { scores[$0] }, candidates: candidates)
  }

  /// The 1-based rank of `title`, nil when it was not retrieved.
  package func rank(of title: Int) -> Int? {
    titles.firstIndex(of: title).map { $0 + 1 }
  }
}
