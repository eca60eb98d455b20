import RecCore
import RecEngine
import RecOutput

extension Session {
  /// `eval P, … on SPLIT`: every page built from the train side as of the split's "now", judged
  /// against the test side; a summary (a column or, `long`, a row per metric; or one row per
  /// member and metric), kept as `_`.
  func evaluate(_ plan: EvalPlan) throws(Diagnostic) {
    let (pair, splitJudge) = try judge(on: plan.split)
    let judge = try withUpliftTruth(splitJudge, split: pair, for: plan.truthMetric)
    var pages = try scores(plan.pages, split: pair, judge: judge)
    try scoreFormulas(plan.formulas, pages: &pages, judge: judge)
    let inputs: Set<String> = [pair.train, pair.test]
    var scores: [[[Double]]] = []
    for page in pages { scores.append(try page.perMember(plan.metrics, judge: judge, cancellation: cancellation)) }
    if plan.layout == .perMember {
      let table = EvaluationTable.perMember(pages: pages, scores: scores, metrics: plan.metrics, judge: judge)
      keepResult(table, from: inputs, metricColumns: ["value"])
      show(table, metricColumns: ["value"])
      return
    }
    var segments: EvaluationTable.Segments?
    if let (column, range) = plan.segment { segments = try self.segments(column, at: range, judge: judge) }
    let summary = EvaluationTable.summary(
      EvaluationTable.Subjects(pages: pages, judge: judge), scores: scores, metrics: plan.metrics,
      baseline: plan.baseline, test: plan.test, seed: seed, segments: segments, long: plan.layout == .long)
    keepResult(summary.table, from: inputs, metricColumns: summary.metricColumns)
    show(summary.table, metricColumns: summary.metricColumns)
  }

  /// `sweep METRIC for V in A..B over P, … on SPLIT [to "FILE.svg"]`: the metric at each value
  /// of V, a table (`page`, V, `value`) and a line chart (shown, or written to an SVG file).
  func sweep(_ plan: SweepPlan) throws(Diagnostic) {
    let (pair, splitJudge) = try judge(on: plan.split)
    let truthMetric = plan.metrics.contains { $0.kind == .incremental } ? (plan.label, plan.split.range) : nil
    let judge = try withUpliftTruth(splitJudge, split: pair, for: truthMetric)
    let pages = try scores(plan.pages, split: pair, judge: judge)
    var values: [[Double]] = []
    for page in pages {
      var row: [Double] = []
      for metric in plan.metrics {
        try cancellation.check()
        row.append(try page.value(metric, judge: judge, cancellation: cancellation))
      }
      values.append(row)
    }
    let table = Table([
      ("page", Column(type: .string, values: pages.flatMap { p in plan.values.map { _ in Value.string(p.name) } })),
      (plan.variable, Column(type: .int, ints: pages.flatMap { _ in plan.values })),
      ("value", Column(type: .float, values: values.flatMap { $0.map(Value.float) })),
    ])
    keepResult(table, from: [pair.train, pair.test], metricColumns: ["value"])
    let chart = LineChart(
      title: "\(plan.label) on \(pair.test)", xLabel: plan.variable, yLabel: plan.metricName,
      series: zip(pages, values).map { page, ys in
        LineChart.Series(name: page.name, points: zip(plan.values, ys).map { (Double($0), $1) })
      })
    show(table, metricColumns: ["value"])
    try present(chart, to: plan.chart)
  }

  /// A sweep's chart: written to the SVG file `to` names, or shown.
  func present(_ chart: LineChart, to path: FilePath?) throws(Diagnostic) {
    guard let path else { return emit(.chart(chart)) }
    try read(path) { (file: String) throws(DataError) in
      try TableWriter.writeText(chart.svg(width: 640, height: 400), to: file, displayName: path.written)
    }
    status("wrote chart to \(path.written)")
  }

  /// The split named by `split` and its judge: the test side's relevant titles, the train side's
  /// popularity, the session's `titles`, its "now".
  func judge(on split: SplitChoice) throws(Diagnostic) -> (SplitPair, Judge) {
    guard let pair = splits[split.train] else {
      throw Diagnostic(.unknownSplit(split.test, known: splits.keys.sorted()), at: split.range)
    }
    let judge = homeIndexes.judge(
      test: try table(pair.test, at: nil), train: try table(pair.train, at: nil), titles: tables["titles"],
      now: pair.now)
    guard !judge.members.isEmpty else { throw Diagnostic(.noRelevantTitles(pair.test), at: split.range) }
    return (pair, judge)
  }

  /// Builds each page from the split's train side as of its "now", for every judged member.
  func scores(_ pages: [PagePlan], split pair: SplitPair, judge: Judge) throws(Diagnostic) -> [PageScores] {
    var context = tablesByName
    context[pair.source] = try table(pair.train, at: nil)
    let pageContext = PageContext(plays: try table(pair.train, at: nil), tables: context, now: pair.now)
    var scores: [PageScores] = []
    for page in pages {
      try cancellation.check()
      scores.append(
        try PageScores.build(page.name, try builder(page, context: pageContext), judge: judge, cancellation: cancellation))
    }
    return scores
  }

  /// Each judged member's segment (`by member.country`), read from `members`.
  private func segments(_ column: String, at range: SourceRange, judge: Judge) throws(Diagnostic) -> EvaluationTable.Segments {
    let members = try table("members", at: range)
    guard let values = members[column], let ids = members["id"]?.intValues else {
      throw Diagnostic(.unknownColumn(column, in: "members", known: members.names), at: range)
    }
    var byId: [Int: Value] = [:]
    for i in ids.indices where ids[i] != Int.min { byId[ids[i]] = values.value(at: i) }
    return EvaluationTable.Segments(name: column, type: values.type, values: judge.members.map { byId[$0] ?? .null })
  }
}
