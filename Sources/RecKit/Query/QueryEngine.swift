/// Runs pipelines: `from plays | where completion > 0.9 | group by title (n = count()) | sort -n`.
///
/// A pipeline is first bound (every table, column and function resolved, every expression
/// typed; see `Binder`) and only then run stage by stage over columnar tables.
public struct QueryEngine {
  private let schema: (String) -> Schema?
  private let table: (String) -> Table?
  private let tableNames: () -> [String]
  private let now: Int?
  private let seed: UInt64

  /// `schema(name)` answers for tables known by name (for checking without data);
  /// `table(name)` gives data (for running). `now` is the data's "now" (seconds) for `within`
  /// and `days_since`, nil when unknown (then those report a clear error). `seed` for random().
  public init(
    schema: @escaping (String) -> Schema?, table: @escaping (String) -> Table?,
    tableNames: @escaping () -> [String], now: Int?, seed: UInt64
  ) {
    self.schema = schema
    self.table = table
    self.tableNames = tableNames
    self.now = now
    self.seed = seed
  }

  /// Resolves every name of `p`; returns the result's schema or throws a located Diagnostic.
  public func check(_ p: Pipeline) throws(Diagnostic) -> Schema {
    try Binder(schema: schema, tableNames: tableNames).bind(p).schema
  }

  /// Runs `p`; `interrupted` is polled between stages and every ~1M rows in long loops
  /// (throw Diagnostic "interrupted" then).
  public func run(_ p: Pipeline, interrupted: () -> Bool) throws(Diagnostic) -> Table {
    // Loaded tables are the truth about their own columns.
    let binder = Binder(schema: { [table, schema] in table($0).map(Schema.init(of:)) ?? schema($0) }, tableNames: tableNames)
    let bound = try binder.bind(p)
    guard var result = table(bound.source) else {
      throw Diagnostic(.unknownTable(bound.source, known: tableNames()), at: p.source.range)
    }
    let evaluator = ExpressionEvaluator(context: QueryContext(table: table, now: now, seed: seed))
    for stage in bound.stages {
      if interrupted() { throw Diagnostic(.interrupted(), at: p.range) }
      result = try apply(stage, to: result, evaluator, interrupted)
    }
    return result
  }

  private func apply(
    _ stage: BoundStage, to t: Table, _ evaluator: ExpressionEvaluator, _ interrupted: () -> Bool
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
      return try group(t, keys: keys, aggregates: aggregates, outputs: outputs, evaluator, interrupted)
    case .sort(let keys):
      return try sort(t, by: keys, evaluator)
    case .take(let n):
      return n >= t.count ? t : t.gather(Array(0..<n))
    case .join(let name, let leftKey, let rightKey, let rightColumns):
      return try join(t, name, leftKey: leftKey, rightKey: rightKey, rightColumns: rightColumns, evaluator, interrupted)
    case .distinct(let keys):
      return try distinct(t, keys: keys, evaluator, interrupted)
    }
  }
}
