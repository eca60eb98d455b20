import RealModule

/// The `popular` ranker: every candidate scored by its `popularity`, log(1 + plays of the title
/// in the history) — the baseline every learned ranker must beat.
package struct PopularRanker: SearchRanker {
  package var sources = SearchCandidates.Source.all
  package var candidateLimit: Int? = SearchResults.defaultCandidateLimit

  package init() {}

  package func scores(for search: SearchRequest, candidates: SearchCandidates.Retrieved, history: SearchHistory) -> [Double] {
    candidates.rows.map { row in
      Double.log(1 + Double(row < history.popularity.count ? history.popularity[row] : 0))
    }
  }
}
