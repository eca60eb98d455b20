/// The values of one page (or of a dictionary page), decoded from one encoding, before nulls
/// are placed: integers as read, strings as codes into the column chunk's dictionary.
enum ParquetValues {
  case bool([Int8])
  case int32([Int32])
  /// INT64 values (and INT96 ones as whole seconds), in the width of rec's integers.
  case int64([Int])
  case float([Float])
  case double([Double])
  case text([Int32])

  /// `Encoding` values of parquet.thrift.
  enum Encoding {
    static let plain: Int32 = 0, plainDictionary: Int32 = 2, rle: Int32 = 3, bitPacked: Int32 = 4
    static let deltaBinaryPacked: Int32 = 5, deltaLengthByteArray: Int32 = 6, deltaByteArray: Int32 = 7
    static let rleDictionary: Int32 = 8, byteStreamSplit: Int32 = 9

    static let names: [Int32: String] = [
      0: "PLAIN", 2: "PLAIN_DICTIONARY", 3: "RLE", 4: "BIT_PACKED", 5: "DELTA_BINARY_PACKED",
      6: "DELTA_LENGTH_BYTE_ARRAY", 7: "DELTA_BYTE_ARRAY", 8: "RLE_DICTIONARY", 9: "BYTE_STREAM_SPLIT",
    ]
  }

  var count: Int {
    switch self {
    case .bool(let a): a.count
    case .int32(let a): a.count
    case .int64(let a): a.count
    case .float(let a): a.count
    case .double(let a): a.count
    case .text(let a): a.count
    }
  }

  /// `count` values of physical type `physical` in `encoding`, the data of `cursor`; `dictionary`
  /// is the chunk's dictionary page, for the dictionary encodings; strings are interned in
  /// `strings`.
  static func decode(
    _ cursor: inout ByteCursor, encoding: Int32, physical: Int32, count: Int, dictionary: ParquetValues?,
    strings: inout StringDictionary
  ) throws(ParquetError) -> ParquetValues {
    switch encoding {
    case Encoding.plain:
      return try plain(&cursor, physical: physical, count: count, strings: &strings)
    case Encoding.plainDictionary, Encoding.rleDictionary:
      guard let dictionary else { throw ParquetError("a dictionary-encoded page comes before any dictionary page") }
      let width = Int(try cursor.byte())
      let indices = try RLEBitPackedDecoder.decode(&cursor, bitWidth: width, count: count)
      return try dictionary.gather(indices)
    case Encoding.rle where physical == ParquetSchema.Physical.boolean:
      try cursor.skip(4)  // the run's length in bytes; the runs themselves say where they end
      return .bool(try RLEBitPackedDecoder.decode(&cursor, bitWidth: 1, count: count).map { Int8($0) })
    case Encoding.deltaBinaryPacked where physical == ParquetSchema.Physical.int32:
      return .int32(try DeltaDecoders.binaryPacked(&cursor, count: count).map { Int32(truncatingIfNeeded: $0) })
    case Encoding.deltaBinaryPacked where physical == ParquetSchema.Physical.int64:
      return .int64(try DeltaDecoders.binaryPacked(&cursor, count: count).map { Int($0) })
    case Encoding.deltaLengthByteArray where physical == ParquetSchema.Physical.byteArray,
      Encoding.deltaByteArray where physical == ParquetSchema.Physical.byteArray:
      var codes: [Int32] = []
      codes.reserveCapacity(count)
      func intern(_ bytes: UnsafeBufferPointer<UInt8>) {
        codes.append(strings.intern(String(decoding: bytes, as: UTF8.self)))
      }
      if encoding == Encoding.deltaByteArray {
        try DeltaDecoders.byteArray(&cursor, count: count, intern)
      } else {
        try DeltaDecoders.lengthByteArray(&cursor, count: count, intern)
      }
      return .text(codes)
    default:
      let name = Encoding.names[encoding] ?? "encoding \(encoding)"
      throw ParquetError("\(name) values of type \(ParquetSchema.describe(physical)), which rec does not read")
    }
  }

