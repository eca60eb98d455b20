import RecCore
import RecEngine

/// `uplift NAME = LEARNER on T …`, checked: the learner, its features bound as row expressions
/// over the catalog, and the columns of T it reads.
struct UpliftModelSpec: Sendable {
  /// A feature as written, bound over the catalog (`Checker.rowBinder`), with where it is written.
  struct Feature: Sendable {
    var text: String
    var bound: BoundExpr
    var range: SourceRange
    /// Bound over the log's own columns (`f1`, `log(1 + slot)`), read at each row of the table
    /// the model trains on or is judged on, rather than over the catalog: such a model cannot
    /// rank titles not yet shown.
    var readsLog = false
  }

  /// The first feature read from the log's columns, which keeps the model from ranking.
  var logFeature: Feature? { features.first(where: \.readsLog) }

  /// The tables a trained model keeps, `NAME.treated` and `NAME.control`: each arm's training
  /// rows (the features, then the outcome), for checking the fit against other tools.
  static let armTables = ["treated", "control"]

  var learner: UpliftModel.Learner
  var features: [Feature]
  var table: UpliftPlan.Named
  var treat: UpliftPlan.Named
  /// The outcome column, or with `within D` the table of plays.
  var outcome: UpliftPlan.Named
  /// `outcome plays within D`: the outcome credited from a table of plays, on the training table
  /// and on any table `eval` scores.
  var attribution: AttributedOutcome?
  /// Named for learners that will use it (none yet): checked to be a column of T.
  var propensity: UpliftPlan.Named?
  /// The whole definition, where a failure to train is reported.
  var range: SourceRange
}
