/// A read position in bytes that came from a file: every read is checked against the end, so
/// that no offset or length in a damaged file reads outside it.
struct ByteCursor {
  let bytes: UnsafeBufferPointer<UInt8>
  private(set) var position: Int
  /// What the bytes are, for messages ("page header", "dictionary page").
  let what: String

  init(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int = 0, what: String) {
    self.bytes = bytes
    self.position = position
    self.what = what
  }

  var remaining: Int { bytes.count - position }
  var atEnd: Bool { position >= bytes.count }

  private func truncated() -> ParquetError {
    ParquetError("the \(what) ends early (at byte \(position) of \(bytes.count))")
  }

  mutating func byte() throws(ParquetError) -> UInt8 {
    guard position < bytes.count else { throw truncated() }
    defer { position += 1 }
    return bytes[position]
  }

  /// The next `count` bytes, which must be there.
  mutating func take(_ count: Int) throws(ParquetError) -> UnsafeBufferPointer<UInt8> {
    guard count >= 0, count <= remaining else {
      throw ParquetError("the \(what) ends early: \(count) bytes wanted at byte \(position) of \(bytes.count)")
    }
    defer { position += count }
    return UnsafeBufferPointer(rebasing: bytes[position..<position + count])
  }

  mutating func skip(_ count: Int) throws(ParquetError) { _ = try take(count) }

  /// A little-endian integer of `width` bytes (at most 8).
  mutating func littleEndian(_ width: Int) throws(ParquetError) -> UInt64 {
    let b = try take(width)
    var v: UInt64 = 0
    for i in 0..<width { v |= UInt64(b[i]) << UInt64(8 * i) }
    return v
  }

  /// An unsigned LEB128 varint of at most 10 bytes.
  mutating func varint() throws(ParquetError) -> UInt64 {
    var v: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let b = try byte()
      guard shift < 64 else {
        throw ParquetError("a varint in the \(what) is longer than 10 bytes (at byte \(position))")
      }
      v |= UInt64(b & 0x7F) << shift
      if b & 0x80 == 0 { return v }
      shift += 7
    }
  }

  /// A zigzag-encoded signed varint.
  mutating func zigzag() throws(ParquetError) -> Int64 {
    let u = try varint()
    return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
  }
}
