import RecCore
import Synchronization

/// The last `ExposureFeatures` a session computed, kept so that `eval` and `sweep` of a model on
/// the table it was trained on, or of several models with the same features, read the features
/// once. They depend on the log, the plays, the `titles` and `members` tables, the features as
/// written and the seed, and count as unchanged while every one of those tables still shares the
/// very arrays they were computed from (as `HomeIndexCache` decides).
package final class ExposureFeatureCache: Sendable {
  private struct Key {
    var tables: [Table?]
    var features: [String]
    var seed: UInt64
  }
  private let last = Mutex<(key: Key, features: ExposureFeatures)?>(nil)

  package init() {}

  /// `ExposureFeatures(log, …)`, or the last one computed when nothing it reads has changed;
  /// `texts` are the features as written, which identify them.
  package func features(
    _ log: Table, name: String, features: [BoundExpr], texts: [String], plays: Table, tables: [String: Table],
    seed: UInt64, at range: SourceRange?, cancellation: Cancellation
  ) throws(Diagnostic) -> ExposureFeatures {
    let key = Key(tables: [log, plays, tables["titles"], tables["members"]], features: texts, seed: seed)
    if let hit = last.withLock({ last in
      last.flatMap { $0.key.features == texts && $0.key.seed == seed && sharesStorage($0.key.tables, key.tables) ? $0.features : nil }
    }) {
      return hit
    }
    let made = try ExposureFeatures(
      try LogKeys(log, name: name, kind: .exposures, at: range), name: name, features: features, plays: plays, tables: tables, seed: seed, at: range, cancellation: cancellation)
    last.withLock { $0 = (key, made) }
    return made
  }
}
