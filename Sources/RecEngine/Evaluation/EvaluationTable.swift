/// The tables `eval` shows: one row per page (and segment) with a column per metric, plus the
/// paired comparison with a baseline; or one row per page, member and metric.
package enum EvaluationTable {
  /// Each judged member's segment value, parallel to `Judge.members`.
  package struct Segments {
    var name: String
    var type: ColumnType
    var values: [Value]

    package init(name: String, type: ColumnType, values: [Value]) {
      self.name = name
      self.type = type
      self.values = values
    }
  }

  /// A summary table and the columns that hold metric figures (4 decimals in box mode).
  package struct Summary {
    package var table: Table
    package var metricColumns: Set<String>
  }

  /// Columns `page`, [segment], `members`, then per metric its label and, with a baseline,
  /// `Δ label`, `Δ label low`, `Δ label high` (the 95% interval), `p label` and `sig label`
  /// (`*` when significant at 5% after Holm–Bonferroni across every comparison of the table).
  /// Coverage is one figure per page: it has a difference but no paired test.
  /// `scores[p][m]` holds metric `m`'s value for every judged member on page `p`
  /// (`PageScores.perMember`).
  package static func summary(
    pages: [PageScores], scores: [[[Double]]], metrics: [Metric], judge: Judge, baseline: String?,
    test: PairedComparison.Test, seed: UInt64, segments: Segments?
  ) -> Summary {
    let groups: [(value: Value, members: [Int])]
    if let segments {
      var byValue: [Value: [Int]] = [:]
      for (i, v) in segments.values.enumerated() { byValue[v, default: []].append(i) }
      groups = byValue.keys.sorted { CellFormatter.csv($0) < CellFormatter.csv($1) }.map { ($0, byValue[$0]!) }
    } else {
      groups = [(.null, Array(judge.members.indices))]
    }
    let base = baseline.flatMap { b in pages.firstIndex { $0.name == b } }

    var rows: [[Value]] = []
    var comparisons: [(row: Int, metric: Int, p: Double)] = []
    for group in groups {
      for (p, page) in pages.enumerated() {
        var row: [Value] = [.string(page.name)]
        if segments != nil { row.append(group.value) }
        row.append(.int(group.members.count))
        for (m, metric) in metrics.enumerated() {
          let value = figure(metric, page: page, scores: scores[p][m], members: group.members, judge: judge)
          row.append(.float(value))
          guard let base else { continue }
          guard p != base else {
            row += [.null, .null, .null, .null, .string("")]
            continue
          }
          let reference = figure(metric, page: pages[base], scores: scores[base][m], members: group.members, judge: judge)
          if metric.isPageWide || group.members.count < 2 {
            row += [.float(value - reference), .null, .null, .null, .string("")]
            continue
          }
          let c = PairedComparison(
            group.members.map { scores[p][m][$0] }, baseline: group.members.map { scores[base][m][$0] },
            test: test, seed: seed)
          comparisons.append((rows.count, row.count + 3, c.p))
          row += [.float(c.difference), .float(c.low), .float(c.high), c.p.isNaN ? .null : .float(c.p), .string("")]
        }
        rows.append(row)
      }
    }
    let significant = PairedComparison.holm(comparisons.map(\.p))
    for (c, isSignificant) in zip(comparisons, significant) where isSignificant {
      rows[c.row][c.metric + 1] = .string("*")
    }

    var columns: [(String, ColumnType)] = [("page", .string)]
    if let segments { columns.append((segments.name, segments.type)) }
    columns.append(("members", .int))
    var metricColumns = Set<String>()
    for metric in metrics {
      let label = metric.label
      columns.append((label, .float))
      metricColumns.insert(label)
      if base != nil {
        let extra = ["Δ \(label)", "Δ \(label) low", "Δ \(label) high", "p \(label)"]
        columns += extra.map { ($0, .float) }
        columns.append(("sig \(label)", .string))
        metricColumns.formUnion(extra)
      }
    }
    let table = Table(columns.enumerated().map { j, c in (c.0, Column(type: c.1, values: rows.map { $0[j] })) })
    return Summary(table: table, metricColumns: metricColumns)
  }

  /// `eval … per member`: columns `page`, `member`, `metric`, `value`, one row per page, judged
  /// member and per-member metric (coverage, a page-wide figure, is left out).
  package static func perMember(pages: [PageScores], scores: [[[Double]]], metrics: [Metric], judge: Judge) -> Table {
    var page: [Value] = []
    var member: [Int] = []
    var metric: [Value] = []
    var value: [Value] = []
    for (p, values) in zip(pages, scores) {
      for (m, xs) in zip(metrics, values) where !m.isPageWide {
        page += Array(repeating: .string(p.name), count: xs.count)
        member += judge.members
        metric += Array(repeating: .string(m.label), count: xs.count)
        value += xs.map(Value.float)
      }
    }
    return Table([
      ("page", Column(type: .string, values: page)), ("member", Column(type: .int, ints: member)),
      ("metric", Column(type: .string, values: metric)), ("value", Column(type: .float, values: value)),
    ])
  }

  /// The metric over the members at `members` (indexes into the judge): their mean, or the
  /// coverage of their pages.
  private static func figure(_ metric: Metric, page: PageScores, scores: [Double], members: [Int], judge: Judge) -> Double {
    if metric.isPageWide { return Metric.coverage(of: members.map { page.grids[$0] }, judge: judge) }
    return members.isEmpty ? 0 : members.reduce(0.0) { $0 + scores[$1] } / Double(members.count)
  }
}
