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

  /// `rows` reordered by `codes` (parallel to it), digit by digit from the lowest. From 2^16 rows
  /// on, each pass counts and scatters the two halves of the rows on two cores: a half's rows of
  /// one digit go after the first half's, so the sort stays stable. A pass whose digit is the same
  /// in every code would leave the order as it is, and is skipped.
  private static func sort<Code: FixedWidthInteger & UnsignedInteger>(
    _ codes: [Code], _ rows: [Int32], digit: Int, passes: Int
  ) -> [Int32] {
    var (codes, rows) = (codes, rows)
    let n = codes.count
    var (nextCodes, nextRows) = ([Code](repeating: 0, count: n), [Int32](repeating: 0, count: n))
    let buckets = 1 << digit
    let parts = chunks(of: n, into: n >= 1 << 16 ? 2 : 1)
    var starts = [Int](repeating: 0, count: parts.count * buckets)
    let mask = Code(buckets - 1)
    for pass in 0..<passes {
      let shift = Code(pass * digit)
      let last = pass == passes - 1
      var moved = true
      starts.withUnsafeMutableBufferPointer { starts in
        codes.withUnsafeBufferPointer { codes in
          rows.withUnsafeBufferPointer { rows in
            nextCodes.withUnsafeMutableBufferPointer { nextCodes in
              nextRows.withUnsafeMutableBufferPointer { nextRows in
                // Each part counts, then writes, into its own counters and its own places only.
                let shared = UncheckedSendable((starts, nextCodes, nextRows))
                inParallel(parts.count) { p in
                  let counts = UnsafeMutableBufferPointer(rebasing: shared.value.0[(p * buckets)..<((p + 1) * buckets)])
                  counts.update(repeating: 0)
                  for i in parts[p] { counts[Int((codes[i] >> shift) & mask)] &+= 1 }
                }
                var total = 0
                for d in 0..<buckets {
                  let first = total
                  for p in parts.indices {
                    let count = starts[p * buckets + d]
                    (starts[p * buckets + d], total) = (total, total &+ count)
                  }
                  if total &- first == n { moved = false }
                }
                guard moved else { return }
                inParallel(parts.count) { p in
                  let (starts, nextCodes, nextRows) = shared.value
                  let base = p * buckets
                  for i in parts[p] {
                    let d = base &+ Int((codes[i] >> shift) & mask)
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
      }
      guard moved else { continue }
      swap(&rows, &nextRows)
      if !last { swap(&codes, &nextCodes) }
    }
    return rows
  }
}
