import RecCore
import RecEngine

/// `abtest`: the A/B analysis of two pages judged offline, or of logged experiment data.
extension Session {
  /// `abtest A vs B on SPLIT [split P/Q] [seed S] [metrics …]`: each judged member is assigned
  /// to A or B by a seeded draw of its own (the same member lands in the same group whatever
  /// else is in the data), sees that page, and is judged on it; the groups are then compared
  /// as in a live experiment. A page tested against itself (an A/A test) is built once, its
  /// groups called `P (A)` and `P (B)`.
  func abtest(_ plan: ABTestPagesPlan, at range: SourceRange) throws(Diagnostic) {
    let (a, b) = plan.ratio
    let controlShare = Double(a) / Double(a + b)
    let seedValue = plan.seed ?? seed
    let (pair, splitJudge) = try judge(on: plan.split)
    let truthMetric = plan.metrics.first { $0.kind == .incremental }.map { ($0.label, plan.split.range) }
    let judge = try withUpliftTruth(splitJudge, split: pair, for: truthMetric)
    let same = plan.control.name == plan.treatment.name
    var pages = try scores(same ? [plan.control] : [plan.control, plan.treatment], split: pair, judge: judge)
    try scoreFormulas(plan.formulas, pages: &pages, judge: judge)
    let (control, treatment) =
      same ? ("\(plan.control.name) (A)", "\(plan.treatment.name) (B)") : (plan.control.name, plan.treatment.name)
    let inControl = judge.members.map { member in
      var draw = SeededRandom(seed: seedValue, stream: UInt64(bitPattern: Int64(member)))
      return draw.uniform() < controlShare
    }
    let groups = inControl.map { $0 ? control : treatment }
    var analyses: [(String, ABAnalysis)] = []
    for metric in plan.metrics {
      let values = zip(
        try pages[0].perMember(metric, judge: judge, cancellation: cancellation),
        try pages[pages.count - 1].perMember(metric, judge: judge, cancellation: cancellation))
      let analysis = ABAnalysis(
        values: zip(values, inControl).map { pair, isControl in isControl ? pair.0 : pair.1 }, groups: groups,
        control: control, expectedShares: [control: controlShare, treatment: 1 - controlShare])
      guard let analysis, analysis.groups.count == 2 else {
        throw Diagnostic(.expected("members in both groups; the split left one empty"), at: range)
      }
      analyses.append((metric.label, analysis))
    }
    report(analyses, split: "the intended \(a)/\(b) split", inputs: [pair.train, pair.test])
    status("members of '\(pair.test)' with a relevant title, assigned by seed \(seedValue)")
  }

  /// `abtest on TABLE group COL metric COL [control "X"]`.
  func abtest(_ plan: ABTestLoggedPlan) throws(Diagnostic) {
    let table = try table(plan.table, at: nil)
    guard let groupColumn = table[plan.group], let metricColumn = table[plan.metric] else {
      throw Diagnostic(.unknownColumn(plan.group, in: plan.table, known: table.names), at: nil)
    }
    guard let values = metricColumn.doubleValues else {
      throw Diagnostic(.expected("a numeric or bool metric column"), at: nil)
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
      throw Diagnostic(.expected("at least two groups with values in '\(plan.group)'"), at: nil)
    }
    var controlName = present[0]
    if let control = plan.control {
      guard present.contains(control.name) else {
        throw Diagnostic(.unknownValue("group", "\"\(control.name)\"", in: "\(plan.table).\(plan.group)"), at: control.range)
      }
      controlName = control.name
    }
    let unit = plan.unit ?? (table["member"] == nil ? .row : .member)
    var unitValues = values
    var unitGroups = names
    if unit == .member {
      guard let member = table["member"] else {
        throw Diagnostic(.unknownColumn("member", in: plan.table, known: table.names), at: plan.unitRange)
      }
      (unitValues, unitGroups) = try Self.perMember(values, names, member: member, table: plan.table)
      status("unit: member — each member's mean '\(plan.metric)' over its rows")
    } else {
      status("unit: row — each row of '\(plan.table)' counted on its own")
    }
    guard let analysis = ABAnalysis(values: unitValues, groups: unitGroups, control: controlName) else { return }
    report([(plan.metric, analysis)], split: "an even split", inputs: [plan.table], unit: unit == .member ? "members" : "rows")
  }

  /// Each member's mean of `values` over its rows with a value, and its group; a member seen in
  /// two groups is an error (the experiment assigned members, or the analysis must be by row).
  private static func perMember(
    _ values: [Double], _ groups: [String], member: Column, table: String
  ) throws(Diagnostic) -> ([Double], [String]) {
    var slot: [Int: Int] = [:]
    var sums: [Double] = []
    var counts: [Int] = []
    var groupOf: [String] = []
    for i in 0..<values.count where !values[i].isNaN {
      guard let m = member.int(at: i) else { continue }
      if let s = slot[m] {
        guard groupOf[s] == groups[i] else {
          throw Diagnostic(
            .expected(
              "each member in one group, but member \(m) of '\(table)' is in '\(groupOf[s])' and '\(groups[i])' "
                + "(add 'unit row' to count rows)"),
            at: nil)
        }
        sums[s] += values[i]
        counts[s] += 1
      } else {
        slot[m] = sums.count
        sums.append(values[i])
        counts.append(1)
        groupOf.append(groups[i])
      }
    }
    return (zip(sums, counts).map { $0 / Double($1) }, groupOf)
  }

  /// One table of every metric's groups, then the test used and any sample-ratio alarm.
  /// `unit` names the column of group sizes: what was counted.
  private func report(
    _ analyses: [(metric: String, analysis: ABAnalysis)], split: String, inputs: Set<String>, unit: String = "members"
  ) {
    let rows = analyses.flatMap { m in m.analysis.groups.map { (m.metric, $0) } }
    func optional(_ xs: [Double?]) -> Column { Column(type: .float, values: xs.map { $0.map(Value.float) ?? .null }) }
    let table = Table([
      ("metric", Column(type: .string, values: rows.map { .string($0.0) })),
      ("group", Column(type: .string, values: rows.map { .string($0.1.name) })),
      (unit, Column(type: .int, ints: rows.map(\.1.members))),
      ("mean", Column(type: .float, storage: .float64(rows.map(\.1.mean)))),
      ("diff", optional(rows.map(\.1.diff))),
      ("rel_diff", optional(rows.map(\.1.relativeDiff))),
      ("low", optional(rows.map(\.1.low))),
      ("high", optional(rows.map(\.1.high))),
      ("p_value", optional(rows.map(\.1.pValue))),
    ])
    let metrics: Set<String> = ["mean", "diff", "rel_diff", "low", "high"]
    keepResult(table, from: inputs, metricColumns: metrics)
    show(table, metricColumns: metrics)
    guard let first = analyses.first?.analysis else { return }
    let tests = Set(analyses.map { $0.analysis.isProportion ? "two-proportion z-test" : "Welch's t-test" }).sorted()
    status("control \"\(first.groups[0].name)\"; \(tests.joined(separator: " and ")); 95% intervals of the difference")
    let srm = first.sampleRatio
    if srm.pValue < ABAnalysis.SampleRatio.alarm {
      let sizes = first.groups.map { thousands($0.members) }.joined(separator: " / ")
      warn(
        .sampleRatioMismatch(
          sizes: sizes, split: split, chiSquare: CellFormatter.shortNumber(srm.chiSquare),
          p: CellFormatter.shortNumber(srm.pValue)))
    }
  }
}
