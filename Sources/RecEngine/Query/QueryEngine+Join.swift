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
    // The output's size is known before anything is made: a key shared by many rows on both
    // sides multiplies them (a self-join of plays on title has billions of rows).
    var outputRows = 0
    for g in groups where g >= 0 { outputRows &+= index.count(of: g) }
    let columns = t.names.count + rightColumns.count
    let bytesPerRow = 16 + 8 * columns  // the two row lists, then about 8 bytes a cell
    let (bytes, overflow) = outputRows.multipliedReportingOverflow(by: bytesPerRow)
    try budget.check(
      overflow || outputRows < 0 ? nil : bytes, for: "the join with '\(name)' (\(thousands(outputRows)) rows)",
      at: leftKey.range)
    var leftRows: [Int] = []
    var rightRows: [Int] = []
    leftRows.reserveCapacity(outputRows)
    rightRows.reserveCapacity(outputRows)
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
