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
    let (candidates, scores) = scored(search, ranker: ranker, candidates: &source, history: history)
    var order = Array(candidates.titles.indices)
    order.sort { before(scores[$0], candidates.titles[$0], scores[$1], candidates.titles[$1]) }
    return SearchResults(titles: order.map { candidates.titles[$0] }, scores: order.map { scores[$0] }, candidates: candidates)
  }

  /// Where `rank` would place `title` among `candidates` by their `raw` scores (1-based), nil
  /// when it is not among them: the candidates that rank before it, counted without sorting
  /// them all.
  package static func rank(of title: Int, in candidates: SearchCandidates.Retrieved, scores raw: [Double]) -> Int? {
    let scores = valid(raw, count: candidates.titles.count)
    guard let at = candidates.titles.firstIndex(of: title) else { return nil }
    return candidates.titles.indices.reduce(1) { $0 + (before(scores[$1], candidates.titles[$1], scores[at], title) ? 1 : 0) }
  }

  /// The candidates `ranker` asks for.
  package static func retrieve(
    _ search: SearchRequest, for ranker: any SearchRanker, from source: inout SearchCandidates, history: SearchHistory
  ) -> SearchCandidates.Retrieved {
    source.retrieve(
      search.query, at: search.at, popularity: history.popularity, sources: ranker.sources, limit: ranker.candidateLimit)
  }

  /// The candidates and their scores, a score that is not a number as −∞ (last).
  private static func scored(
    _ search: SearchRequest, ranker: any SearchRanker, candidates source: inout SearchCandidates, history: SearchHistory
  ) -> (SearchCandidates.Retrieved, [Double]) {
    let candidates = retrieve(search, for: ranker, from: &source, history: history)
    return (candidates, valid(ranker.scores(for: search, candidates: candidates, history: history), count: candidates.titles.count))
  }

  /// `count` scores, a missing score or one that is not a number as −∞ (last).
  private static func valid(_ raw: [Double], count: Int) -> [Double] {
    (0..<count).map { i in i < raw.count && !raw[i].isNaN ? raw[i] : -.infinity }
  }

  /// The ranking order: the higher score first, then the smaller title id.
  private static func before(_ score: Double, _ title: Int, _ otherScore: Double, _ other: Int) -> Bool {
    score != otherScore ? score > otherScore : title < other
  }

  /// The 1-based rank of `title`, nil when it was not retrieved.
  package func rank(of title: Int) -> Int? {
    titles.firstIndex(of: title).map { $0 + 1 }
  }
}
