import RecCore
import RecEngine

/// `eval M, … on TABLE metrics … [baseline B]` over uplift models.
extension Session {
  /// Scores TABLE's rows with each model and ranks them once (`UpliftRanking`); one row per model
  /// with the rows of each arm, then one column per metric, and with a baseline the difference to
  /// it and its bootstrap interval (`UpliftBootstrap`).
  func evaluate(_ plan: UpliftEvalPlan) throws(Diagnostic) {
    let log = try table(plan.table.name, at: plan.table.range)
    // The truth is looked up row by row, so only for a metric that reads it.
    let readsTruth = plan.metrics.contains { if case .trueUplift = $0.kind { true } else { false } }
    let truth = readsTruth ? demoUplift(of: plan.table.name, rows: log) : (uplift: nil, missing: nil)
    var scored: [UpliftBootstrap.Scored] = []
    var values = [[Double]](repeating: [], count: plan.metrics.count)
    var credited: [String] = []
    for (name, scores) in plan.models {
      let (rows, line) = try score(name, scores, log, plan.table, truth: truth.uplift)
      if let line, !credited.contains(line) { credited.append(line) }
      let ranking = try ranked(name, on: plan.table) { () throws(UpliftFailure) in try rows.ranking() }
      for (m, metric) in plan.metrics.enumerated() {
        do {
          values[m].append(try value(metric, .init(ranking: ranking, truth: rows.truth), missingTruth: truth.missing))
        } catch {
          throw failure(error, metric: metric, model: name, table: plan.table.name)
        }
      }
      scored.append(rows)
    }
    let counts = scored.map { rows in rows.treated.filter { $0 }.count }
    var columns: [(String, Column)] = [
      ("model", Column(type: .string, values: plan.models.map { Value.string($0.name) })),
      ("rows", Column(type: .int, ints: scored.map(\.score.count))),
      ("treated", Column(type: .int, ints: counts)),
      ("control", Column(type: .int, ints: zip(scored, counts).map { $0.score.count - $1 })),
    ]
    let differences = try baselineDifferences(plan, scored, values, missingTruth: truth.missing)
    for (m, metric) in plan.metrics.enumerated() {
      columns.append((metric.label, Column(type: .float, storage: .float64(values[m]))))
      guard let differences else { continue }
      for (suffix, part) in [("", \Difference.value), (" low", \.low), (" high", \.high)] {
        let cells = differences.map { $0.map { Value.float($0[m][keyPath: part]) } ?? .null }
        columns.append(("Δ " + metric.label + suffix, Column(type: .float, values: cells)))
      }
    }
    let table = Table(columns)
    let metrics = Set(columns.map(\.0).dropFirst(4))
    keepResult(table, from: [plan.table.name], metricColumns: metrics)
    show(table, metricColumns: metrics)
    status(
      "rows ranked by score, descending, equal scores in descending row order; qini, auuc, uplift@k as scikit-uplift, "
        + "[causalml] as causalml (normalised)")
    for line in credited { status(line) }
    if let baseline = plan.baseline {
      status(
        "Δ: difference to '\(baseline)'; low, high: 95% paired percentile bootstrap, "
          + "\(thousands(UpliftBootstrap.resamples)) resamples of the rows, seed \(plan.seed)")
    }
  }

  /// A model's difference to the baseline in one metric, with its interval.
  private struct Difference {
    var value: Double
    var low: Double
    var high: Double
  }

  /// Per model (nil for the baseline itself) and metric, the difference to the baseline; nil
  /// without a baseline.
  private func baselineDifferences(
    _ plan: UpliftEvalPlan, _ scored: [UpliftBootstrap.Scored], _ values: [[Double]], missingTruth: String?
  ) throws(Diagnostic) -> [[Difference]?]? {
    guard let baseline = plan.baseline, let b = plan.models.firstIndex(where: { $0.name == baseline }) else { return nil }
    let bootstrap = UpliftBootstrap(seed: plan.seed)
    let metrics = plan.metrics.map { metric in
      { (resample: UpliftBootstrap.Resample) throws -> Double in
        try self.value(metric, resample, missingTruth: missingTruth)
      }
    }
    var result: [[Difference]?] = []
    for (i, model) in plan.models.enumerated() {
      guard i != b else {
        result.append(nil)
        continue
      }
      do {
        let intervals = try bootstrap.intervals(scored[i], minus: scored[b], metrics: metrics)
        result.append(
          intervals.enumerated().map { m, interval in
            Difference(value: values[m][i] - values[m][b], low: interval.low, high: interval.high)
          })
      } catch {
        let metric = plan.metrics[error.metric]
        throw failure(error.error, metric: metric, model: model.name, table: plan.table.name, inResample: true)
      }
    }
    return result
  }

  /// The rows of `log` as `scores` (the model or column `name`) scores them, and for a model
  /// whose outcome is credited from its table of plays the status line saying how.
  func score(
    _ name: String, _ scores: UpliftEvalPlan.Scores, _ log: Table, _ table: UpliftPlan.Named, truth: [Double]?
  ) throws(Diagnostic) -> (UpliftBootstrap.Scored, credited: String?) {
    switch scores {
    case .model(let spec): try score(name, spec, log, table, truth: truth)
    case .column: (try scoreColumn(name, log, table, truth: truth), nil)
    }
  }

