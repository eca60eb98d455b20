import RecCore
import RecEngine
import RecSyntax

/// `cluster titles|members into K by T [seed S]`.
extension Checker {
  /// What is clustered, K a positive whole number, T a table of plays (integer `member` and
  /// `title` columns, once its columns are known); declares the tables the clustering keeps.
  /// Whether K is at most the number of points is known only once the plays are read.
  mutating func checkCluster(
    _ what: Identifier, into count: Expr, by table: Identifier, seed: Expr?
  ) throws(Diagnostic) -> ClusterPlan {
    guard let subject = Clustering.Subject(rawValue: what.text) else {
      throw Diagnostic(.expected("'titles' or 'members'", after: "'cluster'", found: "'\(what.text)'"), at: what.range)
    }
    let k = try integer(count, in: 1...Int.max, expected: "a positive whole number of clusters", after: "'into'")
    if let schema = try requireTable(table) {
      for column in ["member", "title"] {
        guard let type = schema.type(of: column) else {
          throw Diagnostic(.notAPlaysTable(table.text, reason: "it has no '\(column)' column"), at: table.range)
        }
        guard type == .int else {
          let reason = "its '\(column)' column holds \(type.rawValue) values, not integer ids"
          throw Diagnostic(.notAPlaysTable(table.text, reason: reason), at: table.range)
        }
      }
    }
    var chosen = self.seed
    if let seed {
      chosen = UInt64(try integer(seed, in: 0...Int.max, expected: "a non-negative integer seed", after: "'seed'"))
    }
    for (name, schema) in Clustering.keptSchemas(subject) { environment.declare(name, schema, from: [table.text]) }
    environment.declareResult(Clustering.summarySchema, from: [table.text])
    return ClusterPlan(
      subject: subject, k: k, countRange: count.range, table: table.text, tableRange: table.range, seed: chosen)
  }
}
