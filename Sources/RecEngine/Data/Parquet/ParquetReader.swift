/// Reads a Parquet file, or a folder of them, into a `Table`: one column per top-level field
/// (see `ParquetSchema`), row groups decoded in parallel and joined in file order.
///
/// Every offset and length read from a file is checked before it is used, so a damaged file
/// gives an error naming the file and, where they are known, the column, the row group and
/// the page's byte offset.
enum ParquetReader {
  /// One file's bytes and what its footer says.
  struct File {
    let name: String
    let bytes: UnsafeBufferPointer<UInt8>
    let footer: ParquetFooter
    let schema: ParquetSchema
  }

  /// More rows than this many per byte of the file is damage: RLE can say a billion rows in a
  /// few bytes, and believing it would make a tiny file fill the memory.
  static let maximumRowsPerByte = 64

  /// The footer and schema of the file `name` with `bytes`.
  static func open(_ bytes: UnsafeBufferPointer<UInt8>, name: String) throws(DataError) -> File {
    do throws(ParquetError) {
      let footer = try ParquetFooter(file: bytes)
      let schema = try ParquetSchema(footer.schema)
      let cap = Int64(bytes.count) * Int64(maximumRowsPerByte) + (1 << 16)
      for (g, group) in footer.rowGroups.enumerated() {
        guard group.columns.count == schema.leaves.count else {
          throw ParquetError(
            "row group \(g + 1) has \(group.columns.count) columns where the schema has \(schema.leaves.count)")
        }
        guard group.rowCount >= 0, group.rowCount <= cap,
          group.columns.allSatisfy({ $0.valueCount >= 0 && $0.valueCount <= cap })
        else {
          throw ParquetError("row group \(g + 1) says it holds more values than a file of \(bytes.count) bytes can")
        }
      }
      return File(name: name, bytes: bytes, footer: footer, schema: schema)
    } catch {
      throw DataError.malformed(name, error.message)
    }
  }

  /// The table the files hold, one after another; they must have the same columns.
  static func read(_ files: [File]) throws(DataError) -> Table {
    guard let first = files.first else { return Table() }
    for file in files.dropFirst() where file.schema != first.schema {
      throw DataError.malformed(
        file.name,
        "its columns (\(describe(file.schema))) are not those of '\(first.name)' (\(describe(first.schema)))")
    }
    let units = files.flatMap { file in file.footer.rowGroups.indices.map { (file, $0) } }
    let parts = parallelMap(units.count) { u -> Result<[ParquetColumnPart], DataError> in
      let (file, g) = units[u]
      let group = file.footer.rowGroups[g]
      var columns: [ParquetColumnPart] = []
      for (leaf, chunk) in zip(file.schema.leaves, group.columns) {
        var decoder = ParquetPageDecoder(file: file.bytes, leaf: leaf, chunk: chunk)
        do throws(ParquetError) {
          columns.append(try decoder.read(rows: Int(group.rowCount)))
        } catch {
          let page = decoder.pageOffset > 0 ? ", page at byte \(decoder.pageOffset)" : ""
          let place = "column '\(leaf.name)', row group \(g + 1)\(page)"
          return .failure(DataError.malformed(file.name, "\(place): \(error.message)"))
        }
      }
      return .success(columns)
    }
    var byGroup: [[ParquetColumnPart]] = []
    for part in parts {
      switch part {
      case .success(let columns): byGroup.append(columns)
      case .failure(let error): throw error
      }
    }
    return Table(first.schema.leaves.enumerated().map { c, leaf in
      (leaf.name, ParquetColumnPart.join(byGroup.map { $0[c] }, leaf: leaf))
    })
  }

  private static func describe(_ schema: ParquetSchema) -> String {
    schema.leaves.map { "\($0.name) \(ParquetSchema.describe($0.physicalType))" }.joined(separator: ", ")
  }
}
