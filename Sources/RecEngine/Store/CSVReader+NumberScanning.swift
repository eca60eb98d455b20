/// Fused scanning: finding the end of a plain numeric field and parsing it in one pass.
///
/// Most fields of a large file are short unquoted numbers. Scanning such a field to its
/// delimiter and then parsing its bytes again would read every byte twice; these scanners
/// do both at once. They accept only the common shapes and give up (returning nil and
/// leaving `pos` alone) on anything else — a sign other than `-`, an exponent, a quote,
/// too many digits, an empty field — so that the general path (`scanField`, then
/// `parseInt`/`parseDouble`) decides, with the same result and the same errors.
extension CSVReader {
  /// The integer `-?digits` (at most 18 digits, so it cannot overflow) at `pos`, when the
  /// field ends right after it; `pos` is then left on the field's terminator.
  @inline(__always)
  static func scanInt(_ p: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int, _ delimiter: UInt8) -> Int? {
    var i = pos
    let negative = i < end && p[i] == UInt8(ascii: "-")
    if negative { i += 1 }
    guard let (value, digits) = scanDigits(p, &i, end), digits > 0, digits <= 18, endsField(p, i, end, delimiter)
    else { return nil }
    pos = i
    return negative ? -value : value
  }

  /// The decimal `-?digits[.digits]` (or `-?.digits`) with at most 15 digits at `pos`, when
  /// the field ends right after it; `pos` is then left on the field's terminator.
  ///
  /// The value is the one `parseDouble` gives: with at most 15 digits the mantissa and the
  /// power of ten are exact doubles, so one correctly rounded division is the answer. The
  /// common short decimal (a rating, a price) is read from the words at `pos` by the lane's
  /// `shortNumber` when there is room for it.
  @inline(__always)
  static func scanDecimal(_ p: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int, _ delimiter: UInt8) -> Double? {
    var i = pos
    if end - pos >= 24, let n = shortNumber(p, &i), endsField(p, i, end, delimiter) {
      pos = i
      return Double(n.digits) / exactPowersOfTen[n.scale]
    }
    return scanLongDecimal(p, &pos, end, delimiter)
  }

  /// `scanDecimal` for every shape it takes: a sign, longer runs of digits.
  @inline(never)
  private static func scanLongDecimal(
    _ p: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int, _ delimiter: UInt8
  ) -> Double? {
    var i = pos
    let negative = i < end && p[i] == UInt8(ascii: "-")
    if negative { i += 1 }
    guard var (mantissa, digits) = scanDigits(p, &i, end) else { return nil }
    var fraction = 0
    if i < end, p[i] == UInt8(ascii: ".") {
      i += 1
      guard let (tail, count) = scanDigits(p, &i, end), count > 0, count <= 15 else { return nil }
      mantissa = mantissa &* powerOfTen(count) &+ tail
      fraction = count
      digits += count
    }
    guard digits > 0, digits <= 15, endsField(p, i, end, delimiter) else { return nil }
    pos = i
    let v = Double(mantissa) / exactPowersOfTen[fraction]
    return negative ? -v : v
  }

  /// The run of digits at `i` as a number and its length (which may be 0), leaving `i`
  /// after it; nil when the run may reach within 8 bytes of `end`.
  ///
  /// Digits are taken 8 at a time from one word: the length of a run has no branch per
  /// digit to mispredict, which is what a byte loop over numbers of varying length costs.
  /// Past 18 digits the value wraps; callers reject such runs by their length.
  @inline(__always)
  private static func scanDigits(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int) -> (Int, Int)? {
    let first = i
    var value = 0
    while end - i >= 8 {
      let word = loadWord(p, i)
      let count = leadingDigits(word)
      if count > 0 { value = value &* powerOfTen(count) &+ firstDigits(word, count) }
      i += count
      if count < 8 { return (value, i - first) }
    }
    i = first
    return nil
  }

  /// How many of the word's bytes, from the first in memory, are ASCII digits.
  @inline(__always)
  static func leadingDigits(_ word: UInt64) -> Int {
    // A byte's high bit is set by subtracting '0' when it is below '0' and by adding 0x46
    // when it is above '9'; borrows and carries between bytes start only at such a byte, so
    // they change nothing before the first one.
    let flags = ((word &- 0x3030_3030_3030_3030) | (word &+ 0x4646_4646_4646_4646)) & 0x8080_8080_8080_8080
    return flags.trailingZeroBitCount &>> 3
  }

  /// The 8 bytes at `i`, the first in memory lowest.
  @inline(__always)
  static func loadWord(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt64 {
    UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
  }

  /// Byte `k` (0...7) of `word`.
  @inline(__always)
  static func byte(_ word: UInt64, _ k: Int) -> UInt8 {
    UInt8(truncatingIfNeeded: word &>> UInt64(8 &* k))
  }

  /// The first `k` (1...8) bytes of `word`, ASCII digits, as a number.
  @inline(__always)
  static func firstDigits(_ word: UInt64, _ k: Int) -> Int {
    eightDigits(word &<< UInt64(64 &- 8 &* k))
  }

  /// The 8 ASCII digits of `word` (first in memory most significant; zero bytes, shifted
  /// in below the digits, are leading zeros) as a number, by three multiplications.
  @inline(__always)
  static func eightDigits(_ word: UInt64) -> Int {
    var v = word & 0x0F0F_0F0F_0F0F_0F0F
    v = (v &* (10 << 8 + 1)) >> 8 & 0x00FF_00FF_00FF_00FF
    v = (v &* (100 << 16 + 1)) >> 16 & 0x0000_FFFF_0000_FFFF
    v = (v &* (10000 << 32 + 1)) >> 32
    return Int(truncatingIfNeeded: v)
  }

  /// 10ⁿ for `n` in 0...15 (a switch, which compiles to a constant table: a global array
  /// would cost a lazy-initialisation check on every use).
  @inline(__always)
  static func powerOfTen(_ n: Int) -> Int {
    switch n {
    case 0: 1
    case 1: 10
    case 2: 100
    case 3: 1000
    case 4: 10000
    case 5: 100_000
    case 6: 1_000_000
    case 7: 10_000_000
    case 8: 100_000_000
    case 9: 1_000_000_000
    case 10: 10_000_000_000
    case 11: 100_000_000_000
    case 12: 1_000_000_000_000
    case 13: 10_000_000_000_000
    case 14: 100_000_000_000_000
    default: 1_000_000_000_000_000
    }
  }

  /// 10ⁿ for `n` in 0...15 as doubles (each exact). A table in memory: a switch of
  /// constants lets the compiler copy the division into every case of a jump table.
  static let exactPowersOfTen: [Double] = [
    1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  ]

  /// Whether a field ends at `i`: the end of the range, a delimiter or a line break.
  @inline(__always)
  private static func endsField(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, _ delimiter: UInt8) -> Bool {
    guard i < end else { return true }
    let c = p[i]
    return c == delimiter || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
  }
}
