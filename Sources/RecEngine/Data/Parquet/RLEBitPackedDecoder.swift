/// Parquet's RLE/bit-packed hybrid (Encodings.md, "Run Length Encoding / Bit-Packing Hybrid"):
/// the encoding of repetition and definition levels, of dictionary indices and of RLE booleans.
///
/// A run's header is a varint: its low bit 0 means `header >> 1` copies of one value stored in
/// ceil(bitWidth / 8) little-endian bytes; 1 means `header >> 1` groups of eight values packed
/// least significant bit first.
enum RLEBitPackedDecoder {
  /// `count` values of `bitWidth` (0…32) bits from `cursor`, which ends where they end.
  static func decode(_ cursor: inout ByteCursor, bitWidth: Int, count: Int) throws(ParquetError) -> [UInt32] {
    guard (0...32).contains(bitWidth) else { throw ParquetError("a bit width of \(bitWidth) in the \(cursor.what)") }
    var out: [UInt32] = []
    out.reserveCapacity(count)
    while out.count < count {
      let header = try cursor.varint()
      let runLength = header >> 1
      let wanted = count - out.count
      if header & 1 == 0 {
        guard runLength > 0 else { throw ParquetError("an empty run in the \(cursor.what) at byte \(cursor.position)") }
        let value = UInt32(truncatingIfNeeded: try cursor.littleEndian((bitWidth + 7) / 8))
        guard bitWidth == 32 || value >> UInt32(bitWidth) == 0 else {
          throw ParquetError("a run value \(value) wider than \(bitWidth) bits in the \(cursor.what)")
        }
        out.append(contentsOf: repeatElement(value, count: Int(min(runLength, UInt64(wanted)))))
      } else {
        guard runLength > 0, runLength <= UInt64(cursor.remaining) else {
          throw ParquetError("a bit-packed run of \(runLength) groups past the end of the \(cursor.what)")
        }
        let values = Int(runLength) * 8
        // The last run may stop short of its groups' padding: read only the bytes it needs.
        let used = min(values, wanted)
        let bytes = min(Int(runLength) * bitWidth, cursor.remaining)
        let packed = try cursor.take(bytes)
        try unpack(packed, bitWidth: bitWidth, count: used, what: cursor.what) {
          out.append(UInt32(truncatingIfNeeded: $0))
        }
      }
    }
    return out
  }

  /// The number of bits that hold values up to `maximum`.
  static func bitWidth(of maximum: Int) -> Int { maximum == 0 ? 0 : Int.bitWidth - maximum.leadingZeroBitCount }

  /// `count` values of `bitWidth` (0…64) bits packed least significant bit first.
  static func unpack(
    _ bytes: UnsafeBufferPointer<UInt8>, bitWidth: Int, count: Int, what: String, _ body: (UInt64) -> Void
  ) throws(ParquetError) {
    guard (bitWidth * count + 7) / 8 <= bytes.count else {
      throw ParquetError("\(count) values of \(bitWidth) bits run past the end of the \(what)")
    }
    guard bitWidth > 0 else {
      for _ in 0..<count { body(0) }
      return
    }
    // A value of up to 57 bits lies within the 8 bytes from its first byte: one load, a shift
    // and a mask. Wider ones (only DELTA_BINARY_PACKED has them) take two loads.
    let mask: UInt64 = bitWidth == 64 ? .max : (1 << UInt64(bitWidth)) - 1
    var bit = 0
    for _ in 0..<count {
      let offset = UInt64(bit & 7)
      var value = window(bytes, at: bit >> 3) >> offset
      if bitWidth > 57, offset > 0 { value |= window(bytes, at: (bit >> 3) + 8) << (64 - offset) }
      body(value & mask)
      bit += bitWidth
    }
  }

  /// The 8 bytes at `index` as a little-endian integer, bytes past the end read as zeros.
  @inline(__always)
  private static func window(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
    if index + 8 <= bytes.count, let base = bytes.baseAddress {
      return UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
    }
    var value: UInt64 = 0
    var i = index
    while i < bytes.count, i < index + 8 {
      value |= UInt64(bytes[i]) << UInt64(8 * (i - index))
      i += 1
    }
    return value
  }
}
