import Synchronization

/// A trained ranker as `search`, `eval` and `explain search` use it: each search's candidates
/// scored by the model's click probability, their features read from a `SearchFeatureHistory`
/// of the history the statement gives (every play and search before its "now"), taken from the
/// session's cache: built on the first search, shared by the threads that judge the rest, and
/// kept for later statements over the same data.
package final class LearnedSearchRanker: SearchRanker {
  package let ranker: LearnedRanker
  /// The catalog and members the features read.
  private let tables: [String: Table]
  private let cache: SearchFeatureHistoryCache
  /// Scratch ready for reuse: each matcher indexes the catalog's prefixes as queries need them.
  private let scratches = Mutex<[SearchFeatureScratch]>([])

  package init(_ ranker: LearnedRanker, tables: [String: Table], cache: SearchFeatureHistoryCache) {
    self.ranker = ranker
    self.tables = tables
    self.cache = cache
  }

  package var sources: [SearchCandidates.Source] { ranker.sources }
  package var candidateLimit: Int? { ranker.limit }

  package func scores(
    for search: SearchRequest, candidates: SearchCandidates.Retrieved, history: SearchHistory
  ) -> [Double] {
    scores(featureValues(for: search, candidates: candidates, history: history), candidates: candidates)
  }

  /// The click probability of each candidate from its feature rows (`featureValues`); without a
  /// catalog (no rows) every candidate scores NaN, which ranks last.
  package func scores(_ values: [Double]?, candidates: SearchCandidates.Retrieved) -> [Double] {
    guard let values else { return candidates.rows.map { _ in .nan } }
    return ranker.logits(rowMajor: values, rows: candidates.rows.count).map(MultilayerPerceptron.sigmoid)
  }

  /// One feature row per candidate, in the candidates' order (none without a catalog).
  package func featureRows(
    for search: SearchRequest, candidates: SearchCandidates.Retrieved, history: SearchHistory
  ) -> [[Double]] {
    guard let values = featureValues(for: search, candidates: candidates, history: history) else {
      return candidates.rows.map { _ in [] }
    }
    let width = ranker.layout.columns.count
    return candidates.rows.indices.map { c in Array(values[(c * width)..<((c + 1) * width)]) }
  }

  /// The candidates' feature rows one after the other, nil without a catalog.
  package func featureValues(
    for search: SearchRequest, candidates: SearchCandidates.Retrieved, history: SearchHistory
  ) -> [Double]? {
    guard
      let past = cache.history(plays: history.plays, searches: history.searches, tables: tables, now: history.now),
      var scratch = scratches.withLock({ $0.popLast() }) ?? QueryMatcher(titles: past.catalog).map(SearchFeatureScratch.init)
    else { return nil }
    var values: [Double] = []
    ranker.layout.rows(
      member: search.member, query: search.query, at: search.at, candidates: candidates.rows, history: past,
      scratch: &scratch, into: &values)
    scratches.withLock { $0.append(scratch) }
    return values
  }
}
