import RecCore
import Synchronization

/// The searches an `eval` over rankers judges: every row of a searches table (`member`, `query`,
/// `at`, `clicked`) with a click; its relevant title is the clicked one. A ranker's list for a
/// search is its candidates ranked by score (`SearchResults`), and a click not among them has
/// no rank: 0 in every metric.
package struct SearchJudgement: Sendable {
  /// The judged rows of the table, ascending.
  package let rows: [Int]
  package let requests: [SearchRequest]
  /// The clicked title of each judged search.
  package let clicked: [Int]

  /// The searches of `table` with a member, a query, a time and a click.
  /// - Complexity: O(rows).
  package init(searches table: Table) {
    var rows: [Int] = []
    var requests: [SearchRequest] = []
    var clicked: [Int] = []
    if let member = table["member"]?.integers, let at = table["at"]?.integers, let click = table["clicked"]?.integers,
      let query = table["query"], case .string(let codes, let dict) = query.storage
    {
      for i in 0..<table.count where member[i] != Int.min && at[i] != Int.min && click[i] != Int.min && codes[i] >= 0 {
        rows.append(i)
        requests.append(SearchRequest(member: member[i], query: dict.strings[Int(codes[i])], at: at[i]))
        clicked.append(click[i])
      }
    }
    self.rows = rows
    self.requests = requests
    self.clicked = clicked
  }

  /// Where each ranker places each judged search's click (1-based), nil when not retrieved: one
  /// list per ranker. The searches are shared out over the cores, each part with its own copies
  /// of `candidates` (one per set of sources the rankers ask for), whose indexes and the reach of
  /// each query are found first, once for all parts. Learned rankers that read the same columns
  /// of the same candidates score one set of feature rows per search, made once.
  package func ranks(
    _ rankers: [any SearchRanker], candidates: SearchCandidates, history: SearchHistory,
    cancellation: Cancellation = .never
  ) throws(Diagnostic) -> [[Int?]] {
    var remembered: [(sources: [SearchCandidates.Source], candidates: SearchCandidates)] = []
    for ranker in rankers where !remembered.contains(where: { $0.sources == ranker.sources }) {
      var copy = candidates
      copy.remember(requests.map(\.query), popularity: history.popularity, sources: ranker.sources)
      remembered.append((ranker.sources, copy))
    }
    let sourceOf = rankers.map { ranker in remembered.firstIndex { $0.sources == ranker.sources } ?? 0 }
    let n = requests.count
    let parts = max(1, min(n / 256, 64))
    let results = Mutex<[[[Int?]]]>(Array(repeating: [], count: parts))
    inParallel(parts) { c in
      var sources = remembered.map(\.candidates)
      var out = [[Int?]](repeating: [], count: rankers.count)
      for i in (c * n / parts)..<((c + 1) * n / parts) {
        if i % 64 == 0 && cancellation.isCancelled { return }
        var made: (layout: SearchFeatureLayout, rows: [Int], values: [Double]?)?
        for (r, ranker) in rankers.enumerated() {
          let retrieved = SearchResults.retrieve(requests[i], for: ranker, from: &sources[sourceOf[r]], history: history)
          let scores: [Double]
          if let learned = ranker as? LearnedSearchRanker {
            if let made, made.layout == learned.ranker.layout, made.rows == retrieved.rows {
              scores = learned.scores(made.values, candidates: retrieved)
            } else {
              let values = learned.featureValues(for: requests[i], candidates: retrieved, history: history)
              made = (learned.ranker.layout, retrieved.rows, values)
              scores = learned.scores(values, candidates: retrieved)
            }
          } else {
            scores = ranker.scores(for: requests[i], candidates: retrieved, history: history)
          }
          out[r].append(SearchResults.rank(of: clicked[i], in: retrieved, scores: scores))
        }
      }
      results.withLock { $0[c] = out }
    }
    try cancellation.check()
    return results.withLock { parts in rankers.indices.map { r in parts.flatMap { $0.isEmpty ? [] : $0[r] } } }
  }

  /// `metric` (a ranking metric at a cut-off) for each search, from the rank of its one relevant
  /// title: `mrr@k` 1/r, `ndcg@k` 1/log₂(r + 1), `recall@k` and `hit@k` 1, when r ≤ k; else 0.
  package static func scores(_ metric: Metric, ranks: [Int?]) -> [Double] {
    let k = metric.k ?? 0
    return ranks.map { r in
      metric.score(hits: HitRanks(ranks: r.map { $0 <= k ? [$0] : [] } ?? [], relevantCount: 1))
    }
  }

  /// Whether `metric` judges searches: `mrr`, `ndcg`, `recall` or `hit` at a cut-off, no variant.
  package static func judges(_ metric: Metric) -> Bool {
    [.mrr, .ndcg, .recall, .hit].contains(metric.kind) && metric.k != nil && metric.grid == nil && metric.variant == nil
  }
}
