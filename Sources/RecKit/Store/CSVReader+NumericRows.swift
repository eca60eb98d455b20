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
  }

  /// Reads whole rows at `pos` while every field is a plain number that fits its column's
  /// storage (a 32-bit column takes only values that fit in 32 bits) and the row ends in
  /// `\n` or `\r\n`; stores row `k`'s field `c` at index `k` of `targets[c]`. Leaves `pos`
  /// at the first row not taken and returns the rows taken, at most `limit`.
  static func scanNumericRows(
    _ p: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int, _ delimiter: UInt8,
    into targets: UnsafeBufferPointer<NumericTarget>, limit: Int
  ) -> Int {
    let last = targets.count - 1
    var rows = 0
    rows: while rows < limit {
      var i = pos
      for c in 0...last {
        let target = targets[c]
        // One scan per family, so that each scanner is inlined once.
        switch target.storage {
        case .int32, .int64:
          guard let v = scanInt(p, &i, end, delimiter) else { break rows }
          if target.storage == .int64 {
            target.values.assumingMemoryBound(to: Int.self)[rows] = v
          } else {
            guard v > Int(Int32.min), v <= Int(Int32.max) else { break rows }
            target.values.assumingMemoryBound(to: Int32.self)[rows] = Int32(truncatingIfNeeded: v)
          }
        case .float32, .float64:
          guard let v = scanShortDecimal(p, &i, end, delimiter) ?? scanDecimal(p, &i, end, delimiter) else { break rows }
          if target.storage == .float64 {
            target.values.assumingMemoryBound(to: Double.self)[rows] = v
          } else {
            guard Double(Float(v)) == v else { break rows }
            target.values.assumingMemoryBound(to: Float.self)[rows] = Float(v)
          }
        }
        guard i < end else { break rows }
        if c < last {
          guard p[i] == delimiter else { break rows }
          i += 1
        } else if p[i] == UInt8(ascii: "\n") {
          i += 1
        } else {
          guard p[i] == UInt8(ascii: "\r"), i + 1 < end, p[i + 1] == UInt8(ascii: "\n") else { break rows }
          i += 2
        }
      }
      pos = i
      rows += 1
    }
    return rows
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
