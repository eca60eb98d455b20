/// What is wrong with a Parquet file, worded without the file's name: the reader adds the file,
/// and where it knows them the column, row group and page (`ParquetReader.located`).
struct ParquetError: Error, Sendable {
  var message: String

  init(_ message: String) { self.message = message }
}
