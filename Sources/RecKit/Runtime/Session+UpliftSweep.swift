import RecCore
import RecEngine
import RecOutput

/// `sweep qini|gain|uplift over M, … on TABLE [to "FILE.svg"]`.
extension Session {
  /// Scores TABLE's rows with each model as `eval` does and reads its curve at every 5% of them
  /// (`UpliftSweep`): a table — `percent`, `rows`, one column per model, `random` and, on the
  /// demo, `oracle` — kept as `_`, then a chart of the same lines, and a status line with each
  /// model's area as `eval` computes it from every row, not from these points.
  func sweep(_ plan: UpliftSweepPlan) throws(Diagnostic) {
    let log = try table(plan.table.name, at: plan.table.range)
    let truth = demoUplift(of: plan.table.name, rows: log)
    var sweeps: [UpliftSweep] = []
    var areas: [String] = []
    var credited: [String] = []
    for (name, scores) in plan.models {
      try cancellation.check()
      let (rows, line) = try score(name, scores, log, plan.table, truth: truth.uplift)
      if let line, !credited.contains(line) { credited.append(line) }
      let ranking = try ranked(name, on: plan.table) { () throws(UpliftFailure) in try rows.ranking() }
      // The models read the same arms and outcome (the checker sees to it), so one oracle serves
      // them all; made of the same rows as the ranking, it ranks as many.
      let oracle =
        sweeps.isEmpty ? try ranked(name, on: plan.table) { () throws(UpliftFailure) in try rows.oracle() } : nil
      sweeps.append(UpliftSweep(plan.curve, ranking: ranking, oracle: oracle))
      areas.append(name + " " + Self.area(plan.curve, of: ranking))
    }
    guard let first = sweeps.first else { return }
    var lines = zip(plan.models, sweeps).map { model, sweep in (model.name, sweep.model) }
    lines.append(("random", first.random))
    if let oracle = first.oracle { lines.append(("oracle", oracle)) }
    let percents = first.shares.map { Int(($0 * 100).rounded()) }
    var columns: [(String, Column)] = [
      ("percent", Column(type: .int, ints: percents)), ("rows", Column(type: .int, ints: first.rows)),
    ]
    for (name, values) in lines { columns.append((name, Column(type: .float, storage: .float64(values)))) }
    let table = Table(columns)
    let metrics = Set(lines.map(\.0))
    keepResult(table, from: [plan.table.name], metricColumns: metrics)
    show(table, metricColumns: metrics)
    let chart = LineChart(
      title: "\(plan.curve.rawValue) on \(plan.table.name)", xLabel: "% of rows, by score", yLabel: plan.curve.rawValue,
      series: lines.map { name, values in
        LineChart.Series(name: name, points: zip(percents, values).map { (Double($0), $1) })
      })
    try present(chart, to: plan.chart)
    let oracle =
      first.oracle != nil ? "; oracle: the rows ranked by the demo's true uplift" : truth.missing.map { "; no oracle: " + $0 }
    for line in credited { status(line) }
    status(Self.legend(plan.curve) + (oracle ?? ""))
    status("\(Self.areaName(plan.curve)) over every row, as eval computes it: " + areas.joined(separator: ", "))
  }

  /// What the lines of a `kind` sweep are.
  private static func legend(_ kind: UpliftSweep.Kind) -> String {
    switch kind {
    case .qini:
      "qini: treated plays − control plays × treated rows / control rows among the first int(n·p) rows, "
        + "as scikit-uplift's qini curve (equal scores grouped); random: the line to its last point"
    case .gain:
      "gain: (treated play rate − control play rate) × rows among the first int(n·p) rows, "
        + "as scikit-uplift's uplift curve (equal scores grouped); random: the line to its last point"
    case .uplift:
      "uplift: treated play rate − control play rate among the first int(n·p) rows, as causalml's cumulative lift; "
        + "random: the rate difference over all rows"
    }
  }

  /// The area metric that sums up a `kind` curve.
  private static func areaName(_ kind: UpliftSweep.Kind) -> String {
    switch kind {
    case .qini: "qini"
    case .gain: "auuc"
    case .uplift: "auuc[causalml]"
    }
  }

  /// The area of a `kind` curve of `ranking` to 4 decimals, or why it has none.
  private static func area(_ kind: UpliftSweep.Kind, of ranking: UpliftRanking) -> String {
    do throws(UpliftFailure) {
      let value =
        switch kind {
        case .qini: try ranking.qini()
        case .gain: try ranking.auuc()
        case .uplift: try ranking.causalMLAUUC()
        }
      return CellFormatter.fixed(value, decimals: 4)
    } catch {
      return "— (\(error.description))"
    }
  }
}
