/// `abtest`: the A/B analysis of two pages judged offline, or of logged experiment data.
extension Session {
  func abtest(_ test: ABTest, range: SourceRange) throws(Diagnostic) {
    switch test {
    case .pages(let control, let treatment, let split, let ratio, let seed, let metrics):
      try abtestPages(control, treatment, on: split, ratio: ratio, seed: seed, metrics: metrics, range: range)
    case .logged(let table, let group, let metric, let control):
      try abtestLogged(table, group: group, metric: metric, control: control)
    }
  }

  /// `abtest A vs B on SPLIT [split P/Q] [seed S] [metrics …]`: each judged member is assigned
  /// to A or B by a seeded draw of its own (the same member lands in the same group whatever
  /// else is in the data), sees that page, and is judged on it; the groups are then compared
  /// as in a live experiment.
  private func abtestPages(
    _ control: Identifier, _ treatment: Identifier, on split: Identifier, ratio: (Int, Int)?, seed: Expr?,
    metrics refs: [MetricRef], range: SourceRange
  ) throws(Diagnostic) {
    let (a, b) = ratio ?? (50, 50)
    let controlShare = Double(a) / Double(a + b)
    let seedValue = try seed.map { e throws(Diagnostic) in UInt64(try integer(e, what: "seed")) } ?? self.seed
    let metrics = try refs.isEmpty
      ? [Metric(kind: .recall, grid: .init(rows: 4, columns: 5))]
      : resolveMetrics(refs)
    if let pageWide = zip(refs, metrics).first(where: { $0.1.isPageWide }) {
      throw Diagnostic(.expected("a per-member metric (coverage is a property of all pages together)"), at: pageWide.0.range)
    }
    let judge = try judge(on: split)
    var pages = try scores([control, treatment], split: split, judge: judge)
    try scoreFormulas(metrics, pages: &pages, judge: judge)
    let inControl = judge.members.map { member in
      var draw = SeededRandom(seed: seedValue, stream: UInt64(bitPattern: Int64(member)))
      return draw.uniform() < controlShare
    }
    let groups = inControl.map { $0 ? control.text : treatment.text }
    let analyses = metrics.map { metric in
      let values = zip(pages[0].perMember(metric, judge: judge), pages[1].perMember(metric, judge: judge))
      return (metric.label, ABAnalysis(
        values: zip(values, inControl).map { pair, isControl in isControl ? pair.0 : pair.1 }, groups: groups,
        control: control.text, expectedShares: [control.text: controlShare, treatment.text: 1 - controlShare]))
    }
    guard analyses.allSatisfy({ $0.1.groups.count == 2 }) else {
      throw Diagnostic(.expected("members in both groups; the split left one empty"), at: range)
    }
    report(analyses, split: "the intended \(a)/\(b) split")
    status("members of '\(split.text)' with a relevant title, assigned by seed \(seedValue)")
  }

  /// `abtest on TABLE group COL metric COL [control "X"]`.
  private func abtestLogged(
    _ tableName: Identifier, group: Identifier, metric: Identifier, control: Expr?
  ) throws(Diagnostic) {
    guard let table = tables[tableName.text] else {
      throw Diagnostic(.unknownTable(tableName.text, known: Array(tables.keys)), at: tableName.range)
    }
    guard let groupColumn = table[group.text] else {
      throw Diagnostic(.unknownColumn(group.text, in: tableName.text, known: table.names), at: group.range)
    }
    guard let metricColumn = table[metric.text] else {
      throw Diagnostic(.unknownColumn(metric.text, in: tableName.text, known: table.names), at: metric.range)
    }
    guard let values = metricColumn.doubleValues else {
      throw Diagnostic(.expected("a numeric or bool metric column"), at: metric.range)
    }
    let names = (0..<table.count).map { i -> String in
      switch groupColumn.value(at: i) {
      case .string(let s): s
      case .null: ""
      case let v: CellFormatter.csv(v)
      }
    }
    let present = Set(zip(names, values).filter { !$0.1.isNaN }.map(\.0)).sorted()
    guard present.count >= 2 else {
      throw Diagnostic(.expected("at least two groups with values in '\(group.text)'"), at: group.range)
    }
    var controlName = present[0]
    if let control {
      guard case .literal(.string(let s)) = control.kind else {
        throw Diagnostic(.expected("a group name in quotes", after: "'control'"), at: control.range)
      }
      guard present.contains(s) else {
        throw Diagnostic(.unknownValue("group", "\"\(s)\"", in: "\(tableName.text).\(group.text)"), at: control.range)
      }
      controlName = s
    }
    report([(metric.text, ABAnalysis(values: values, groups: names, control: controlName))], split: "an even split")
  }

  /// One table of every metric's groups, then the test used and any sample-ratio alarm.
  private func report(_ analyses: [(metric: String, analysis: ABAnalysis)], split: String) {
    let rows = analyses.flatMap { m in m.analysis.groups.map { (m.metric, $0) } }
    func optional(_ xs: [Double?]) -> Column { Column(type: .float, values: xs.map { $0.map(Value.float) ?? .null }) }
    let table = Table([
      ("metric", Column(type: .string, values: rows.map { .string($0.0) })),
      ("group", Column(type: .string, values: rows.map { .string($0.1.name) })),
      ("members", Column(type: .int, ints: rows.map(\.1.members))),
      ("mean", Column(type: .float, storage: .float64(rows.map(\.1.mean)))),
      ("diff", optional(rows.map(\.1.diff))),
      ("rel_diff", optional(rows.map(\.1.relativeDiff))),
      ("low", optional(rows.map(\.1.low))),
      ("high", optional(rows.map(\.1.high))),
      ("p_value", optional(rows.map(\.1.pValue))),
    ])
    keepResult(table)
    show(table, metricColumns: ["mean", "diff", "rel_diff", "low", "high"])
    let first = analyses[0].analysis
    let tests = Set(analyses.map { $0.analysis.isProportion ? "two-proportion z-test" : "Welch's t-test" }).sorted()
    status("control \"\(first.groups[0].name)\"; \(tests.joined(separator: " and ")); 95% intervals of the difference")
    let srm = first.sampleRatio
    if srm.pValue < ABAnalysis.SampleRatio.alarm {
      let sizes = first.groups.map { thousands($0.members) }.joined(separator: " / ")
      status("warning: SAMPLE RATIO MISMATCH: group sizes \(sizes) are unlikely under \(split) (chi-square \(CellFormatter.shortNumber(srm.chiSquare)), p = \(CellFormatter.shortNumber(srm.pValue))); the assignment may be broken and the results not to be trusted")
    }
  }
}
