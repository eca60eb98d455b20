/// `abtest`: A/B analysis of logged experiment data. The page form (`abtest A vs B on SPLIT …`)
/// needs built pages and is not available yet.
extension Session {
  func abtest(_ test: ABTest, range: SourceRange) throws(Diagnostic) {
    guard case .logged(let tableName, let group, let metric, let control) = test else {
      throw Diagnostic(.notAvailableYet("abtest … vs …"), at: range)
    }
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
    let analysis = ABAnalysis(values: values, groups: names, control: controlName)
    let g = analysis.groups
    func optional(_ xs: [Double?]) -> Column { Column(type: .float, values: xs.map { $0.map(Value.float) ?? .null }) }
    show(Table([
      ("metric", Column(type: .string, values: g.map { _ in .string(metric.text) })),
      ("group", Column(type: .string, values: g.map { .string($0.name) })),
      ("members", Column(type: .int, ints: g.map(\.members))),
      ("mean", Column(type: .float, storage: .float64(g.map(\.mean)))),
      ("diff", optional(g.map(\.diff))),
      ("rel_diff", optional(g.map(\.relativeDiff))),
      ("low", optional(g.map(\.low))),
      ("high", optional(g.map(\.high))),
      ("p_value", optional(g.map(\.pValue))),
    ]))
    let test = analysis.isProportion ? "two-proportion z-test" : "Welch's t-test"
    status("control \"\(controlName)\"; \(test); 95% intervals of the difference")
    let srm = analysis.sampleRatio
    if srm.pValue < ABAnalysis.SampleRatio.alarm {
      status("warning: SAMPLE RATIO MISMATCH: group sizes \(g.map { thousands($0.members) }.joined(separator: " / ")) are unlikely under an even split (chi-square \(CellFormatter.shortNumber(srm.chiSquare)), p = \(CellFormatter.shortNumber(srm.pValue))); the assignment may be broken and the results not to be trusted")
    }
  }
}
