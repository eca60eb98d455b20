/// Reads one column chunk: its page headers, dictionary page and data pages (v1 and v2),
/// decompressed and decoded into a `ParquetColumnPart`.
struct ParquetPageDecoder {
  /// `PageHeader` of parquet.thrift, the fields the reader uses.
  struct PageHeader {
    /// DATA_PAGE 0, INDEX_PAGE 1, DICTIONARY_PAGE 2, DATA_PAGE_V2 3.
    var type: Int32 = -1
    var uncompressedSize: Int32 = 0
    var compressedSize: Int32 = 0
    /// Level and value count: `num_values` of the data, dictionary or v2 header.
    var valueCount: Int32 = 0
    var encoding: Int32 = 0
    var definitionEncoding: Int32 = ParquetValues.Encoding.rle
    var repetitionEncoding: Int32 = ParquetValues.Encoding.rle
    /// v2 only: the levels' lengths, stored before the values and never compressed.
    var definitionBytes: Int32 = 0
    var repetitionBytes: Int32 = 0
    var isCompressed = true
  }

  let file: UnsafeBufferPointer<UInt8>
  let leaf: ParquetSchema.Leaf
  let chunk: ParquetFooter.ColumnChunk
  /// Where the page being read begins in the file, for messages.
  private(set) var pageOffset = 0

  init(file: UnsafeBufferPointer<UInt8>, leaf: ParquetSchema.Leaf, chunk: ParquetFooter.ColumnChunk) {
    self.file = file
    self.leaf = leaf
    self.chunk = chunk
  }

  /// The chunk's values, `rows` of them.
  mutating func read(rows: Int) throws(ParquetError) -> ParquetColumnPart {
    guard chunk.physicalType == leaf.physicalType else {
      throw ParquetError("the chunk's type \(ParquetSchema.describe(chunk.physicalType)) is not the schema's")
    }
    var start = chunk.dataPageOffset
    if let dictionary = chunk.dictionaryPageOffset, dictionary > 0, dictionary < start { start = dictionary }
    // The footer is past the chunks: a chunk must lie between the first magic and it.
    guard start >= 4, chunk.compressedSize >= 0, start <= Int64(file.count),
      chunk.compressedSize <= Int64(file.count) - start
    else {
      throw ParquetError(
        "the chunk's \(chunk.compressedSize) bytes at byte \(start) lie outside the file (\(file.count) bytes)")
    }
    let range = Int(start)..<Int(start + chunk.compressedSize)
    var cursor = ByteCursor(UnsafeBufferPointer(rebasing: file[range]), what: "column chunk")
    var part = ParquetColumnPart(leaf, rows: rows)
    var dictionary: ParquetValues?
    var levels: Int64 = 0
    while levels < chunk.valueCount {
      pageOffset = range.lowerBound + cursor.position
      guard !cursor.atEnd else {
        throw ParquetError("the chunk ends after \(levels) of its \(chunk.valueCount) values")
      }
      var reader = ThriftCompactReader(ByteCursor(cursor.bytes, at: cursor.position, what: "page header"))
      let header = try Self.pageHeader(&reader)
      try cursor.skip(reader.cursor.position - cursor.position)
      guard header.compressedSize >= 0, Int(header.compressedSize) <= cursor.remaining else {
        throw ParquetError("the page's \(header.compressedSize) bytes run past the end of the column chunk")
      }
      let body = try cursor.take(Int(header.compressedSize))
      switch header.type {
      case 2:
        let plain = try ParquetCodecs.decompress(body, codec: chunk.codec, size: Int(header.uncompressedSize))
        dictionary = try plain.withUnsafeBufferPointer { (b) throws(ParquetError) in
          var values = ByteCursor(b, what: "dictionary page")
          return try ParquetValues.decode(
            &values, encoding: ParquetValues.Encoding.plain, physical: leaf.physicalType,
            count: Int(max(header.valueCount, 0)), dictionary: nil, strings: &part.dictionary)
        }
      case 0, 3:
        guard header.valueCount >= 0 else { throw ParquetError("a page of \(header.valueCount) values") }
        try dataPage(header, body, dictionary: dictionary, into: &part)
        levels += Int64(header.valueCount)
      default:
        continue  // index pages and page types to come hold nothing the values need
      }
    }
    guard part.rows == rows else {
      throw ParquetError("the chunk holds \(part.rows) rows where its row group has \(rows)")
    }
    return part
  }

