import RecCore
import RecEngine

/// `eval M, … on TABLE metrics … [baseline B]` over uplift models: each model scores TABLE's rows and the
/// metrics rank them.
struct UpliftEvalPlan: Sendable {
  /// What scores the rows.
  enum Scores: Sendable {
    /// A trained uplift model, reading its features at each row.
    case model(UpliftModelSpec)
    /// A numeric column of the table: scores made elsewhere, judged with the table's `shown`
    /// and `played` columns.
    case column
  }

  /// The columns a column of scores is judged with: the arm and the outcome.
  static let scoreColumnArms = (treat: "shown", outcome: "played")

  var models: [(name: String, scores: Scores)]
  var table: UpliftPlan.Named
  var metrics: [UpliftMetric]
  /// `baseline B`: the model the others are compared with, and the bootstrap's seed.
  var baseline: String?
  var seed: UInt64
}

/// An uplift metric as `eval` names it, read into what `UpliftRanking` computes.
struct UpliftMetric: Sendable {
  enum Kind: Sendable {
    /// sklift `qini_auc_score`, with or without its `negative_effect` perfect curve.
    case qini(negativeEffect: Bool)
    /// sklift `uplift_auc_score`.
    case auuc
    /// causalml `qini_score` and `auuc_score`, normalised.
    case qiniCausalML, auucCausalML
    /// sklift `uplift_at_k`, `strategy="overall"` or `"by_group"`.
    case uplift(UpliftCut, byGroup: Bool)
    /// The mean true uplift of the first rows (the demo's truth).
    case trueUplift(UpliftCut)
  }

  var kind: Kind
  /// The metric as written (`uplift@10%[by_group]`): its column in the result.
  var label: String
  var range: SourceRange

  /// The metric names, and the variants each takes.
  static let names = ["qini", "auuc", "uplift", "true_uplift"]
  static let variants = ["qini": ["no_negative", "causalml"], "auuc": ["causalml"], "uplift": ["by_group"]]
}
