/// A per member-title uplift model (`uplift NAME = tlearner(logistic(f, …)) on T`): rec's
/// logistic regression (`LogisticRegression`, as `model` fits it: per-arm standardisation,
/// λ = `RowModel.penalty` on the standardised coefficients, free intercept) fitted to the rows of
/// each arm of a randomised holdout.
///
/// - `tlearner`: one fit per arm; the score is the uplift p̂(play | shown) − p̂(play | not shown).
/// - `response`: the treated arm's fit alone; the score is p̂(play | shown), the non-causal ranker
///   an uplift model is compared with.
package struct UpliftModel: Sendable {
  package enum Learner: String, CaseIterable, Sendable {
    case tlearner, response
  }

  /// One arm's fit and how it was trained.
  package struct Arm: Sendable {
    package let regression: LogisticRegression
    /// The rows of the arm, and those with a play.
    package let rows: Int
    package let plays: Int
    /// Mean negative log-likelihood per row, and the area under the ROC curve of the training
    /// predictions.
    package let logLoss: Double
    package let auc: Double
    /// The arm's training rows: one array per feature, and whether each got a play.
    package let columns: [[Double]]
    package let labels: [Bool]

    init(columns: [[Double]], labels: [Bool]) throws(LogisticRegression.Failure) {
      let regression = try LogisticRegression(columns: columns, labels: labels, penalty: RowModel.penalty)
      self.regression = regression
      (self.columns, self.labels) = (columns, labels)
      rows = labels.count
      plays = labels.filter { $0 }.count
      logLoss = -regression.logLikelihood / Double(labels.count)
      auc = areaUnderCurve(regression.probabilities(columns), labels: labels) ?? 0.5
    }
  }

  /// Why a fit is impossible, and in which arm (`treated` true: the shown rows).
  package enum Failure: Error {
    case emptyArm(treated: Bool)
    case fit(treated: Bool, LogisticRegression.Failure)
  }

  package let learner: Learner
  package let treated: Arm
  /// The control arm's fit; nil for `response`.
  package let control: Arm?

  /// Fits `learner` to `columns` (one array per feature, one value per row), each row's arm and
  /// whether it got a play.
  package init(_ learner: Learner, columns: [[Double]], treated: [Bool], played: [Bool]) throws(Failure) {
    self.learner = learner
    let sides = learner == .tlearner ? [true, false] : [true]
    for side in sides where !treated.contains(side) { throw .emptyArm(treated: side) }
    // The arms are fitted side by side: each fit's passes over its rows use every core, but its
    // AUC's sort uses one.
    let fits = parallelMap(sides.count) { s -> Result<Arm, LogisticRegression.Failure> in
      let rows = treated.indices.filter { treated[$0] == sides[s] }
      return Result { () throws(LogisticRegression.Failure) in
        try Arm(columns: columns.map { c in rows.map { c[$0] } }, labels: rows.map { played[$0] })
      }
    }
    func fitted(_ s: Int) throws(Failure) -> Arm {
      switch fits[s] {
      case .success(let arm): return arm
      case .failure(let error): throw .fit(treated: sides[s], error)
      }
    }
    self.treated = try fitted(0)
    control = sides.count > 1 ? try fitted(1) : nil
  }

  /// The score of each row of `columns`: the predicted uplift (`tlearner`) or play probability
  /// (`response`).
  package func scores(_ columns: [[Double]]) -> [Double] {
    let shown = treated.regression.probabilities(columns)
    guard let control else { return shown }
    return zip(shown, control.regression.probabilities(columns)).map { $0 - $1 }
  }
}
