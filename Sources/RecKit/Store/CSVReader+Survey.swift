/// The first, fast pass over each chunk: its line count and whether it holds a quote.
extension CSVReader {
  /// What the first pass learns of a chunk.
  struct Survey {
    /// Line feeds in the chunk.
    var lines: Int
    /// Whether a `"` occurs in it (which may open a quoted field holding a newline).
    var quote: Bool
  }

  /// Counts the line feeds and looks for a quote in `range`, 32 bytes at a time.
  ///
  /// Both tests are byte compares over vectors; the counts of one vector lane stay in a
  /// byte for up to 255 steps before they are added up.
  static func survey(_ p: UnsafePointer<UInt8>, _ range: Range<Int>) -> Survey {
    let newline = SIMD32<UInt8>(repeating: UInt8(ascii: "\n"))
    let quote = SIMD32<UInt8>(repeating: UInt8(ascii: "\""))
    var quotes = SIMDMask<SIMD32<Int8>>(repeating: false)
    var lines = 0
    var i = range.lowerBound
    while range.upperBound - i >= 32 {
      var counts = SIMD32<UInt8>(repeating: 0)
      var steps = 0
      while steps < 255, range.upperBound - i >= 32 {
        let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD32<UInt8>.self)
        // A true lane of a mask is all ones, that is 255: subtracting it adds one.
        counts &-= unsafeBitCast(v .== newline, to: SIMD32<UInt8>.self)
        quotes .|= v .== quote
        i += 32
        steps += 1
      }
      lines += Int(SIMD32<UInt16>(truncatingIfNeeded: counts).wrappedSum())
    }
    var sawQuote = any(quotes)
    for k in i..<range.upperBound {
      if p[k] == UInt8(ascii: "\n") { lines += 1 }
      if p[k] == UInt8(ascii: "\"") { sawQuote = true }
    }
    return Survey(lines: lines, quote: sawQuote)
  }
}
