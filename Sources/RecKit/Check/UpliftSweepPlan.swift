import RecCore
import RecEngine

/// `sweep qini|gain|uplift over M, … on TABLE [to "FILE.svg"]`: each model scores TABLE's rows and
/// its curve is read at every 5% of them (`UpliftSweep`).
struct UpliftSweepPlan: Sendable {
  var curve: UpliftSweep.Kind
  /// The models in order; all read the same treatment and outcome columns, so that one random
  /// line and one oracle serve them all.
  var models: [(name: String, scores: UpliftEvalPlan.Scores)]
  var table: UpliftPlan.Named
  var chart: FilePath?

  /// The result's columns besides one per model: the share of rows, the rows it takes, the
  /// random line and the oracle.
  static let lineColumns = ["percent", "rows", "random", "oracle"]
}
