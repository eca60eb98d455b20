import RecCore
import RecEngine

extension Session {
  /// `search "q" for member M [with R] [limit N] [at TIME]`: the intent and candidate count in a
  /// status line, then the ranked results (`rank, title, name, score`), kept as `_`. The history
  /// is every play and search before "now": the `at` given, else the latest play.
  func search(_ plan: SearchPlan) throws(Diagnostic) {
    var candidates = try searchCandidates(at: plan.range)
    try requireMember(plan.member)
    guard let now = plan.at ?? dataNow else { throw Diagnostic(.nowUnknown("search"), at: plan.range) }
    let plays = tables["plays"] ?? Table()
    let history = SearchHistory(
      plays: plays, searches: tables["searches"] ?? Table(), now: now,
      popularity: candidates.popularity(plays: plays, before: now))
    let request = SearchRequest(member: plan.member.id, query: plan.query, at: now)
    let results = SearchResults.rank(
      request, ranker: try searchRanker(plan.ranker), candidates: &candidates, history: history)
    let found = results.candidates
    let sources = found.sources.isEmpty ? "" : " by " + found.sources.map(\.description).joined(separator: ", ")
    status("\(candidates.intent(of: plan.query).rawValue) · \(count(found.titles.count, "candidate"))\(sources)")
    let shown = min(plan.limit, results.titles.count)
    let names = candidateNames(found)
    let table = Table([
      ("rank", Column(type: .int, ints: Array(1..<shown + 1))),
      ("title", Column(type: .int, ints: Array(results.titles.prefix(shown)))),
      ("name", Column(type: .string, values: results.titles.prefix(shown).map { names[$0].map(Value.string) ?? .null })),
      ("score", Column(type: .float, values: results.scores.prefix(shown).map(Value.float))),
    ])
    keepResult(table, from: ["titles", "plays"], metricColumns: ["score"])
    show(table, metricColumns: ["score"])
  }

  /// The candidate sources over the session's catalog.
  func searchCandidates(at range: SourceRange) throws(Diagnostic) -> SearchCandidates {
    guard let candidates = SearchCandidates(titles: try table("titles", at: range)) else {
      throw Diagnostic(.needsSearchCatalog(), at: range)
    }
    return candidates
  }

  /// The ranker a plan names.
  func searchRanker(_ plan: RankerPlan) throws(Diagnostic) -> any SearchRanker {
    switch plan.kind {
    case .popular: return PopularRanker()
    case .truth:
      guard let demo else { throw Diagnostic(.needsDemo("truth"), at: plan.range) }
      return DemoTruthRanker(world: demo)
    case .learned:
      guard let trained = rankers[plan.name] else {
        throw Diagnostic(.unknownDefinition("ranker", plan.name, known: rankers.keys.sorted()), at: plan.range)
      }
      return LearnedSearchRanker(trained, tables: tablesByName, cache: searchFeatures)
    }
  }

  /// A member known to `members` or to the plays; otherwise "unknown member".
  func requireMember(_ member: MemberChoice) throws(Diagnostic) {
    for (table, column) in [("members", "id"), ("plays", "member")] {
      guard let ids = tables[table]?[column]?.intValues else { continue }
      if ids.contains(member.id) { return }
    }
    throw Diagnostic(.unknownMember(String(member.id)), at: member.range)
  }

  /// The names of the retrieved titles, by id.
  private func candidateNames(_ found: SearchCandidates.Retrieved) -> [Int: String] {
    guard let names = tables["titles"]?["name"] else { return [:] }
    var out: [Int: String] = [:]
    for (id, row) in zip(found.titles, found.rows) {
      if case .string(let s) = names.value(at: row) { out[id] = s }
    }
    return out
  }
}
