/// The first, fast pass over each chunk: its line count, which sizes its span of the
/// columns read in place.
extension CSVReader {
  /// The line feeds in `range`, counted 32 bytes at a time.
  ///
  /// Each step is a byte compare over a vector; the counts of one vector lane stay in a
  /// byte for up to 255 steps before they are added up.
  static func countLines(_ p: UnsafePointer<UInt8>, _ range: Range<Int>) -> Int {
    let newline = SIMD32<UInt8>(repeating: UInt8(ascii: "\n"))
    var lines = 0
    var i = range.lowerBound
    while range.upperBound - i >= 32 {
      var counts = SIMD32<UInt8>(repeating: 0)
      var steps = 0
      while steps < 255, range.upperBound - i >= 32 {
        let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD32<UInt8>.self)
        // A true lane of a mask is all ones, that is 255: subtracting it adds one.
        counts &-= unsafeBitCast(v .== newline, to: SIMD32<UInt8>.self)
        i += 32
        steps += 1
      }
      lines += Int(SIMD32<UInt16>(truncatingIfNeeded: counts).wrappedSum())
    }
    for k in i..<range.upperBound where p[k] == UInt8(ascii: "\n") { lines += 1 }
    return lines
  }
}
