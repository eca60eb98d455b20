/// A ranker of search results: scores every candidate of one search from what was known before
/// it. `search` and `eval` retrieve the candidates the ranker asks for, score them, and list them
/// by score, highest first, ties by the smaller title id (`SearchResults`).
///
/// The built-in rankers are `PopularRanker` and, on the demo, `DemoTruthRanker`; a learned ranker
/// conforms the same way, reading its features from the request and the history.
package protocol SearchRanker: Sendable {
  /// The candidate sources and the first phase's limit.
  var sources: [SearchCandidates.Source] { get }
  var candidateLimit: Int? { get }

  /// One score per candidate, parallel to `candidates.titles`.
  func scores(for search: SearchRequest, candidates: SearchCandidates.Retrieved, history: SearchHistory) -> [Double]
}

/// One search: who typed what, when.
package struct SearchRequest: Sendable {
  package var member: Int
  package var query: String
  /// Unix seconds: titles released later are no candidates.
  package var at: Int

  package init(member: Int, query: String, at: Int) {
    self.member = member
    self.query = query
    self.at = at
  }
}

/// What a ranker may read of the past: the rows of `plays` and `searches` before `now` (later
/// rows are not history: a ranker skips them, as `popularity` does), and the plays per catalog
/// row among them (the first phase's popularity).
package struct SearchHistory: Sendable {
  package var plays: Table
  package var searches: Table
  package var now: Int
  /// Plays before `now` per catalog row of the `SearchCandidates` they were counted for.
  package var popularity: [Int]

  package init(plays: Table, searches: Table, now: Int, popularity: [Int]) {
    self.plays = plays
    self.searches = searches
    self.now = now
    self.popularity = popularity
  }
}
