/// The two layouts of `eval`'s summary, drawn from the same figures.
extension EvaluationTable {
  /// The comparison columns of a figure, wide or long: the difference, its 95% interval, the
  /// p-value and `*` when significant; nulls and a blank on the baseline page.
  private static func comparisonCells(_ comparison: Figure.Comparison?) -> [Value] {
    guard let c = comparison else { return [.null, .null, .null, .null, .string("")] }
    let optional = { (x: Double?) in x.map(Value.float) ?? .null }
    return [.float(c.difference), optional(c.low), optional(c.high), optional(c.p), .string(c.significant ? "*" : "")]
  }

  /// Columns `page` (or `ranker`), [segment], `members` (or `searches`), then per metric its label and, when `compared` with a
  /// baseline, `Δ label`, `Δ label low`, `Δ label high`, `p label` and `sig label`: one row per
  /// segment and page. `figures` run metric by metric within each row, as `figures` makes them.
  static func wide(_ figures: [Figure], subjects: Subjects, metrics: [String], segments: Segments?, compared: Bool) -> Summary {
    var rows: [[Value]] = []
    for start in stride(from: 0, to: figures.count, by: max(metrics.count, 1)) {
      let row = figures[start..<min(start + metrics.count, figures.count)]
      guard let first = row.first else { continue }
      var cells: [Value] = [.string(first.page)]
      if segments != nil { cells.append(first.segment) }
      cells.append(.int(first.units))
      for figure in row {
        cells.append(.float(figure.value))
        if compared { cells += comparisonCells(figure.comparison) }
      }
      rows.append(cells)
    }
    var columns: [(String, ColumnType)] = [(subjects.kind, .string)]
    if let segments { columns.append((segments.name, segments.type)) }
    columns.append((subjects.unitName, .int))
    var metricColumns = Set<String>()
    for label in metrics {
      columns.append((label, .float))
      metricColumns.insert(label)
      if compared {
        let extra = ["Δ \(label)", "Δ \(label) low", "Δ \(label) high", "p \(label)"]
        columns += extra.map { ($0, .float) }
        columns.append(("sig \(label)", .string))
        metricColumns.formUnion(extra)
      }
    }
    return Summary(table: table(columns, rows), metricColumns: metricColumns)
  }

  /// `eval … long`: columns `page` (or `ranker`), [segment], `metric`, `value`, then when
  /// `compared` with a baseline `diff`, `low`, `high` (the 95% interval), `p` and `sig`, and last
  /// `members` (or `searches`): one row
  /// per segment, page and metric, ready to filter and sort. The names are short and the
  /// segment's size comes last, so that on a narrow terminal it is what wraps into a second box.
  static func long(_ figures: [Figure], subjects: Subjects, segments: Segments?, compared: Bool) -> Summary {
    let rows = figures.map { figure in
      [.string(figure.page)] + (segments == nil ? [] : [figure.segment])
        + [.string(figure.metric), .float(figure.value)] + (compared ? comparisonCells(figure.comparison) : [])
        + [.int(figure.units)]
    }
    var columns: [(String, ColumnType)] = [(subjects.kind, .string)]
    if let segments { columns.append((segments.name, segments.type)) }
    columns += [("metric", .string), ("value", .float)]
    if compared { columns += [("diff", .float), ("low", .float), ("high", .float), ("p", .float), ("sig", .string)] }
    columns.append((subjects.unitName, .int))
    return Summary(table: table(columns, rows), metricColumns: ["value", "diff", "low", "high", "p"])
  }

  /// A table of `rows` under `columns`.
  private static func table(_ columns: [(String, ColumnType)], _ rows: [[Value]]) -> Table {
    Table(columns.enumerated().map { j, c in (c.0, Column(type: c.1, values: rows.map { $0[j] })) })
  }
}
