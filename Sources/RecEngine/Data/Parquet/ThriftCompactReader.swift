/// Reads the Thrift compact protocol, the encoding of a Parquet file's footer and page headers.
///
/// Only what Parquet's structures use: structs of fields, i8/i16/i32/i64 as zigzag varints,
/// doubles, binary, bools, lists and sets; maps only to be skipped. A field's type comes with
/// it, so a reader takes the fields it knows and skips the rest, as Thrift readers do, and
/// newer writers' extra fields cost nothing. Nesting is capped so that a crafted file cannot
/// exhaust the stack.
struct ThriftCompactReader {
  /// The compact protocol's type codes (the low nibble of a field header, or of a list header).
  enum TypeCode {
    static let boolTrue: UInt8 = 1, boolFalse: UInt8 = 2, i8: UInt8 = 3, i16: UInt8 = 4, i32: UInt8 = 5
    static let i64: UInt8 = 6, double: UInt8 = 7, binary: UInt8 = 8, list: UInt8 = 9, set: UInt8 = 10
    static let map: UInt8 = 11, structure: UInt8 = 12
  }

  var cursor: ByteCursor
  private var depth = 0
  /// Deeper nesting than this is refused: Parquet's own structures nest about six deep.
  static let maximumDepth = 64

  init(_ cursor: ByteCursor) { self.cursor = cursor }

  /// Reads one struct, calling `field` with each field's id and type code; `field` reads the
  /// value with the accessor for its type, or calls `skip`.
  mutating func readStruct(
    _ field: (inout ThriftCompactReader, Int16, UInt8) throws(ParquetError) -> Void
  ) throws(ParquetError) {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maximumDepth else {
      throw ParquetError("the \(cursor.what) nests deeper than \(Self.maximumDepth)")
    }
    var lastId: Int16 = 0
    while true {
      let header = try cursor.byte()
      if header == 0 { return }
      let type = header & 0x0F
      let delta = Int16(header >> 4)
      let id: Int16
      if delta == 0 {
        let wide = try cursor.zigzag()
        guard let narrow = Int16(exactly: wide) else { throw invalid("field id \(wide)") }
        id = narrow
      } else {
        id = lastId &+ delta
      }
      lastId = id
      try field(&self, id, type)
    }
  }

  private func invalid(_ what: String) -> ParquetError {
    ParquetError("the \(cursor.what) is not valid Thrift: \(what) at byte \(cursor.position)")
  }

  private func expect(_ type: UInt8, _ wanted: UInt8...) throws(ParquetError) {
    guard wanted.contains(type) else { throw invalid("a field of type \(type) where type \(wanted[0]) was expected") }
  }

  /// A bool field: its value is its type code.
  func bool(_ type: UInt8) throws(ParquetError) -> Bool {
    try expect(type, TypeCode.boolTrue, TypeCode.boolFalse)
    return type == TypeCode.boolTrue
  }

  /// An i8, i16 or i32 field, as an Int32.
  mutating func i32(_ type: UInt8) throws(ParquetError) -> Int32 {
    if type == TypeCode.i8 { return Int32(Int8(bitPattern: try cursor.byte())) }
    try expect(type, TypeCode.i32, TypeCode.i16)
    let wide = try cursor.zigzag()
    guard let v = Int32(exactly: wide) else { throw invalid("an i32 of \(wide)") }
    return v
  }

  mutating func i64(_ type: UInt8) throws(ParquetError) -> Int64 {
    try expect(type, TypeCode.i64, TypeCode.i32, TypeCode.i16)
    return try cursor.zigzag()
  }

  mutating func binary(_ type: UInt8) throws(ParquetError) -> UnsafeBufferPointer<UInt8> {
    try expect(type, TypeCode.binary)
    let length = try cursor.varint()
    guard length <= UInt64(cursor.remaining) else { throw invalid("a string of \(length) bytes past the end") }
    return try cursor.take(Int(length))
  }

  mutating func string(_ type: UInt8) throws(ParquetError) -> String {
    String(decoding: try binary(type), as: UTF8.self)
  }

  /// A list (or set) field: calls `element` once per element with the elements' type code.
  mutating func readList(
    _ type: UInt8, _ element: (inout ThriftCompactReader, UInt8) throws(ParquetError) -> Void
  ) throws(ParquetError) {
    try expect(type, TypeCode.list, TypeCode.set)
    let header = try cursor.byte()
    var count = UInt64(header >> 4)
    if count == 15 { count = try cursor.varint() }
    // Every element takes at least one byte, so a count beyond the bytes left is damage.
    guard count <= UInt64(cursor.remaining) else { throw invalid("a list of \(count) elements past the end") }
    let elementType = header & 0x0F
    for _ in 0..<Int(count) { try element(&self, elementType) }
  }

  /// A struct field, read by `field` as `readStruct` reads one.
  mutating func readStruct(
    _ type: UInt8, _ field: (inout ThriftCompactReader, Int16, UInt8) throws(ParquetError) -> Void
  ) throws(ParquetError) {
    try expect(type, TypeCode.structure)
    try readStruct(field)
  }

  /// Passes over a value of type `type` that the reader has no use for.
  mutating func skip(_ type: UInt8) throws(ParquetError) {
    switch type {
    case TypeCode.boolTrue, TypeCode.boolFalse: return
    case TypeCode.i8: try cursor.skip(1)
    case TypeCode.i16, TypeCode.i32, TypeCode.i64: _ = try cursor.varint()
    case TypeCode.double: try cursor.skip(8)
    case TypeCode.binary: _ = try binary(type)
    case TypeCode.list, TypeCode.set:
      try readList(type) { (r, element) throws(ParquetError) in try r.skipElement(element) }
    case TypeCode.map:
      let count = try cursor.varint()
      guard count > 0 else { return }
      guard count <= UInt64(cursor.remaining) else { throw invalid("a map of \(count) entries past the end") }
      let types = try cursor.byte()
      for _ in 0..<Int(count) {
        try skipElement(types >> 4)
        try skipElement(types & 0x0F)
      }
    case TypeCode.structure:
      try readStruct { (r, _, fieldType) throws(ParquetError) in try r.skip(fieldType) }
    default:
      throw invalid("type code \(type)")
    }
  }

  /// Passes over a list, set or map element: there a bool is a whole byte.
  private mutating func skipElement(_ type: UInt8) throws(ParquetError) {
    if type == TypeCode.boolTrue || type == TypeCode.boolFalse {
      try cursor.skip(1)
    } else {
      try skip(type)
    }
  }
}
