import RecCore

/// `join T on a = b`: an inner equi-join. Output rows follow the left table, each with its
/// matches in the right table's order; columns are the left's, then the right's but its key.
extension QueryEngine {
  func join(
    _ t: Table, _ name: String, leftKey: BoundExpr, rightKey: String,
    rightColumns: [(source: String, output: String)], _ evaluator: ExpressionEvaluator,
    _ cancellation: Cancellation
  ) throws(Diagnostic) -> Table {
    guard let right = evaluator.context.table(name), let keyColumn = right[rightKey] else {
      throw Diagnostic(.unknownTable(name, known: []), at: leftKey.range)
    }
    let index = KeyIndex(keyColumn)
    let groups = index.groups(for: try evaluator.evaluate(leftKey, over: t))
    var leftRows: [Int] = []
    var rightRows: [Int] = []
    // A left row may match thousands: small chunks, so that Ctrl-C is seen promptly.
    try forEachChunk(t.count, cancellation, size: 1 << 12) { range in
      for i in range where groups[i] >= 0 {
        for r in index.rows(of: groups[i]) {
          leftRows.append(i)
          rightRows.append(r)
        }
      }
    }
    try cancellation.check()
    var out = t.gather(leftRows)
    for (source, output) in rightColumns {
      try cancellation.check()
      if let column = right[source] { out.set(output, column.gather(rightRows)) }
    }
    return out
  }
}
