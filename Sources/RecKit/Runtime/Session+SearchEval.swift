import RecCore
import RecEngine

extension Session {
  /// `eval R, … on SPLIT` over search rankers: each search of the test side with a click is
  /// judged, its relevant title the clicked one, on each ranker's candidates ranked by score;
  /// the history is the plays and searches before the split's cut. The share of searches whose
  /// click was not retrieved is a status line; the figures are laid out as for pages (`by`,
  /// `baseline`, paired tests with Holm's correction, `long`), or one row per search (`per
  /// search`), kept as `_`.
  func evaluate(_ plan: SearchEvalPlan) throws(Diagnostic) {
    guard let pair = splits[plan.split.train] else {
      throw Diagnostic(.unknownSplit(plan.split.test, known: splits.keys.sorted()), at: plan.split.range)
    }
    guard case .cut(let cut) = pair.now else { throw Diagnostic(.notATimeSplit(pair.test), at: plan.split.range) }
    let test = try table(pair.test, at: plan.split.range)
    let judged = SearchJudgement(searches: test)
    guard !judged.requests.isEmpty else { throw Diagnostic(.noClickedSearches(pair.test), at: plan.split.range) }
    let candidates = try searchCandidates(at: plan.split.range)
    let plays = tables["plays"] ?? Table()
    let history = SearchHistory(
      plays: plays, searches: try table(pair.train, at: plan.split.range), now: cut,
      popularity: candidates.popularity(plays: plays, before: cut))
    var rankers: [any SearchRanker] = []
    for ranker in plan.rankers { rankers.append(try searchRanker(ranker)) }
    let ranks = try judged.ranks(rankers, candidates: candidates, history: history, cancellation: cancellation)
    let n = judged.requests.count
    let missed = zip(plan.rankers, ranks).map { ranker, ranks in
      let share = Double(ranks.filter { $0 == nil }.count) / Double(n)
      let tenths = Int((share * 1000).rounded())
      return "\(ranker.name) \(tenths / 10).\(tenths % 10)%"
    }
    status("\(thousands(n)) \(n == 1 ? "search" : "searches") with a click; not retrieved: \(missed.joined(separator: ", "))")
    let scores = ranks.map { ranks in plan.metrics.map { SearchJudgement.scores($0, ranks: ranks) } }
    let inputs: Set<String> = [pair.train, pair.test]
    let table: Table
    var metricColumns: Set<String> = ["value"]
    switch plan.layout {
    case .perSearch:
      table = perSearch(judged, rankers: plan.rankers.map(\.name), ranks: ranks, scores: scores, metrics: plan.metrics)
    case .wide, .long:
      var segments: EvaluationTable.Segments?
      if let (pipeline, column) = plan.segment {
        let derived = try runQuery(pipeline)
        guard let values = derived[column] else {
          throw Diagnostic(.unknownColumn(column, in: pair.test, known: derived.names), at: plan.split.range)
        }
        segments = EvaluationTable.Segments(name: column, type: values.type, values: judged.rows.map(values.value))
      }
      // A search is a unit of its member's bucket, keyed by its time, query and click.
      let units = zip(judged.requests, judged.clicked).map { request, clicked in
        BucketOrder.Unit(
          member: request.member,
          key: KeyedRandom.key(
            UInt64(bitPattern: Int64(request.at)), UInt64(UInt32(bitPattern: Murmur3.hash(bytes: Array(request.query.utf8)))),
            UInt64(bitPattern: Int64(clicked))))
      }
      let subjects = EvaluationTable.Subjects(
        names: plan.rankers.map(\.name), kind: "ranker", units: units, unitName: "searches")
      let summary = EvaluationTable.summary(
        subjects, scores: scores, metrics: plan.metrics, baseline: plan.baseline, test: plan.test, seed: seed,
        segments: segments, long: plan.layout == .long)
      table = summary.table
      metricColumns = summary.metricColumns
    }
    keepResult(table, from: inputs, metricColumns: metricColumns)
    show(table, metricColumns: metricColumns)
  }

  /// `eval … per search`: columns `ranker`, `member`, `query`, `at`, `clicked`, `rank` (missing
  /// when not retrieved), `metric`, `value`: one row per ranker, judged search and metric.
  private func perSearch(
    _ judged: SearchJudgement, rankers: [String], ranks: [[Int?]], scores: [[[Double]]], metrics: [Metric]
  ) -> Table {
    var columns: [[Value]] = Array(repeating: [], count: 8)
    for (r, ranker) in rankers.enumerated() {
      for (m, metric) in metrics.enumerated() {
        for (i, request) in judged.requests.enumerated() {
          let cells: [Value] = [
            .string(ranker), .int(request.member), .string(request.query), .time(request.at), .int(judged.clicked[i]),
            ranks[r][i].map(Value.int) ?? .null, .string(metric.label), .float(scores[r][m][i]),
          ]
          for (c, cell) in cells.enumerated() { columns[c].append(cell) }
        }
      }
    }
    let names: [(String, ColumnType)] = [
      ("ranker", .string), ("member", .int), ("query", .string), ("at", .time), ("clicked", .int), ("rank", .int),
      ("metric", .string), ("value", .float),
    ]
    return Table(zip(names, columns).map { ($0.0.0, Column(type: $0.0.1, values: $0.1)) })
  }
}
