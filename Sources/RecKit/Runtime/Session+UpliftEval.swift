import RecCore
import RecEngine

/// `eval M, … on TABLE metrics …` over uplift models.
extension Session {
  /// Scores TABLE's rows with each model and ranks them once (`UpliftRanking`); one row per model
  /// with the rows of each arm, then one column per metric.
  func evaluate(_ plan: UpliftEvalPlan) throws(Diagnostic) {
    let log = try table(plan.table.name, at: plan.table.range)
    let truth = demoUplift(of: plan.table.name, rows: log)
    var rows: [(treated: Int, control: Int)] = []
    var values = [[Double]](repeating: [], count: plan.metrics.count)
    for (name, spec) in plan.models {
      guard let model = upliftModels[name] else {
        throw Diagnostic(.unknownDefinition("uplift", name, known: upliftModels.keys.sorted()), at: plan.table.range)
      }
      let scored = try upliftRows(spec, log: log, name: plan.table.name, at: plan.table.range)
      func failure(_ metric: String, _ error: UpliftFailure, at range: SourceRange) -> Diagnostic {
        Diagnostic(.cannotEvaluateUplift(metric, of: name, on: plan.table.name, reason: error.description), at: range)
      }
      func cannotScore(_ reason: String) -> Diagnostic {
        Diagnostic(.cannotScoreUplift(name, on: plan.table.name, reason: reason), at: plan.table.range)
      }
      for (feature, column) in zip(spec.features, scored.columns) {
        if let row = column.firstIndex(where: { !$0.isFinite }) {
          throw cannotScore("'\(feature.text)' is not a finite number in row \(row + 1)")
        }
      }
      let ranking: UpliftRanking
      do {
        ranking = try UpliftRanking(
          score: model.scores(scored.columns), treated: scored.treated, outcome: scored.played.map { $0 ? 1 : 0 })
      } catch {
        throw cannotScore(error.description)
      }
      let treated = scored.treated.filter { $0 }.count
      rows.append((treated, scored.treated.count - treated))
      for (m, metric) in plan.metrics.enumerated() {
        do {
          values[m].append(try value(metric, ranking, truth: truth))
        } catch let error as UpliftFailure {
          throw failure(metric.label, error, at: metric.range)
        } catch let error as Diagnostic {
          throw error
        } catch {
          throw Diagnostic(.cannotEvaluateUplift(metric.label, of: name, on: plan.table.name, reason: "\(error)"), at: metric.range)
        }
      }
    }
    var columns: [(String, Column)] = [
      ("model", Column(type: .string, values: plan.models.map { Value.string($0.name) })),
      ("rows", Column(type: .int, ints: rows.map { $0.treated + $0.control })),
      ("treated", Column(type: .int, ints: rows.map(\.treated))),
      ("control", Column(type: .int, ints: rows.map(\.control))),
    ]
    for (metric, column) in zip(plan.metrics, values) {
      columns.append((metric.label, Column(type: .float, storage: .float64(column))))
    }
    let table = Table(columns)
    let metrics = Set(plan.metrics.map(\.label))
    keepResult(table, from: [plan.table.name], metricColumns: metrics)
    show(table, metricColumns: metrics)
    status(
      "rows ranked by score, descending, equal scores in descending row order; qini, auuc, uplift@k as scikit-uplift, "
        + "[causalml] as causalml (normalised)")
  }

  /// One metric of a ranking; `true_uplift` reads the demo's truth, an error without it.
  private func value(
    _ metric: UpliftMetric, _ ranking: UpliftRanking, truth: (uplift: [Double]?, missing: String?)
  ) throws -> Double {
    switch metric.kind {
    case .qini(let negativeEffect): return try ranking.qini(negativeEffect: negativeEffect)
    case .auuc: return try ranking.auuc()
    case .qiniCausalML: return try ranking.causalMLQini()
    case .auucCausalML: return try ranking.causalMLAUUC()
    case .uplift(let cut, let byGroup): return try ranking.uplift(at: cut, byGroup: byGroup)
    case .trueUplift(let cut):
      guard let uplift = truth.uplift else {
        throw Diagnostic(
          .noUpliftTruth(metric.label, reason: truth.missing ?? "no demo world is loaded ('load demo' keeps the truth)"),
          at: metric.range)
      }
      return try ranking.trueUplift(at: cut, truth: uplift)
    }
  }
}
