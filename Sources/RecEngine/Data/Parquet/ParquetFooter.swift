/// A Parquet file's footer (`FileMetaData` in parquet.thrift): the schema and, per row group,
/// where each column's pages are. Only the fields the reader uses are kept.
///
/// The layout: `PAR1`, the column chunks, the footer in Thrift compact form, its length as a
/// 4-byte little-endian integer, `PAR1`.
struct ParquetFooter {
  /// One `SchemaElement`: a group (with children) or a leaf (with a physical type).
  struct SchemaElement {
    var name = ""
    /// `Type`: BOOLEAN 0, INT32 1, INT64 2, INT96 3, FLOAT 4, DOUBLE 5, BYTE_ARRAY 6,
    /// FIXED_LEN_BYTE_ARRAY 7; nil for a group.
    var physicalType: Int32?
    /// `FieldRepetitionType`: REQUIRED 0, OPTIONAL 1, REPEATED 2.
    var repetition: Int32 = 0
    var childCount = 0
    /// `ConvertedType`, the older annotation: UTF8 0, LIST 3, DATE 6, TIMESTAMP_MILLIS 9,
    /// TIMESTAMP_MICROS 10, DECIMAL 5, …
    var convertedType: Int32?
    /// `LogicalType`, the newer annotation, as the union's field id (STRING 1, LIST 3, DATE 6,
    /// TIMESTAMP 8, DECIMAL 5, …).
    var logicalType: Int16?
    /// A TIMESTAMP's unit, as the `TimeUnit` union's field id: MILLIS 1, MICROS 2, NANOS 3.
    var timeUnit: Int16?
  }

  /// One column chunk's `ColumnMetaData`.
  struct ColumnChunk {
    var physicalType: Int32 = -1
    var path: [String] = []
    /// `CompressionCodec`: UNCOMPRESSED 0, SNAPPY 1, GZIP 2, LZO 3, BROTLI 4, LZ4 5, ZSTD 6,
    /// LZ4_RAW 7.
    var codec: Int32 = 0
    var valueCount: Int64 = 0
    var compressedSize: Int64 = 0
    var dataPageOffset: Int64 = 0
    var dictionaryPageOffset: Int64?
  }

  struct RowGroup {
    var rowCount: Int64 = 0
    var columns: [ColumnChunk] = []
  }

  var schema: [SchemaElement] = []
  var rowCount: Int64 = 0
  var rowGroups: [RowGroup] = []

  static let magic: [UInt8] = Array("PAR1".utf8)

  /// The footer of the file in `bytes`, its magic numbers and length checked.
  init(file bytes: UnsafeBufferPointer<UInt8>) throws(ParquetError) {
    guard bytes.count >= 12 else {
      throw ParquetError("not a Parquet file: \(bytes.count) bytes is too short to hold one")
    }
    guard Array(bytes[0..<4]) == Self.magic else {
      throw ParquetError("not a Parquet file: it does not begin with 'PAR1'")
    }
    guard Array(bytes[(bytes.count - 4)...]) == Self.magic else {
      throw ParquetError("not a Parquet file, or a truncated one: it does not end with 'PAR1'")
    }
    var tail = ByteCursor(bytes, at: bytes.count - 8, what: "footer length")
    let length = try tail.littleEndian(4)
    guard length <= UInt64(bytes.count - 12) else {
      throw ParquetError("the footer is said to be \(length) bytes, more than the file holds")
    }
    let start = bytes.count - 8 - Int(length)
    let footer = UnsafeBufferPointer(rebasing: bytes[start..<(bytes.count - 8)])
    var reader = ThriftCompactReader(ByteCursor(footer, what: "footer"))
    try reader.readStruct { (r, id, type) throws(ParquetError) in
      switch id {
      case 2: try r.readList(type) { (r, t) throws(ParquetError) in self.schema.append(try Self.schemaElement(&r, t)) }
      case 3: self.rowCount = try r.i64(type)
      case 4: try r.readList(type) { (r, t) throws(ParquetError) in self.rowGroups.append(try Self.rowGroup(&r, t)) }
      default: try r.skip(type)
      }
    }
  }

  private static func schemaElement(
    _ r: inout ThriftCompactReader, _ type: UInt8
  ) throws(ParquetError) -> SchemaElement {
    var e = SchemaElement()
    try r.readStruct(type) { (r, id, type) throws(ParquetError) in
      switch id {
      case 1: e.physicalType = try r.i32(type)
      case 3: e.repetition = try r.i32(type)
      case 4: e.name = try r.string(type)
      case 5: e.childCount = Int(try r.i32(type))
      case 6: e.convertedType = try r.i32(type)
      case 10:
        // A union: one field set, whose id says which logical type.
        try r.readStruct(type) { (r, id, type) throws(ParquetError) in
          e.logicalType = id
          guard id == 8 else { return try r.skip(type) }
          try r.readStruct(type) { (r, field, type) throws(ParquetError) in
            guard field == 2 else { return try r.skip(type) }
            try r.readStruct(type) { (r, unit, type) throws(ParquetError) in
              e.timeUnit = unit
              try r.skip(type)
            }
          }
        }
      default: try r.skip(type)
      }
    }
    return e
  }

  private static func rowGroup(_ r: inout ThriftCompactReader, _ type: UInt8) throws(ParquetError) -> RowGroup {
    var g = RowGroup()
    try r.readStruct(type) { (r, id, type) throws(ParquetError) in
      switch id {
      case 1: try r.readList(type) { (r, t) throws(ParquetError) in g.columns.append(try columnChunk(&r, t)) }
      case 3: g.rowCount = try r.i64(type)
      default: try r.skip(type)
      }
    }
    return g
  }

  private static func columnChunk(_ r: inout ThriftCompactReader, _ type: UInt8) throws(ParquetError) -> ColumnChunk {
    var c = ColumnChunk()
    var hasMetadata = false
    try r.readStruct(type) { (r, id, type) throws(ParquetError) in
      switch id {
      case 1: throw ParquetError("a column chunk is in another file ('\(try r.string(type))'), which rec does not read")
      case 3:
        hasMetadata = true
        try r.readStruct(type) { (r, id, type) throws(ParquetError) in
          switch id {
          case 1: c.physicalType = try r.i32(type)
          case 3: try r.readList(type) { (r, t) throws(ParquetError) in c.path.append(try r.string(t)) }
          case 4: c.codec = try r.i32(type)
          case 5: c.valueCount = try r.i64(type)
          case 7: c.compressedSize = try r.i64(type)
          case 9: c.dataPageOffset = try r.i64(type)
          case 11: c.dictionaryPageOffset = try r.i64(type)
          default: try r.skip(type)
          }
        }
      default: try r.skip(type)
      }
    }
    guard hasMetadata else { throw ParquetError("a column chunk has no metadata") }
    return c
  }
}
