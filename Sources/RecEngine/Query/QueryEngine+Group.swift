import RecCore

/// `group by` and `distinct`: both number the rows by their key values (see `Grouping`),
/// groups in order of first appearance.
extension QueryEngine {
  /// Keys, then each output evaluated over the keys and the per-group aggregates.
  func group(
    _ t: Table, keys: [NamedExpr], aggregates: [BoundAggregate], outputs: [NamedExpr],
    _ evaluator: ExpressionEvaluator, _ cancellation: Cancellation
  ) throws(Diagnostic) -> Table {
    var keyColumns: [Column] = []
    for k in keys { keyColumns.append(try evaluator.evaluate(k.expr, over: t)) }
    if keys.isEmpty && t.count == 0 {
      // Aggregates over nothing are still one row, as in SQL: counts of 0, the others missing.
      let values = aggregates.map { a in
        a.function == .count || a.function == .countDistinct
          ? Column(type: .int, ints: [0]) : Column(type: a.type, values: [.null])
      }
      return try finish(keys, keyColumns, firstRows: [], aggregates: values, outputs: outputs, evaluator)
    }
    let onlyCounts = aggregates.allSatisfy { $0.function == .count && $0.argument == nil }
    if keyColumns.count == 1, onlyCounts,
      let counted = try GroupCounts.of(keyColumns[0], cancellation: cancellation)
    {
      let sizes = Column(type: .int, ints: counted.counts)
      return try finish(
        keys, keyColumns, firstRows: counted.firstRows, aggregates: aggregates.map { _ in sizes },
        outputs: outputs, evaluator)
    }
    let grouping = try Grouping.by(keyColumns, count: t.count, cancellation: cancellation)
    var values: [Column] = []
    for aggregate in aggregates {
      let argument = try aggregate.argument.map { a throws(Diagnostic) in try evaluator.evaluate(a, over: t) }
      values.append(
        try aggregate.function.compute(argument, grouping: grouping, type: aggregate.type, cancellation: cancellation))
    }
    return try finish(keys, keyColumns, firstRows: grouping.firstRows, aggregates: values, outputs: outputs, evaluator)
  }

  /// The key columns at the first row of each group, then each output evaluated over the keys
  /// and the aggregate values (hidden columns `#0`, `#1`, …).
  private func finish(
    _ keys: [NamedExpr], _ keyColumns: [Column], firstRows: [Int], aggregates: [Column], outputs: [NamedExpr],
    _ evaluator: ExpressionEvaluator
  ) throws(Diagnostic) -> Table {
    var out = Table(zip(keys, keyColumns).map { ($0.name, $1.gather(firstRows)) })
    var work = out
    for (i, values) in aggregates.enumerated() { work.set("#\(i)", values) }
    for output in outputs {
      out.set(output.name, try evaluator.evaluate(output.expr, over: work))
    }
    return out
  }

  /// The first row of each distinct combination of `keys` (of every column when empty);
  /// with keys, only those columns.
  func distinct(
    _ t: Table, keys: [NamedExpr], _ evaluator: ExpressionEvaluator, _ cancellation: Cancellation
  ) throws(Diagnostic) -> Table {
    guard !keys.isEmpty else {
      let grouping = try Grouping.by(t.columns, count: t.count, cancellation: cancellation)
      return t.gather(grouping.firstRows)
    }
    return try group(t, keys: keys, aggregates: [], outputs: [], evaluator, cancellation)
  }
}
