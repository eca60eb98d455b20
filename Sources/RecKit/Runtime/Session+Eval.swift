extension Session {
  /// `eval P, … on SPLIT [metrics …] [baseline P] [by SEGMENT] [per member] [test t|fisher]`.
  func execute(_ e: Evaluation) throws(Diagnostic) {
    let metrics = try (e.metrics.isEmpty ? Self.defaultMetrics : resolveMetrics(e.metrics))
    let judge = try judge(on: e.split)
    var names = e.pages
    if let baseline = e.baseline, !names.contains(where: { $0.text == baseline.text }) { names.insert(baseline, at: 0) }
    var pages = try scores(names, split: e.split, judge: judge)
    try scoreFormulas(metrics, pages: &pages, judge: judge)
    if e.perMember {
      let table = EvaluationTable.perMember(pages: pages, metrics: metrics, judge: judge)
      keepResult(table)
      show(table, metricColumns: ["value"])
      return
    }
    let summary = EvaluationTable.summary(
      pages: pages, metrics: metrics, judge: judge, baseline: e.baseline?.text, test: try comparisonTest(e.test),
      seed: seed, segments: try segments(e.segment, judge: judge))
    keepResult(summary.table)
    show(summary.table, metricColumns: summary.metricColumns)
  }

  /// `sweep METRIC for V in A..B over P, … on SPLIT [to "FILE.svg"]`: the metric at each value
  /// of V, a table (`page`, V, `value`) and a line chart (terminal, or an SVG file).
  func execute(_ s: Sweep) throws(Diagnostic) {
    guard case .literal(.range(let from, let to)) = s.values.kind, from <= to else {
      throw Diagnostic(.expected("a range such as '1..10'", after: "'in'"), at: s.values.range)
    }
    let resolved = try (from...to).map { v throws(Diagnostic) in try Metric.resolve(s.metric, bindings: [s.variable.text: v]) }
    let judge = try judge(on: s.split)
    let pages = try scores(s.pages, split: s.split, judge: judge)
    let values = pages.map { page in resolved.map { page.value($0, judge: judge) } }
    let label = s.metric.name + Metric.suffix(of: s.metric)
    let table = Table([
      ("page", Column(type: .string, values: pages.flatMap { p in resolved.map { _ in Value.string(p.name) } })),
      (s.variable.text, Column(type: .int, ints: pages.flatMap { _ in Array(from...to) })),
      ("value", Column(type: .float, values: values.flatMap { $0.map(Value.float) })),
    ])
    keepResult(table)
    let chart = LineChart(
      title: "\(label) on \(s.split.text)", xLabel: s.variable.text, yLabel: s.metric.name,
      series: zip(pages, values).map { page, ys in
        LineChart.Series(name: page.name, points: zip(from...to, ys).map { (Double($0), $1) })
      })
    if let output = s.output {
      try wrap(output) { (path: String) throws(DataError) in
        try TableWriter.writeText(chart.svg(width: 640, height: 400), to: path, displayName: output.value)
      }
      show(table, metricColumns: ["value"])
      status("wrote chart to \(output.value)")
    } else {
      show(table, metricColumns: ["value"])
      if options.format == .box { write(chart.terminal(width: min(options.width, 80), height: 12) + "\n", .results) }
    }
    record(.chart(chart))
  }

  /// Metrics of an `eval` without a `metrics` clause.
  private static let defaultMetrics = [
    Metric(kind: .recall, grid: .init(rows: 4, columns: 5)), Metric(kind: .ndcg, k: 20),
    Metric(kind: .coverage),
  ]

  /// Keeps a statement's result as `_` and `_N`, like a query's.
  func keepResult(_ table: Table) {
    resultCount += 1
    tables["_"] = table
    tables["_\(resultCount)"] = table
  }

  /// The judge of the split named `name`: its test side's relevant titles, its train side's
  /// popularity, the session's `titles`, its "now".
  func judge(on name: Identifier) throws(Diagnostic) -> Judge {
    guard let pair = splits[name.text], let test = tables[pair.test], let train = tables[pair.train] else {
      throw Diagnostic(.unknownSplit(name.text, known: splits.keys.sorted()), at: name.range)
    }
    let judge = homeIndexes.judge(test: test, train: train, titles: tables["titles"], now: pair.now)
    guard !judge.members.isEmpty else { throw Diagnostic(.noRelevantTitles(pair.test), at: name.range) }
    return judge
  }

  /// Builds each named page from the split's train side as of its "now", for every judged member.
  func scores(_ names: [Identifier], split: Identifier, judge: Judge) throws(Diagnostic) -> [PageScores] {
    let pair = splits[split.text]!
    var context = tablesByName()
    context[pair.source] = tables[pair.train]
    let pageContext = PageContext(plays: tables[pair.train]!, tables: context, now: pair.now)
    return try names.map { name throws(Diagnostic) in
      if isInterrupted { throw Diagnostic(.interrupted(), at: name.range) }
      return try PageScores.build(name.text, try pageBuilder(name, context: pageContext), judge: judge)
    }
  }

  private func tablesByName() -> [String: Table] {
    Dictionary(tables.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
  }

  private func comparisonTest(_ name: Identifier?) throws(Diagnostic) -> PairedComparison.Test {
    guard let name else { return .t }
    guard let test = PairedComparison.Test(rawValue: name.text) else {
      throw Diagnostic(.unknownOption(name.text, in: "test", known: ["t", "fisher"]), at: name.range)
    }
    return test
  }

  /// Each judged member's segment (`by member.country` or `by country`, read from `members`).
  private func segments(_ expr: Expr?, judge: Judge) throws(Diagnostic) -> EvaluationTable.Segments? {
    guard let expr else { return nil }
    let column: String
    switch expr.kind {
    case .member(let base, let name) where { if case .name("member") = base.kind { true } else { false } }():
      column = name
    case .name(let name):
      column = name
    default:
      throw Diagnostic(.expected("a column of 'members' such as 'member.country'", after: "'by'"), at: expr.range)
    }
    guard let members = tables["members"] else {
      throw Diagnostic(.unknownTable("members", known: Array(tables.keys)), at: expr.range)
    }
    guard let values = members[column], let ids = members["id"]?.intValues else {
      throw Diagnostic(.unknownColumn(column, in: "members", known: members.names), at: expr.range)
    }
    var byId: [Int: Value] = [:]
    for i in ids.indices where ids[i] != Int.min { byId[ids[i]] = values.value(at: i) }
    return EvaluationTable.Segments(
      name: column, type: values.type, values: judge.members.map { byId[$0] ?? .null })
  }
}
