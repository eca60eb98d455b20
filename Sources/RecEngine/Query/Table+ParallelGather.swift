extension Table {
  /// The rows `rows` in that order, like `gather`, with the columns picked in parallel.
  /// - Complexity: O(rows.count × columns).
  func gatheredInParallel(_ rows: [Int]) -> Table {
    guard columns.count > 1, rows.count >= 1 << 16 else { return gather(rows) }
    var picked = [Column?](repeating: nil, count: columns.count)
    picked.withUnsafeMutableBufferPointer { picked in
      let out = UncheckedSendable(picked)
      inParallel(columns.count) { c in out.value[c] = columns[c].gather(rows) }
    }
    return Table(zip(names, picked).map { ($0, $1!) })
  }
}
