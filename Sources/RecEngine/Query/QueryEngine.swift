import RecCore

/// Runs checked pipelines: `from plays | where completion > 0.9 | group by title (n = count())`.
///
/// The checker binds a pipeline first (every table, column and function resolved, every
/// expression typed; see `Binder`); the engine runs it stage by stage over columnar tables.
public struct QueryEngine {
  private let table: (String) -> Table?
  private let now: Int?
  private let seed: UInt64
  let budget: MemoryBudget

  /// `table(name)` gives the tables the pipeline reads. `now` is the data's "now" (seconds) for
  /// `within` and `days_since`, nil when unknown (then those report a clear error). `seed` for
  /// random(). A stage whose result would need more than `budget` stops before it allocates.
  package init(table: @escaping (String) -> Table?, now: Int?, seed: UInt64, budget: MemoryBudget = .standard) {
    self.table = table
    self.now = now
    self.seed = seed
    self.budget = budget
  }

  /// Runs `p`, polling `cancellation` between stages and every few thousand rows in long loops.
  package func run(_ p: BoundPipeline, cancellation: Cancellation) throws(Diagnostic) -> Table {
    guard var result = table(p.source) else {
      throw Diagnostic(.unknownTable(p.source, known: []), at: nil)
    }
    let evaluator = ExpressionEvaluator(context: QueryContext(table: table, now: now, seed: seed))
    for stage in p.stages {
      try cancellation.check()
      result = try apply(stage, to: result, evaluator, cancellation)
    }
    return result
  }

  /// `e`, bound over `t`'s columns, evaluated at each of its rows.
  package func evaluate(_ e: BoundExpr, over t: Table) throws(Diagnostic) -> Column {
    try ExpressionEvaluator(context: QueryContext(table: table, now: now, seed: seed)).evaluate(e, over: t)
  }

  private func apply(
    _ stage: BoundStage, to t: Table, _ evaluator: ExpressionEvaluator, _ cancellation: Cancellation
  ) throws(Diagnostic) -> Table {
    switch stage {
    case .filter(let condition):
      let mask = try evaluator.evaluate(condition, over: t)
      guard case .bool(let bits) = mask.storage else { return t }
      var rows: [Int] = []
      rows.reserveCapacity(t.count / 4)
      bits.withUnsafeBufferPointer { b in
        for i in b.indices where b[i] == 1 { rows.append(i) }
      }
      return rows.count == t.count ? t : t.gather(rows)
    case .select(let named):
      var out = Table()
      for n in named { out.set(n.name, try evaluator.evaluate(n.expr, over: t)) }
      return out
    case .derive(let named):
      var out = t
      for n in named { out.set(n.name, try evaluator.evaluate(n.expr, over: out)) }
      return out
    case .group(let keys, let aggregates, let outputs):
      return try group(t, keys: keys, aggregates: aggregates, outputs: outputs, evaluator, cancellation)
    case .sort(let keys):
      return try sort(t, by: keys, evaluator)
    case .take(let n):
      return n >= t.count ? t : t.gather(Array(0..<n))
    case .join(let name, let leftKey, let rightKey, let rightColumns):
      return try join(t, name, leftKey: leftKey, rightKey: rightKey, rightColumns: rightColumns, evaluator, cancellation)
    case .distinct(let keys):
      return try distinct(t, keys: keys, evaluator, cancellation)
    }
  }
}