  /// Decodes a data page (v1 or v2) into `part`.
  private func dataPage(
    _ header: PageHeader, _ body: UnsafeBufferPointer<UInt8>, dictionary: ParquetValues?,
    into part: inout ParquetColumnPart
  ) throws(ParquetError) {
    let count = Int(header.valueCount)
    let levelsV2: (repetition: UnsafeBufferPointer<UInt8>, definition: UnsafeBufferPointer<UInt8>)?
    let plain: [UInt8]
    if header.type == 3 {
      var raw = ByteCursor(body, what: "page")
      guard header.repetitionBytes >= 0, header.definitionBytes >= 0 else {
        throw ParquetError("levels of a negative length")
      }
      let repetition = try raw.take(Int(header.repetitionBytes))
      let definition = try raw.take(Int(header.definitionBytes))
      levelsV2 = (repetition, definition)
      let rest = try raw.take(raw.remaining)
      let size = Int(header.uncompressedSize) - Int(header.repetitionBytes) - Int(header.definitionBytes)
      plain = header.isCompressed
        ? try ParquetCodecs.decompress(rest, codec: chunk.codec, size: size)
        : try ParquetCodecs.decompress(rest, codec: 0, size: size)
    } else {
      levelsV2 = nil
      plain = try ParquetCodecs.decompress(body, codec: chunk.codec, size: Int(header.uncompressedSize))
    }
    try plain.withUnsafeBufferPointer { (b) throws(ParquetError) in
      var data = ByteCursor(b, what: "page")
      var repetitions: [UInt32]?
      var definitions: [UInt32]?
      if let levelsV2 {
        if leaf.maxRepetition > 0 {
          var c = ByteCursor(levelsV2.repetition, what: "repetition levels")
          repetitions = try levels(&c, maximum: leaf.maxRepetition, count: count)
        }
        if leaf.maxDefinition > 0 {
          var c = ByteCursor(levelsV2.definition, what: "definition levels")
          definitions = try levels(&c, maximum: leaf.maxDefinition, count: count)
        }
      } else {
        if leaf.maxRepetition > 0 {
          repetitions = try prefixedLevels(
            &data, encoding: header.repetitionEncoding, maximum: leaf.maxRepetition, count: count)
        }
        if leaf.maxDefinition > 0 {
          definitions = try prefixedLevels(
            &data, encoding: header.definitionEncoding, maximum: leaf.maxDefinition, count: count)
        }
      }
      let present = definitions.map { d in d.reduce(0) { $0 + ($1 == UInt32(leaf.maxDefinition) ? 1 : 0) } } ?? count
      let values = try ParquetValues.decode(
        &data, encoding: header.encoding, physical: leaf.physicalType, count: present, dictionary: dictionary,
        strings: &part.dictionary)
      guard values.count == present else {
        throw ParquetError("the page's levels say \(present) values, its data holds \(values.count)")
      }
      try part.append(values, definitions: definitions, repetitions: repetitions)
    }
  }

  /// Levels of a v1 page: RLE, after their length as a 4-byte integer.
  private func prefixedLevels(
    _ data: inout ByteCursor, encoding: Int32, maximum: Int, count: Int
  ) throws(ParquetError) -> [UInt32] {
    guard encoding == ParquetValues.Encoding.rle else {
      let name = ParquetValues.Encoding.names[encoding] ?? "encoding \(encoding)"
      throw ParquetError("levels in \(name), which rec does not read")
    }
    let length = try data.littleEndian(4)
    guard length <= UInt64(data.remaining) else {
      throw ParquetError("levels of \(length) bytes run past the end of the page")
    }
    var c = ByteCursor(try data.take(Int(length)), what: "levels")
    return try levels(&c, maximum: maximum, count: count)
  }

  private func levels(_ c: inout ByteCursor, maximum: Int, count: Int) throws(ParquetError) -> [UInt32] {
    let levels = try RLEBitPackedDecoder.decode(&c, bitWidth: RLEBitPackedDecoder.bitWidth(of: maximum), count: count)
    guard levels.allSatisfy({ $0 <= UInt32(maximum) }) else {
      throw ParquetError("a level above \(maximum) in the \(c.what)")
    }
    return levels
  }

  static func pageHeader(_ r: inout ThriftCompactReader) throws(ParquetError) -> PageHeader {
    var h = PageHeader()
    try r.readStruct { (r, id, type) throws(ParquetError) in
      switch id {
      case 1: h.type = try r.i32(type)
      case 2: h.uncompressedSize = try r.i32(type)
      case 3: h.compressedSize = try r.i32(type)
      case 5:
        try r.readStruct(type) { (r, id, type) throws(ParquetError) in
          switch id {
          case 1: h.valueCount = try r.i32(type)
          case 2: h.encoding = try r.i32(type)
          case 3: h.definitionEncoding = try r.i32(type)
          case 4: h.repetitionEncoding = try r.i32(type)
          default: try r.skip(type)
          }
        }
      case 7:
        try r.readStruct(type) { (r, id, type) throws(ParquetError) in
          if id == 1 { h.valueCount = try r.i32(type) } else { try r.skip(type) }
        }
      case 8:
        try r.readStruct(type) { (r, id, type) throws(ParquetError) in
          switch id {
          case 1: h.valueCount = try r.i32(type)
          case 4: h.encoding = try r.i32(type)
          case 5: h.definitionBytes = try r.i32(type)
          case 6: h.repetitionBytes = try r.i32(type)
          case 7: h.isCompressed = try r.bool(type)
          default: try r.skip(type)
          }
        }
      default: try r.skip(type)
      }
    }
    return h
  }
}
