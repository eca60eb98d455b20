import RecCore
import RecEngine

/// `cluster titles|members into K by T [seed S]`, checked: what is clustered, into how many
/// clusters, from which table of plays, from which seed.
struct ClusterPlan: Sendable {
  var subject: Clustering.Subject
  var k: Int
  /// Where K is written: "more clusters than points" points there.
  var countRange: SourceRange
  var table: String
  var tableRange: SourceRange
  /// The `seed` clause's, else the session's seed when the statement was checked.
  var seed: UInt64
}
