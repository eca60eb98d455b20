/// The fast lane for rows made only of plain numbers.
///
/// A ratings file is millions of rows like `1,296,5.0,1147880044`. Going through the
/// general field loop costs, per field, a builder's dispatch on its kind, a capacity check
/// and two counters; here a row's fields are scanned in one go and stored straight at the
/// next free index of each column. Any row this lane does not take whole — an empty field,
/// a quote, a value too wide for a 32-bit column, a lone `\r`, a short row — is left to the
/// general loop, which gives it the same values or the same error.
extension CSVReader {
  /// Where one column's next values go, stored as its builder keeps them.
  struct NumericTarget {
    enum Storage { case int32, int64, float32, float64 }
    let values: UnsafeMutableRawPointer
    let storage: Storage

    /// Stores `v` at index `row` when the storage holds it exactly (a 32-bit column holds
    /// only values that fit in 32 bits); false otherwise.
    @inline(__always)
    func store(_ v: Int, at row: Int) -> Bool {
      switch storage {
      case .int32:
        guard v > Int(Int32.min), v <= Int(Int32.max) else { return false }
        values.assumingMemoryBound(to: Int32.self)[row] = Int32(truncatingIfNeeded: v)
      case .int64:
        values.assumingMemoryBound(to: Int.self)[row] = v
      case .float32, .float64:
        return store(Double(v), at: row)
      }
      return true
    }

    /// Stores the decimal `v` at index `row` when the column holds decimals and its storage
    /// holds `v` exactly; false otherwise.
    @inline(__always)
    func store(_ v: Double, at row: Int) -> Bool {
      switch storage {
      case .int32, .int64:
        return false
      case .float32:
        guard Double(Float(v)) == v else { return false }
        values.assumingMemoryBound(to: Float.self)[row] = Float(v)
      case .float64:
        values.assumingMemoryBound(to: Double.self)[row] = v
      }
      return true
    }
  }

  /// Reads whole rows at `pos` while every field is a plain number its column's storage
  /// holds (`NumericTarget.store`) and the row ends in `\n` or `\r\n`; stores row `k`'s
  /// field `c` at index `k` of `targets[c]`. Leaves `pos` at the first row not taken and
  /// returns the rows taken, at most `limit`.
  ///
  /// The common number is read from the words at its start (`shortNumber`), which stays
  /// within 24 bytes of the field's start: a row is begun only with that much room per field
  /// before `end`. Other numbers (a sign, longer runs of digits) take the general scanners.
  static func scanNumericRows(
    _ p: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int, _ delimiter: UInt8,
    into targets: UnsafeBufferPointer<NumericTarget>, limit: Int
  ) -> Int {
    let last = targets.count - 1
    let reach = 24 * targets.count + 1
    var rows = 0
    rows: while rows < limit, end - pos >= reach {
      var i = pos
      for c in 0...last {
        let terminator: UInt8
        if let number = shortNumber(p, &i) {
          let stored = number.scale == 0
            ? targets[c].store(number.digits, at: rows)
            : targets[c].store(Double(number.digits) / exactPowersOfTen[number.scale], at: rows)
          guard stored else { break rows }
          terminator = number.terminator
        } else {
          guard storeOtherNumber(p, &i, end, delimiter, into: targets[c], at: rows), end - i >= reach else { break rows }
          terminator = p[i]
        }
        if c < last {
          guard terminator == delimiter else { break rows }
          i &+= 1
        } else if terminator == UInt8(ascii: "\n") {
          i &+= 1
        } else {
          guard terminator == UInt8(ascii: "\r"), p[i &+ 1] == UInt8(ascii: "\n") else { break rows }
          i &+= 2
        }
      }
      pos = i
      rows &+= 1
    }
    return rows
  }

  /// `digits[.digits]` at `i` with 1–15 digits before the point and 1–7 after it, 15 in all:
  /// the digits without the point as a number, how many follow the point, and the byte after
  /// the number (not yet checked); `i` is left on that byte. Nil, with `i` untouched, for
  /// anything else. Reads no further than 24 bytes from `i`.
  @inline(__always)
  static func shortNumber(_ p: UnsafePointer<UInt8>, _ i: inout Int) -> (digits: Int, scale: Int, terminator: UInt8)? {
    let word = loadWord(p, i)
    let whole = leadingDigits(word)
    guard whole > 0 else { return nil }
    var digits: Int
    var terminator: UInt8
    var at = i
    if whole < 8 {
      digits = firstDigits(word, whole)
      terminator = byte(word, whole)
      at &+= whole
    } else {
      let next = loadWord(p, i &+ 8)
      let more = leadingDigits(next)
      guard more < 8 else { return nil }
      digits = more == 0 ? eightDigits(word) : eightDigits(word) &* powerOfTen(more) &+ firstDigits(next, more)
      terminator = byte(next, more)
      at &+= 8 &+ more
    }
    var scale = 0
    if terminator == UInt8(ascii: ".") {
      let fraction = loadWord(p, at &+ 1)
      scale = leadingDigits(fraction)
      guard scale > 0, scale < 8, at &- i &+ scale <= 15 else { return nil }
      digits = digits &* powerOfTen(scale) &+ firstDigits(fraction, scale)
      terminator = byte(fraction, scale)
      at &+= 1 &+ scale
    }
    i = at
    return (digits, scale, terminator)
  }

  /// Stores the number at `i` that `shortNumber` does not take when `scanInt` or
  /// `scanDecimal` does and the target holds it, leaving `i` on its terminator (before
  /// `end`); false otherwise.
  @inline(never)
  static func storeOtherNumber(
    _ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, _ delimiter: UInt8, into target: NumericTarget, at row: Int
  ) -> Bool {
    var at = i
    if let v = scanInt(p, &at, end, delimiter) {
      guard target.store(v, at: row) else { return false }
    } else if let v = scanDecimal(p, &at, end, delimiter) {
      guard target.store(v, at: row) else { return false }
    } else {
      return false
    }
    guard at < end else { return false }
    i = at
    return true
  }
}

extension CSVReader {
  /// Takes rows at `pos` in the fast lane when every column of `builders` holds narrow
  /// numbers with room to spare; returns how many (0 when the lane is closed to them).
  /// `targets` is scratch space kept between calls.
  static func takeNumericRows(
    _ p: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int, _ delimiter: UInt8,
    builders: UnsafeMutableBufferPointer<ColumnBuilder>, targets: inout [NumericTarget]
  ) -> Int {
    targets.removeAll(keepingCapacity: true)
    var room = Int.max
    for builder in builders {
      guard let (target, space) = builder.numericTarget() else { return 0 }
      targets.append(target)
      room = min(room, space)
    }
    let rows = targets.withUnsafeBufferPointer { scanNumericRows(p, &pos, end, delimiter, into: $0, limit: room) }
    for c in builders.indices { builders[c].tookNumbers(rows) }
    return rows
  }
}
