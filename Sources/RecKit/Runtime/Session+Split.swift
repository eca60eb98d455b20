import RecCore
import RecEngine

extension Session {
  /// `split T … into A, B`: makes both tables and remembers the pair for evaluation.
  func split(_ plan: SplitPlan) throws(Diagnostic) {
    let source = try table(plan.table, at: plan.tableRange)
    let result = try Splitter.split(
      source, by: plan.rule, name: plan.table, at: plan.tableRange, cancellation: cancellation)
    keep(result.train, as: plan.train, from: [plan.table])
    keep(result.test, as: plan.test, from: [plan.table])
    let pair = SplitPair(sides: SplitSides(source: plan.table, train: plan.train, test: plan.test), now: result.now)
    splits[plan.train] = pair
    splits[plan.test] = pair
    status("split \(plan.table): \(plan.train) \(count(result.train.count, "row")), \(plan.test) \(count(result.test.count, "row"))")
  }
}
