import RecCore

/// `group by k (n = count())` on one integer key of a small range, fused: one counting array
/// indexed by value and no group number per row. The two halves of the rows count at once
/// and their counts are merged. Groups come out exactly as `Grouping` numbers them: in order
/// of first appearance, with the missing key (if any) a group of its own.
package struct GroupCounts: Sendable {
  /// The first row of each group, in group order.
  var firstRows: [Int]
  /// The rows in each group.
  var counts: [Int]

  /// The groups of `column` with their sizes; nil when the column is not integer-backed
  /// (strings count by dictionary code) or its values span too wide a range for one array.
  /// - Complexity: O(n + range of values).
  static func of(_ column: Column, cancellation: Cancellation) throws(Diagnostic) -> GroupCounts? {
    switch column.storage {
    case .int32(let a): try count(a, missing: Int32.min, cancellation)
    case .int64(let a): try count(a, missing: Int.min, cancellation)
    case .string(let codes, _): try count(codes, missing: nil, cancellation)
    default: nil
    }
  }

  private static func count<T: FixedWidthInteger>(
    _ keys: [T], missing: T?, _ cancellation: Cancellation
  ) throws(Diagnostic) -> GroupCounts? {
    let skip = missing ?? 0
    let hasMissing = missing != nil
    var low = Int.max
    var high = Int.min
    keys.withUnsafeBufferPointer { keys in
      for k in keys where !(hasMissing && k == skip) {
        low = Swift.min(low, Int(k))
        high = Swift.max(high, Int(k))
      }
    }
    let lo = low <= high ? low : 0
    let (span, overflow) = Swift.max(high, lo).subtractingReportingOverflow(lo)
    guard !overflow, span < Swift.max(1 << 16, 4 * keys.count) else { return nil }
    // One slot per value and one after them for the missing value, for each half.
    let slots = span + 2
    var counts = [Int](repeating: 0, count: 2 * slots)
    var firsts = [Int](repeating: Int.max, count: 2 * slots)
    try keys.withUnsafeBufferPointer { keys throws(Diagnostic) in
      try counts.withUnsafeMutableBufferPointer { counts throws(Diagnostic) in
        try firsts.withUnsafeMutableBufferPointer { firsts throws(Diagnostic) in
          let shared = UncheckedSendable((keys, counts.baseAddress!, firsts.baseAddress!))
          try forEachChunk(keys.count, cancellation) { chunk in
            inHalves(chunk) { h, rows in
              let (keys, counts, firsts) = shared.value
              let (c, f) = (counts + h * slots, firsts + h * slots)
              for i in rows {
                let k = keys[i]
                let s = hasMissing && k == skip ? span + 1 : Int(k) &- lo
                // Each half meets its rows in order, so the first row it sees is its first.
                if c[s] == 0 { f[s] = i }
                c[s] &+= 1
              }
            }
          }
        }
      }
    }
    var firstRows: [Int] = []
    for s in 0..<slots where counts[s] + counts[slots + s] > 0 {
      firstRows.append(Swift.min(firsts[s], firsts[slots + s]))
    }
    firstRows.sort()
    let sizes = firstRows.map { r in
      let s = hasMissing && keys[r] == skip ? span + 1 : Int(keys[r]) &- lo
      return counts[s] + counts[slots + s]
    }
    return GroupCounts(firstRows: firstRows, counts: sizes)
  }
}