  /// PLAIN: fixed-width little-endian values, bit-packed booleans, length-prefixed strings.
  private static func plain(
    _ cursor: inout ByteCursor, physical: Int32, count: Int, strings: inout StringDictionary
  ) throws(ParquetError) -> ParquetValues {
    typealias Physical = ParquetSchema.Physical
    /// `count` little-endian integers of `I`'s width, each made a `T`.
    func fixed<I: FixedWidthInteger, T>(_: I.Type, _ make: (I) -> T) throws(ParquetError) -> [T] {
      let width = MemoryLayout<I>.size
      guard count <= cursor.remaining / width else {
        throw ParquetError("\(count) values of \(width) bytes run past the end of the \(cursor.what)")
      }
      let raw = UnsafeRawBufferPointer(try cursor.take(count * width))
      return (0..<count).map { make(I(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * width, as: I.self))) }
    }
    switch physical {
    case Physical.boolean:
      var out: [Int8] = []
      out.reserveCapacity(count)
      let bytes = try cursor.take(min((count + 7) / 8, cursor.remaining))
      try RLEBitPackedDecoder.unpack(bytes, bitWidth: 1, count: count, what: cursor.what) { out.append(Int8($0)) }
      return .bool(out)
    case Physical.int32: return .int32(try fixed(Int32.self) { $0 })
    case Physical.int64: return .int64(try fixed(Int64.self) { Int($0) })
    case Physical.float: return .float(try fixed(UInt32.self) { Float(bitPattern: $0) })
    case Physical.double: return .double(try fixed(UInt64.self) { Double(bitPattern: $0) })
    case Physical.int96:
      // 8 bytes of nanoseconds into the day, then 4 of the Julian day: kept as whole seconds.
      guard count <= cursor.remaining / 12 else {
        throw ParquetError("\(count) INT96 values run past the end of the \(cursor.what)")
      }
      var out: [Int] = []
      out.reserveCapacity(count)
      for _ in 0..<count {
        let nanos = Int(Int64(bitPattern: try cursor.littleEndian(8)))
        let julian = Int(try cursor.littleEndian(4))
        let days = julian - 2_440_588
        out.append(days &* 86_400 &+ floorDivide(nanos, 1_000_000_000))
      }
      return .int64(out)
    case Physical.byteArray:
      var codes: [Int32] = []
      codes.reserveCapacity(count)
      for _ in 0..<count {
        let length = try cursor.littleEndian(4)
        guard length <= UInt64(cursor.remaining) else {
          throw ParquetError("a string of \(length) bytes runs past the end of the \(cursor.what)")
        }
        codes.append(strings.intern(String(decoding: try cursor.take(Int(length)), as: UTF8.self)))
      }
      return .text(codes)
    default:
      throw ParquetError("PLAIN values of type \(ParquetSchema.describe(physical)), which rec does not read")
    }
  }

  /// The values at `indices`, each checked against the dictionary's size.
  func gather(_ indices: [UInt32]) throws(ParquetError) -> ParquetValues {
    let size = count
    if let bad = indices.first(where: { Int($0) >= size }) {
      throw ParquetError("dictionary index \(bad) where the dictionary holds \(size) values")
    }
    switch self {
    case .bool(let a): return .bool(indices.map { a[Int($0)] })
    case .int32(let a): return .int32(indices.map { a[Int($0)] })
    case .int64(let a): return .int64(indices.map { a[Int($0)] })
    case .float(let a): return .float(indices.map { a[Int($0)] })
    case .double(let a): return .double(indices.map { a[Int($0)] })
    case .text(let a): return .text(indices.map { a[Int($0)] })
    }
  }
}

/// `value / divisor` rounded toward minus infinity (a time before 1970 stays in its second).
func floorDivide(_ value: Int, _ divisor: Int) -> Int {
  let q = value / divisor
  return value % divisor < 0 ? q - 1 : q
}
