import RecCore
import RecEngine

/// `explain search "q" for member M [with R] [limit N]`: a learned ranker's results, each score
/// taken apart feature by feature.
extension Session {
  /// Retrieves the query's candidates against every play and search ("now" the latest play),
  /// scores them, and shows for each of the top `limit` one row per feature column, after a
  /// `(base)` row and, for a network, before an `(interaction)` row: `rank, title, name,
  /// feature, value, contribution`. Base plus the contributions (plus interaction) is the logit.
  func explain(_ plan: ExplainSearchPlan) throws(Diagnostic) {
    guard let ranker = rankers[plan.ranker] else {
      throw Diagnostic(.unknownDefinition("ranker", plan.ranker, known: rankers.keys.sorted()), at: plan.rankerRange)
    }
    let plays = try table("plays", at: plan.member.range)
    let history = try SearchFeatureHistory(
      plays: plays, searches: tables["searches"], tables: tablesByName, now: nil, cancellation: cancellation)
    guard var retrieval = SearchCandidates(titles: history.catalog),
      var rule = SearchIntent(titles: history.catalog)
    else {
      throw Diagnostic(.needsCatalog("explain search"), at: plan.rankerRange)
    }
    guard history.knows(member: plan.member.id) else {
      throw Diagnostic(.unknownMember(String(plan.member.id)), at: plan.member.range)
    }
    let now = history.now
    let found = retrieval.retrieve(
      plan.query, at: now, popularity: history.popularityByRow, sources: ranker.sources, limit: ranker.limit)
    var values: [Double] = []
    ranker.layout.rows(
      member: plan.member.id, query: plan.query, at: now, candidates: found.rows, history: history, rule: &rule,
      into: &values)
    let width = ranker.layout.columns.count
    let rowsOf = { (c: Int) in Array(values[(c * width)..<((c + 1) * width)]) }
    let logits = found.titles.indices.map { c in ranker.logit(rowsOf(c)) }
    let ranked = found.titles.indices.sorted { a, b in
      logits[a] != logits[b] ? logits[a] > logits[b] : found.titles[a] < found.titles[b]
    }
    let names = history.catalog["name"]
    var (rank, title, name, feature, value, contribution) = ([Int](), [Int](), [Value](), [String](), [Double](), [Double]())
    func add(_ r: Int, _ c: Int, _ what: String, _ x: Double, _ share: Double) {
      rank.append(r)
      title.append(found.titles[c])
      name.append(names?.value(at: found.rows[c]) ?? .null)
      feature.append(what)
      value.append(x)
      contribution.append(share)
    }
    let network: Bool
    if case .network = ranker.model { network = true } else { network = false }
    for (r, c) in ranked.prefix(plan.limit).enumerated() {
      let x = rowsOf(c)
      let parts = ranker.explain(x)
      add(r + 1, c, "(base)", .nan, parts.base)
      for (j, column) in ranker.layout.columns.enumerated() { add(r + 1, c, column, x[j], parts.contributions[j]) }
      if network { add(r + 1, c, "(interaction)", .nan, parts.interaction) }
    }
    var intent = rule.classify(plan.query).rawValue
    if found.titles.isEmpty { intent += " · no candidates" }
    status(
      "\(intent) · \(count(found.titles.count, "candidate"))"
        + (found.sources.isEmpty ? "" : " by " + found.sources.map { $0.description }.joined(separator: ", ")))
    let result = Table([
      ("rank", Column(type: .int, storage: .int64(rank))), ("title", Column(type: .int, storage: .int64(title))),
      ("name", Column(type: .string, values: name)), ("feature", Column(type: .string, values: feature.map(Value.string))),
      ("value", Column(type: .float, storage: .float64(value))),
      ("contribution", Column(type: .float, storage: .float64(contribution))),
    ])
    keepResult(result, from: ["plays", "searches", "titles"])
    show(result)
  }
}
