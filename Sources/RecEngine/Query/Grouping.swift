import RecCore

/// Rows numbered by the distinct value of a key: the engine under `group by`, `distinct`,
/// `count_distinct`, joins and dotted access.
///
/// Groups are numbered in order of first appearance. A missing key value forms a group of
/// its own (callers that must skip it check the first row).
package struct Grouping: Sendable {
  /// The group of each row.
  var ids: [Int32]
  /// The first row of each group, in group order.
  var firstRows: [Int]

  /// The number of groups.
  var count: Int { firstRows.count }

  /// Rows between interrupt checks in long loops.
  static let chunk = 1 << 20

  /// Groups the rows of `column` by value. Integer keys of a small range count into an array
  /// indexed by value; wider ones use a hash map on the raw integer; strings group on
  /// dictionary codes.
  static func by(_ column: Column, cancellation: Cancellation) throws(Diagnostic) -> Grouping {
    switch column.storage {
    case .int32(let a): return try byIntegers(a, missing: Int32.min, cancellation)
    case .int64(let a): return try byIntegers(a, missing: Int.min, cancellation)
    case .bool(let a): return try byIntegers(a, missing: nil, cancellation)
    case .string(let codes, _): return try byIntegers(codes, missing: nil, cancellation)
    case .float32, .float64:
      // Group on the bit pattern, with -0 as 0 and every NaN (missing) as one value.
      let bits = (column.doubleValues ?? []).map { $0.isNaN ? Int.min : Int(bitPattern: UInt(($0 + 0).bitPattern)) }
      return try byIntegers(bits, missing: Int.min, cancellation)
    case .list(let offsets, let codes, _):
      var seen: [ArraySlice<Int32>: Int32] = [:]
      var ids = [Int32](repeating: 0, count: column.count)
      var firstRows: [Int] = []
      for i in 0..<column.count {
        let key = codes[Int(offsets[i])..<Int(offsets[i + 1])]
        if let g = seen[key] { ids[i] = g } else {
          ids[i] = Int32(firstRows.count)
          seen[key] = ids[i]
          firstRows.append(i)
        }
      }
      return Grouping(ids: ids, firstRows: firstRows)
    }
  }

  /// Groups by each of `columns` in turn, the later ones splitting the groups of the earlier.
  static func by(_ columns: [Column], count: Int, cancellation: Cancellation) throws(Diagnostic) -> Grouping {
    guard var result = try columns.first.map({ c throws(Diagnostic) in try by(c, cancellation: cancellation) }) else {
      return Grouping(ids: [Int32](repeating: 0, count: count), firstRows: count > 0 ? [0] : [])
    }
    for column in columns.dropFirst() {
      result = try result.refined(by: by(column, cancellation: cancellation), cancellation: cancellation)
    }
    return result
  }

  /// The groups of rows equal in both groupings, in order of first appearance.
  func refined(by other: Grouping, cancellation: Cancellation) throws(Diagnostic) -> Grouping {
    let width = other.count
    let pairs = zip(ids, other.ids).map { Int($0) * width + Int($1) }
    return try Self.byIntegers(pairs, missing: nil, cancellation)
  }

  private static func byIntegers<T: FixedWidthInteger>(
    _ keys: [T], missing: T?, _ cancellation: Cancellation
  ) throws(Diagnostic) -> Grouping {
    var lo = Int.max
    var hi = Int.min
    let skip = missing ?? 0
    let hasMissing = missing != nil
    keys.withUnsafeBufferPointer { keys in
      for k in keys where !(hasMissing && k == skip) {
        lo = Swift.min(lo, Int(k))
        hi = Swift.max(hi, Int(k))
      }
    }
    var ids = [Int32](repeating: 0, count: keys.count)
    var firstRows: [Int] = []
    let (span, overflow) = hi.subtractingReportingOverflow(lo)
    if lo <= hi, !overflow, span < Swift.max(1 << 16, 4 * keys.count) {
      // Dense keys: one slot per value, and one after them for the missing value.
      var slots = [Int32](repeating: -1, count: span + 2)
      var start = 0
      try slots.withUnsafeMutableBufferPointer { slots throws(Diagnostic) in
        try ids.withUnsafeMutableBufferPointer { ids throws(Diagnostic) in
          try keys.withUnsafeBufferPointer { keys throws(Diagnostic) in
            while start < keys.count {
              try cancellation.check()
              let end = Swift.min(keys.count, start + chunk)
              for i in start..<end {
                let k = keys[i]
                let s = hasMissing && k == skip ? span + 1 : Int(k) &- lo
                var g = slots[s]
                if g < 0 {
                  g = Int32(firstRows.count)
                  slots[s] = g
                  firstRows.append(i)
                }
                ids[i] = g
              }
              start = end
            }
          }
        }
      }
    } else {
      var slots: [T: Int32] = [:]
      try forEachChunk(keys.count, cancellation) { range in
        for i in range {
          let g = slots[keys[i], default: Int32(firstRows.count)]
          if Int(g) == firstRows.count {
            slots[keys[i]] = g
            firstRows.append(i)
          }
          ids[i] = g
        }
      }
    }
    return Grouping(ids: ids, firstRows: firstRows)
  }
}

/// Calls `body` on consecutive ranges of `size` rows (about a million by default), checking
/// for a stop before each.
func forEachChunk(
  _ count: Int, _ cancellation: Cancellation, size: Int = Grouping.chunk,
  _ body: (Range<Int>) throws(Diagnostic) -> Void
) throws(Diagnostic) {
  var start = 0
  while start < count {
    try cancellation.check()
    let end = Swift.min(count, start + size)
    try body(start..<end)
    start = end
  }
}
