/// A stable least-significant-digit radix sort of rows by `SortCodes` codes: a counting sort
/// per digit, with one digit (a plain counting sort) when the codes span at most 2^20 values.
package enum RadixSort {
  /// Widest digit, in bits: 2^20 counters stay within the cache of a core.
  private static let maximumDigit = 20

  /// The rows in order of `key`, rows of equal codes in their order in `order` (row order when
  /// nil); nil when every code is equal and `order` is nil.
  /// - Complexity: O(n × passes), one pass per 16 bits of `key.span` beyond the first 20.
  static func stableOrder(refining order: [Int32]?, by key: SortCodes) -> [Int32]? {
    precondition(key.codes.count <= Int(Int32.max), "too many rows to sort")
    let bits = UInt64.bitWidth - key.span.leadingZeroBitCount
    guard bits > 0 else { return order }
    let passes = bits <= maximumDigit ? 1 : (bits + 15) / 16
    let digit = (bits + passes - 1) / passes
    let rows = order ?? (0..<Int32(key.codes.count)).map { $0 }
    if bits <= UInt32.bitWidth {
      let codes = order.map { o in o.map { UInt32(truncatingIfNeeded: key.codes[Int($0)]) } }
        ?? key.codes.map { UInt32(truncatingIfNeeded: $0) }
      return sort(codes, rows, digit: digit, passes: passes)
    }
    let codes = order.map { o in o.map { key.codes[Int($0)] } } ?? key.codes
    return sort(codes, rows, digit: digit, passes: passes)
  }

  /// `rows` reordered by `codes` (parallel to it), digit by digit from the lowest.
  private static func sort<Code: FixedWidthInteger & UnsignedInteger>(
    _ codes: [Code], _ rows: [Int32], digit: Int, passes: Int
  ) -> [Int32] {
    var (codes, rows) = (codes, rows)
    var (nextCodes, nextRows) = ([Code](repeating: 0, count: codes.count), [Int32](repeating: 0, count: rows.count))
    var starts = [Int](repeating: 0, count: 1 << digit)
    let mask = Code((1 << digit) - 1)
    for pass in 0..<passes {
      let shift = Code(pass * digit)
      let last = pass == passes - 1
      starts.withUnsafeMutableBufferPointer { starts in
        codes.withUnsafeBufferPointer { codes in
          rows.withUnsafeBufferPointer { rows in
            nextCodes.withUnsafeMutableBufferPointer { nextCodes in
              nextRows.withUnsafeMutableBufferPointer { nextRows in
                starts.update(repeating: 0)
                for c in codes { starts[Int((c >> shift) & mask)] &+= 1 }
                var total = 0
                for d in starts.indices { (starts[d], total) = (total, total &+ starts[d]) }
                for i in codes.indices {
                  let d = Int((codes[i] >> shift) & mask)
                  let at = starts[d]
                  starts[d] = at &+ 1
                  nextRows[at] = rows[i]
                  // The codes travel with their rows for the next digit only.
                  if !last { nextCodes[at] = codes[i] }
                }
              }
            }
          }
        }
      }
      swap(&rows, &nextRows)
      if !last { swap(&codes, &nextCodes) }
    }
    return rows
  }
}
