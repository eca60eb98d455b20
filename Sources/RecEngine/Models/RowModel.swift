/// A learned row utility (`model NAME = logistic(f, …) on TABLE`): a logistic regression of
/// "the member played a title of the row" on row-feature formulas, trained on logged pages.
/// Its utility is the predicted probability of a play.
package struct RowModel: RowUtility {
  /// The L2 penalty λ on the standardised coefficients. Fixed, not scaled with n: on the
  /// thousands of logged rows of a demo it changes coefficients in the third decimal at most,
  /// and it keeps separable data (a feature that splits plays from misses) finite.
  package static let penalty = 1.0

  let name: String
  /// Each input as written (`relevance`, `relevance * freshness`) and compiled.
  package let inputs: [(text: String, formula: UtilityFormula)]
  package let regression: LogisticRegression
  /// Examples and positives trained on.
  package let examples: Int
  package let positives: Int
  /// Mean negative log-likelihood per training example.
  package let logLoss: Double
  /// Area under the ROC curve of the training predictions.
  package let auc: Double

  /// Fits the model to `rows`.
  package init(
    name: String, inputs: [(text: String, formula: UtilityFormula)],
    rows: LoggedRows) throws(LogisticRegression.Failure
  ) {
    self.name = name
    self.inputs = inputs
    let columns = inputs.map { input in rows.features.map { input.formula.value($0) } }
    let regression = try LogisticRegression(columns: columns, labels: rows.played, penalty: Self.penalty)
    self.regression = regression
    examples = rows.count
    positives = rows.played.filter { $0 }.count
    logLoss = -regression.logLikelihood / Double(rows.count)
    let predictions = (0..<rows.count).map { i in regression.probability(columns.map { $0[i] }) }
    auc = areaUnderCurve(predictions, labels: rows.played) ?? 0.5
  }

  /// The inputs' values for a row.
  private func values(_ features: RowFeatures) -> [Double] { inputs.map { $0.formula.value(features) } }

  package func value(_ features: RowFeatures) -> Double { regression.probability(values(features)) }

  /// The logit in parts: `base`, the logit of a row with every input at its training mean, then
  /// each input's standardised coefficient times its standardised value.
  package func terms(_ features: RowFeatures) -> [(name: String, value: Double)] {
    Array(zip(["base"] + inputs.map(\.text), regression.terms(values(features))))
  }
}
