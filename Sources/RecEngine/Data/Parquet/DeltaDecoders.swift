/// The DELTA encodings of Encodings.md: DELTA_BINARY_PACKED for integers (and for the lengths
/// the other two use), DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY for strings.
enum DeltaDecoders {
  /// `count` integers (the page's non-null values) in DELTA_BINARY_PACKED form; the cursor ends
  /// after the last miniblock they need. Arithmetic wraps, as the encoding's definition says.
  ///
  /// Header: block size, miniblocks per block, total count, first value (zigzag). Each block:
  /// its minimum delta (zigzag), one bit width per miniblock, then the miniblocks, each of
  /// blockSize / miniblocks deltas less the minimum; miniblocks past the last value are absent.
  static func binaryPacked(_ cursor: inout ByteCursor, count: Int) throws(ParquetError) -> [Int64] {
    let blockSize = try cursor.varint()
    let miniblocks = try cursor.varint()
    let total = try cursor.varint()
    var value = try cursor.zigzag()
    guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20, miniblocks > 0, blockSize % miniblocks == 0,
      (blockSize / miniblocks) % 32 == 0
    else {
      throw ParquetError(
        "a DELTA_BINARY_PACKED header with blocks of \(blockSize) in \(miniblocks) miniblocks in the \(cursor.what)")
    }
    // Pages hold exactly their non-null values; a larger count is damage, and would have the
    // reader run over miniblocks of width 0 for as long as the count says.
    guard total == UInt64(count) else {
      throw ParquetError("DELTA_BINARY_PACKED holds \(total) values where \(count) were expected in the \(cursor.what)")
    }
    let perMiniblock = Int(blockSize / miniblocks)
    var out: [Int64] = []
    out.reserveCapacity(count)
    guard count > 0 else { return out }
    out.append(value)
    var left = count - 1
    while left > 0 {
      let minimum = try cursor.zigzag()
      let widths = try cursor.take(Int(miniblocks))
      for width in widths where left > 0 {
        guard width <= 64 else { throw ParquetError("a miniblock bit width of \(width) in the \(cursor.what)") }
        let packed = try cursor.take(perMiniblock * Int(width) / 8)
        let used = min(perMiniblock, left)
        try RLEBitPackedDecoder.unpack(packed, bitWidth: Int(width), count: used, what: cursor.what) { delta in
          value = value &+ minimum &+ Int64(bitPattern: delta)
          out.append(value)
        }
        left -= used
      }
    }
    return out
  }

  /// `count` byte strings in DELTA_LENGTH_BYTE_ARRAY form: their lengths delta-packed, then
  /// their bytes one after another. `body` gets each.
  static func lengthByteArray(
    _ cursor: inout ByteCursor, count: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(ParquetError) -> Void
  ) throws(ParquetError) {
    let lengths = try binaryPacked(&cursor, count: count)
    for length in lengths {
      guard length >= 0, length <= Int64(cursor.remaining) else {
        throw ParquetError("a string of \(length) bytes runs past the end of the \(cursor.what)")
      }
      try body(try cursor.take(Int(length)))
    }
  }

  /// `count` byte strings in DELTA_BYTE_ARRAY form: the lengths of the prefixes they share
  /// with the string before, delta-packed, then the rest of each as DELTA_LENGTH_BYTE_ARRAY.
  static func byteArray(
    _ cursor: inout ByteCursor, count: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(ParquetError) -> Void
  ) throws(ParquetError) {
    let prefixes = try binaryPacked(&cursor, count: count)
    var previous: [UInt8] = []
    var i = 0
    let what = cursor.what
    try lengthByteArray(&cursor, count: count) { (suffix) throws(ParquetError) in
      let prefix = prefixes[i]
      i += 1
      guard prefix >= 0, prefix <= Int64(previous.count) else {
        throw ParquetError("a shared prefix of \(prefix) bytes is longer than the string before it in the \(what)")
      }
      previous.removeSubrange(Int(prefix)...)
      previous.append(contentsOf: suffix)
      try previous.withUnsafeBufferPointer { (b) throws(ParquetError) in try body(b) }
    }
  }
}