  /// The rows of `log` with the scores in its column `name`, its `shown` arms and `played` outcomes.
  private func scoreColumn(
    _ name: String, _ log: Table, _ table: UpliftPlan.Named, truth: [Double]?
  ) throws(Diagnostic) -> UpliftBootstrap.Scored {
    guard let column = log[name] else {
      throw Diagnostic(.unknownScores(name, table: table.name, known: upliftModels.keys.sorted() + log.names), at: table.range)
    }
    guard [.int, .float].contains(column.type) else {
      throw Diagnostic(.expected("a numeric column of scores", found: "'\(name)', \(column.type.noun)"), at: table.range)
    }
    var flags: [[Bool]] = []
    let arms = UpliftEvalPlan.scoreColumnArms
    for (role, arm) in [("treatment", arms.treat), ("outcome", arms.outcome)] {
      guard let values = log[arm] else {
        throw Diagnostic(.scoresWithoutArms(name, table: table.name, missing: arm), at: table.range)
      }
      flags.append(try zeroOne(values, .init(name: arm, range: table.range), role: role, table: table.name))
    }
    let score = (0..<column.count).map { column.double(at: $0) ?? .nan }
    if let row = score.firstIndex(where: { !$0.isFinite }) {
      throw Diagnostic(
        .cannotScoreUplift(name, on: table.name, reason: "its score in row \(row + 1) is not a finite number"), at: table.range)
    }
    return UpliftBootstrap.Scored(score: score, treated: flags[0], outcome: flags[1].map { $0 ? 1 : 0 }, truth: truth)
  }

  /// The rows of `log` as the model `name` scores them, their outcomes read as the model read its
  /// training rows' (credited from its table of plays, with the status line saying how, when
  /// its outcome is attributed).
  private func score(
    _ name: String, _ spec: UpliftModelSpec, _ log: Table, _ table: UpliftPlan.Named, truth: [Double]?
  ) throws(Diagnostic) -> (UpliftBootstrap.Scored, credited: String?) {
    guard let model = upliftModels[name] else {
      throw Diagnostic(.unknownDefinition("uplift", name, known: upliftModels.keys.sorted()), at: table.range)
    }
    let rows = try upliftRows(spec, log: log, name: table.name, at: table.range)
    for (feature, column) in zip(spec.features, rows.columns) {
      if let row = column.firstIndex(where: { !$0.isFinite }) {
        throw Diagnostic(
          .cannotScoreUplift(name, on: table.name, reason: "'\(feature.text)' is not a finite number in row \(row + 1)"),
          at: table.range)
      }
    }
    let scored = UpliftBootstrap.Scored(
      score: model.scores(rows.columns), treated: rows.treated, outcome: rows.played.map { $0 ? 1 : 0 }, truth: truth)
    return (scored, rows.credited)
  }

  /// What `rank` makes of model `name`'s rows of `table`; its failure (an arm without rows, a
  /// value that is not finite) as an error at the table.
  func ranked<Ranked>(
    _ name: String, on table: UpliftPlan.Named, _ rank: () throws(UpliftFailure) -> Ranked
  ) throws(Diagnostic) -> Ranked {
    do {
      return try rank()
    } catch {
      throw Diagnostic(.cannotScoreUplift(name, on: table.name, reason: error.description), at: table.range)
    }
  }

  /// A metric's failure as a diagnostic at the metric.
  private func failure(
    _ error: any Error, metric: UpliftMetric, model: String, table: String, inResample: Bool = false
  ) -> Diagnostic {
    if let diagnostic = error as? Diagnostic { return diagnostic }
    let reason = (error as? UpliftFailure)?.description ?? "\(error)"
    return Diagnostic(
      .cannotEvaluateUplift(metric.label, of: model, on: table, reason: (inResample ? "in a bootstrap resample, " : "") + reason),
      at: metric.range)
  }

  /// One metric of a ranking; `true_uplift` reads the demo's truth, an error without it.
  private func value(_ metric: UpliftMetric, _ rows: UpliftBootstrap.Resample, missingTruth: String?) throws -> Double {
    let ranking = rows.ranking
    switch metric.kind {
    case .qini(let negativeEffect): return try ranking.qini(negativeEffect: negativeEffect)
    case .auuc: return try ranking.auuc()
    case .qiniCausalML: return try ranking.causalMLQini()
    case .auucCausalML: return try ranking.causalMLAUUC()
    case .uplift(let cut, let byGroup): return try ranking.uplift(at: cut, byGroup: byGroup)
    case .trueUplift(let cut):
      guard let truth = rows.truth else {
        throw Diagnostic(
          .noUpliftTruth(metric.label, reason: missingTruth ?? "no demo world is loaded ('load demo' keeps the truth)"),
          at: metric.range)
      }
      return try ranking.trueUplift(at: cut, truth: truth)
    }
  }
}
