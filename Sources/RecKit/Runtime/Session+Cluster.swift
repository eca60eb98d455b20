import RecCore
import RecEngine

extension Session {
  /// `cluster titles|members into K by T [seed S]`: shows one row per cluster, keeps the
  /// assignments, the embedding and the initial centres, and says how k-means went.
  func cluster(_ plan: ClusterPlan) throws(Diagnostic) {
    let plays = try table(plan.table, at: plan.tableRange)
    let result = try Clustering(
      plan.subject, k: plan.k, by: plays, named: plan.table, catalog: tables["titles"], seed: plan.seed,
      countRange: plan.countRange, tableRange: plan.tableRange, cancellation: cancellation)
    let kept = Clustering.keptSchemas(plan.subject).map(\.name)
    for (name, table) in zip(kept, [result.assignments, result.embedding, result.seeds]) {
      keep(table, as: name, from: [plan.table])
    }
    keepResult(result.summary, from: [plan.table])
    show(result.summary)
    let what = plan.subject.rawValue
    let stopped = result.converged ? "" : " (stopped: labels still changing)"
    var line =
      "cluster \(what): k \(result.k), \(count(result.iterations, "iteration"))\(stopped), "
      + "inertia \(CellFormatter.fixed(result.inertia, decimals: 4)), seed \(plan.seed); "
      + "\(count(result.points, String(what.dropLast()))) clustered"
    if result.unplaced > 0 { line += ", \(thousands(result.unplaced)) without a co-play embedding" }
    status(line)
    status("kept \(kept.joined(separator: ", "))")
  }
}
