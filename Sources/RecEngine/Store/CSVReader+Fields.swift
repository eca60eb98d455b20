import RecCore

/// Parsing single field values straight from bytes, with no `String` in between.
///
/// Each parser takes the field's bytes (`p[0..<n]`) and returns nil when they are
/// not a value of its type; the caller then widens the column or reports an error.
extension CSVReader {
  /// `[+-]?digits`, at most what fits in an `Int`.
  @inline(__always)
  static func parseInt(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
    var i = 0
    var negative = false
    if n > 0, p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
      negative = p[0] == UInt8(ascii: "-")
      i = 1
    }
    guard i < n else { return nil }
    var value = 0
    if n - i <= 18 {
      while i < n {
        let d = p[i] &- 48
        guard d < 10 else { return nil }
        value = value &* 10 &+ Int(d)
        i += 1
      }
      return negative ? -value : value
    }
    while i < n {
      let d = p[i] &- 48
      guard d < 10 else { return nil }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = negative ? m.subtractingReportingOverflow(Int(d)) : m.addingReportingOverflow(Int(d))
      guard !o1, !o2 else { return nil }
      value = s
      i += 1
    }
    return value
  }

  /// A decimal `[+-]?digits[.digits][(e|E)[+-]?digits]` (or `.5`), rounded exactly as
  /// `Double(String)` rounds it.
  ///
  /// Short decimals (at most 15 significant digits, at most 22 after the point, no
  /// exponent) take the fast path: an integer mantissa and a power of ten are both
  /// exact doubles, so one correctly rounded division gives the correctly rounded result.
  /// Everything else is checked for shape here and converted by `Double(Substring)`.
  @inline(__always)
  static func parseDouble(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    var i = 0
    var negative = false
    if n > 0, p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
      negative = p[0] == UInt8(ascii: "-")
      i = 1
    }
    var mantissa = 0
    var digits = 0
    var significant = 0
    while i < n, p[i] &- 48 < 10 {
      mantissa = mantissa &* 10 &+ Int(p[i] &- 48)
      if mantissa != 0 { significant += 1 }
      digits += 1
      i += 1
    }
    var fraction = 0
    if i < n, p[i] == UInt8(ascii: ".") {
      i += 1
      let start = i
      while i < n, p[i] &- 48 < 10 {
        mantissa = mantissa &* 10 &+ Int(p[i] &- 48)
        if mantissa != 0 { significant += 1 }
        i += 1
      }
      fraction = i - start
      guard fraction > 0 else { return nil }
      digits += fraction
    }
    guard digits > 0 else { return nil }
    if i == n, significant <= 15, fraction <= 22 {
      // Every power of ten up to 10^22 is an exact double, and so is each product on the way.
      var scale = 1.0
      for _ in 0..<fraction { scale *= 10 }
      let v = Double(mantissa) / scale
      return negative ? -v : v
    }
    if i < n {
      guard p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") else { return nil }
      i += 1
      if i < n, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") { i += 1 }
      let start = i
      while i < n, p[i] &- 48 < 10 { i += 1 }
      guard i == n, i > start else { return nil }
    }
    return Double(Substring(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
  }

  /// `true` or `false`.
  @inline(__always)
  static func parseBool(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool? {
    if n == 4, p[0] == UInt8(ascii: "t"), p[1] == UInt8(ascii: "r"), p[2] == UInt8(ascii: "u"),
      p[3] == UInt8(ascii: "e")
    {
      return true
    }
    if n == 5, p[0] == UInt8(ascii: "f"), p[1] == UInt8(ascii: "a"), p[2] == UInt8(ascii: "l"),
      p[3] == UInt8(ascii: "s"), p[4] == UInt8(ascii: "e")
    {
      return false
    }
    return nil
  }

  /// `d` digits at `p[at...]` as a number, nil if any is not a digit.
  @inline(__always)
  private static func digits(_ p: UnsafePointer<UInt8>, _ at: Int, _ count: Int) -> Int? {
    var v = 0
    for k in at..<at + count {
      let d = p[k] &- 48
      guard d < 10 else { return nil }
      v = v * 10 + Int(d)
    }
    return v
  }

  /// `2026-06-01` as days since 1970-01-01.
  static func parseDate(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
    guard n == 10 else { return nil }
    return dateDays(p)
  }

  private static func dateDays(_ p: UnsafePointer<UInt8>) -> Int? {
    guard p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"), let y = digits(p, 0, 4),
      let m = digits(p, 5, 2), let d = digits(p, 8, 2), CivilTime.isValid(year: y, month: m, day: d)
    else { return nil }
    return CivilTime.days(year: y, month: m, day: d)
  }

  /// `2026-06-01T18:30`, `2026-06-01T18:30:05`, either with a final `Z` (a space may stand
  /// for the `T`), as seconds since 1970-01-01T00:00 UTC. With `allowingDate`, a bare
  /// date is midnight.
  static func parseTime(_ p: UnsafePointer<UInt8>, _ n: Int, allowingDate: Bool = false) -> Int? {
    if n == 10 { return allowingDate ? parseDate(p, n).map { $0 * 86400 } : nil }
    var n = n
    if n > 16, p[n - 1] == UInt8(ascii: "Z") { n -= 1 }
    guard n == 16 || n == 19, p[10] == UInt8(ascii: "T") || p[10] == UInt8(ascii: " "),
      p[13] == UInt8(ascii: ":"), let days = dateDays(p), let h = digits(p, 11, 2), h < 24,
      let m = digits(p, 14, 2), m < 60
    else { return nil }
    var s = 0
    if n == 19 {
      guard p[16] == UInt8(ascii: ":"), let sec = digits(p, 17, 2), sec < 60 else { return nil }
      s = sec
    }
    return days * 86400 + h * 3600 + m * 60 + s
  }
}
