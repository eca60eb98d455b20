import RecCore
import RecEngine
import RecSyntax

/// `sweep qini|gain|uplift over M, … on TABLE [to "FILE.svg"]`.
extension Checker {
  /// Known uplift models or columns of scores on a table with their treatment and outcome
  /// columns, as `eval` of uplift models wants them, all reading the same two; each names a column of the
  /// result, so none twice and none named as its other columns. Nil while a model's features can
  /// be bound only once a file is read.
  func check(_ s: UpliftCurveSweep) throws(Diagnostic) -> UpliftSweepPlan? {
    guard let curve = UpliftSweep.Kind(rawValue: s.curve.text) else {
      throw Diagnostic(.expected("'qini', 'gain' or 'uplift'", found: "'\(s.curve.text)'"), at: s.curve.range)
    }
    let models = try requireScores(s.models, on: s.table)
    var columns = Set(UpliftSweepPlan.lineColumns)
    for name in s.models where !columns.insert(name.text).inserted {
      throw Diagnostic(.duplicateColumn(name.text, in: "sweep"), at: name.range)
    }
    guard let specs = Self.bound(models) else { return nil }
    try Self.requireSameArms(models.map(\.name), specs.map(\.scores))
    return UpliftSweepPlan(
      curve: curve, models: specs, table: .init(name: s.table.text, range: s.table.range),
      chart: s.output.map(filePath))
  }

  /// An error at the first model whose treatment or outcome differs from the first one's.
  private static func requireSameArms(_ names: [Identifier], _ scores: [UpliftEvalPlan.Scores]) throws(Diagnostic) {
    guard let first = scores.first else { return }
    for (name, score) in zip(names, scores) {
      for (role, column, firstColumn) in [
        ("treatment", treatment(score), treatment(first)), ("outcome", outcome(score), outcome(first)),
      ] where column != firstColumn {
        throw Diagnostic(.upliftSweepMismatch(name.text, role: role, column, first: names[0].text, firstColumn), at: name.range)
      }
    }
  }

  /// A model's outcome as it reads it: a column, or plays credited within a window (two windows
  /// are two outcomes).
  private static func outcome(_ scores: UpliftEvalPlan.Scores) -> String {
    switch scores {
    case .model(let spec): spec.attribution.map { "\($0.plays.name) within \($0.windowText)" } ?? spec.outcome.name
    case .column: UpliftEvalPlan.scoreColumnArms.outcome
    }
  }

  /// The treatment column a model or a column of scores reads.
  private static func treatment(_ scores: UpliftEvalPlan.Scores) -> String {
    switch scores {
    case .model(let spec): spec.treat.name
    case .column: UpliftEvalPlan.scoreColumnArms.treat
    }
  }
}
