import RecCore
import RecEngine

/// `explain search "q" for member M [with R] [limit N]`: a learned ranker's results, as `search`
/// ranks them, each score taken apart feature by feature.
extension Session {
  /// Ranks the query's candidates as `search … with R` does (the history every play and search
  /// before the latest play), then shows for each of the top `limit` one row per feature column,
  /// after a `(base)` row and, for a network, before an `(interaction)` row: `rank, title, name,
  /// feature, value, contribution`. Base plus the contributions (plus interaction) is the logit.
  func explain(_ plan: ExplainSearchPlan) throws(Diagnostic) {
    guard let trained = rankers[plan.ranker] else {
      throw Diagnostic(.unknownDefinition("ranker", plan.ranker, known: rankers.keys.sorted()), at: plan.rankerRange)
    }
    var candidates = try searchCandidates(at: plan.rankerRange)
    try requireMember(plan.member)
    guard let now = dataNow else { throw Diagnostic(.nowUnknown("explain search"), at: plan.rankerRange) }
    let plays = tables["plays"] ?? Table()
    let history = SearchHistory(
      plays: plays, searches: tables["searches"] ?? Table(), now: now,
      popularity: candidates.popularity(plays: plays, before: now))
    let request = SearchRequest(member: plan.member.id, query: plan.query, at: now)
    let ranker = LearnedSearchRanker(trained, tables: tablesByName, cache: searchFeatures)
    let results = SearchResults.rank(request, ranker: ranker, candidates: &candidates, history: history)
    let found = results.candidates
    let rows = ranker.featureRows(for: request, candidates: found, history: history)
    let position = Dictionary(uniqueKeysWithValues: found.titles.enumerated().map { ($1, $0) })
    let names = tables["titles"]?["name"]
    var (rank, title, name, feature, value, contribution) = ([Int](), [Int](), [Value](), [String](), [Double](), [Double]())
    func add(_ r: Int, _ c: Int, _ what: String, _ x: Double, _ share: Double) {
      rank.append(r)
      title.append(found.titles[c])
      name.append(names?.value(at: found.rows[c]) ?? .null)
      feature.append(what)
      value.append(x)
      contribution.append(share)
    }
    for (r, id) in results.titles.prefix(plan.limit).enumerated() {
      guard let c = position[id], rows[c].count == trained.layout.columns.count else { continue }
      let parts = trained.explain(rows[c])
      add(r + 1, c, "(base)", .nan, parts.base)
      for (j, column) in trained.layout.columns.enumerated() { add(r + 1, c, column, rows[c][j], parts.contributions[j]) }
      if case .network = trained.model { add(r + 1, c, "(interaction)", .nan, parts.interaction) }
    }
    let sources = found.sources.isEmpty ? "" : " by " + found.sources.map(\.description).joined(separator: ", ")
    status("\(candidates.intent(of: plan.query).rawValue) · \(count(found.titles.count, "candidate"))\(sources)")
    let result = Table([
      ("rank", Column(type: .int, storage: .int64(rank))), ("title", Column(type: .int, storage: .int64(title))),
      ("name", Column(type: .string, values: name)), ("feature", Column(type: .string, values: feature.map(Value.string))),
      ("value", Column(type: .float, storage: .float64(value))),
      ("contribution", Column(type: .float, storage: .float64(contribution))),
    ])
    keepResult(result, from: ["titles", "plays", "searches"])
    show(result)
  }
}
