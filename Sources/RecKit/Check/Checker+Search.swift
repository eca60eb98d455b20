import RecCore
import RecEngine
import RecSyntax

/// `search`, and `eval` over search rankers.
extension Checker {
  /// The most results `search … limit N` lists.
  static let searchLimits = 1...10_000
  /// The columns of `search`'s result, kept as `_`.
  static let searchSchema = Schema([("rank", .int), ("title", .int), ("name", .string), ("score", .float)])
  /// The columns a judged table of searches must have.
  static let searchColumns = ["member", "query", "at", "clicked"]

  /// The ranker `name`: one of the built-in rankers, `truth` only when the demo is loaded.
  func rankerPlan(_ name: Identifier) throws(Diagnostic) -> RankerPlan {
    if environment.definitions[name.text]?.kind == .ranker {
      return RankerPlan(name: name.text, kind: .learned, range: name.range)
    }
    guard let builtIn = RankerPlan.builtIn.first(where: { $0.name == name.text }) else {
      let known = RankerPlan.builtIn.map(\.name) + environment.names(of: .ranker)
      throw Diagnostic(.unknownDefinition("ranker", name.text, known: known), at: name.range)
    }
    if case .truth = builtIn.kind, !environment.hasDemo { throw Diagnostic(.needsDemo("truth"), at: name.range) }
    return RankerPlan(name: name.text, kind: builtIn.kind, range: name.range)
  }

  /// Whether `name` stands for a search ranker; a page defined under a ranker's name is a page.
  func namesRanker(_ name: String) -> Bool {
    environment.definitions[name]?.kind == .ranker
      || (environment.definitions[name]?.kind != .page && RankerPlan.builtIn.contains { $0.name == name })
  }

  /// `search "q" for member M [with R] [limit N] [at TIME]`: a query in quotes, a member id, a
  /// known ranker (by default the last `ranker` defined, else `popular`, as `explain search`
  /// chooses), a count, a date or time, and a catalog to search.
  func check(_ search: SearchStatement, at range: SourceRange) throws(Diagnostic) -> SearchPlan {
    guard case .literal(.string(let query)) = search.query.kind else {
      throw Diagnostic(.expected("a query in quotes", after: "'search'"), at: search.query.range)
    }
    let member = try memberChoice(search.member)
    let lastRanker = environment.definitions.values.last { $0.kind == .ranker }?.name
    let ranker = try rankerPlan(search.ranker ?? Identifier(lastRanker ?? "popular", range))
    let limit = try search.limit.map { e throws(Diagnostic) in
      try integer(e, in: Self.searchLimits, expected: "a count from 1 to \(thousands(Self.searchLimits.upperBound))", after: "'limit'")
    }
    var at: Int?
    if let e = search.at {
      switch e.kind {
      case .literal(.date(let days)) where days.multipliedReportingOverflow(by: 86_400).overflow == false:
        at = days * 86_400
      case .literal(.datetime(let seconds)): at = seconds
      default: throw Diagnostic(.expected("a date or a time", after: "'at'"), at: e.range)
      }
    }
    try requireSearchCatalog(at: range)
    return SearchPlan(query: query, member: member, ranker: ranker, limit: limit ?? 10, at: at, range: range)
  }

  /// A catalog to search: `titles` with an `id` and a text `name` (once its columns are known).
  private func requireSearchCatalog(at range: SourceRange) throws(Diagnostic) {
    if let titles = try requireTable(Identifier("titles", range)),
      titles.type(of: "id") == nil || titles.type(of: "name") != .string
    {
      throw Diagnostic(.needsSearchCatalog(), at: range)
    }
  }

  /// Whether `e` judges search rankers: every name it compares is a ranker. Pages and rankers
  /// together are an error, reported at the later of the first page and the first ranker.
  func evaluatesSearches(_ e: Evaluation) throws(Diagnostic) -> Bool {
    let names = e.pages + (e.baseline.map { [$0] } ?? [])
    guard let ranker = names.firstIndex(where: { namesRanker($0.text) }) else { return false }
    if let page = names.firstIndex(where: { environment.definitions[$0.text]?.kind == .page }) {
      throw Diagnostic(.mixedEval(page: names[page].text, ranker: names[ranker].text), at: names[max(page, ranker)].range)
    }
    return true
  }

  /// `eval R, … on SPLIT` over rankers: known rankers, a split whose test side is a table of
  /// searches, metrics that judge searches, `per search` rather than `per member`; nil when
  /// the `by` expression can only be bound once data is read.
  func checkSearchEval(_ e: Evaluation, at range: SourceRange) throws(Diagnostic) -> SearchEvalPlan? {
    var names = e.pages
    if let baseline = e.baseline, !names.contains(where: { $0.text == baseline.text }) { names.insert(baseline, at: 0) }
    var rankers: [RankerPlan] = []
    for name in names { rankers.append(try rankerPlan(name)) }
    let split = try requireSplit(e.split)
    try requireSearchCatalog(at: e.split.range)
    if let schema = try requireTable(Identifier(split.test, e.split.range)),
      let missing = Self.searchColumns.first(where: { schema.type(of: $0) == nil })
    {
      throw Diagnostic(.unknownColumn(missing, in: split.test, known: schema.names), at: e.split.range)
    }
    var metrics: [Metric] = []
    for ref in e.metrics {
      let label = ref.name + Self.suffix(of: ref)
      guard environment.definitions[ref.name]?.metric == nil else { throw Diagnostic(.notASearchMetric(label), at: ref.range) }
      let metric = try Self.resolve(ref)
      guard SearchJudgement.judges(metric) else { throw Diagnostic(.notASearchMetric(label), at: ref.range) }
      metrics.append(metric)
    }
    if e.perMember {
      throw Diagnostic(
        .expected("'per search'", found: "'per member'"), at: Formatter.wordRange("per", in: range) ?? range)
    }
    var segment: (BoundPipeline, String)?
    if let expr = e.segment {
      let column = Self.segmentName(expr)
      let pipeline = Pipeline(
        source: Identifier(split.test, expr.range),
        steps: [Transform(.derive([Binding(name: Identifier(column, expr.range), expr: expr)]), expr.range)],
        range: expr.range)
      guard let bound = try check(pipeline) else { return nil }
      segment = (bound, column)
    }
    return SearchEvalPlan(
      rankers: rankers, split: split, metrics: metrics.isEmpty ? SearchEvalPlan.defaultMetrics : metrics,
      baseline: e.baseline?.text, segment: segment, layout: e.perSearch ? .perSearch : e.long ? .long : .wide,
      test: try pairedTest(e.test))
  }

  /// The segment column's name: the column or function a `by` expression names
  /// (`member.country` → `country`, `intent(query)` → `intent`), else its text.
  private static func segmentName(_ expr: Expr) -> String {
    switch expr.kind {
    case .name(let name), .member(_, let name), .call(let name, _): name
    default: expr.range.text
    }
  }
}
