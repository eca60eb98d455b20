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
        try unpack(packed, bitWidth: bitWidth, count: used, what: cursor.what) { out.append(UInt32(truncatingIfNeeded: $0)) }
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
    var bit = 0
    for _ in 0..<count {
      var value: UInt64 = 0
      var got = 0
      while got < bitWidth {
        let offset = bit & 7
        let take = min(bitWidth - got, 8 - offset)
        let piece = (UInt64(bytes[bit >> 3]) >> UInt64(offset)) & ((1 << UInt64(take)) - 1)
        value |= piece << UInt64(got)
        got += take
        bit += take
      }
      body(value)
    }
  }
}
