#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a data file into a `Table`, choosing the reader by format.
public enum TableReader {
  /// The table in the file at `path`, or in the Parquet files of the folder at `path`.
  /// - Parameters:
  ///   - displayName: the path as the user wrote it, used in every error message.
  ///   - format: the layout; nil picks it by the file's extension, CSV when that says nothing
  ///     (and Parquet for a folder).
  /// - Complexity: O(file size).
  public static func read(
    path: String, displayName: String, format: FileFormat?, cancellation: Cancellation = .never
  ) throws(DataError) -> Table {
    if isFolder(path), format == nil || format == .parquet {
      return try readParquetFolder(path, displayName: displayName, cancellation: cancellation)
    }
    let bytes = try FileBytes(path: path, displayName: displayName, cancellation: cancellation)
    let format = format ?? FileFormat(path: path) ?? .csv
    return try withExtendedLifetime(bytes) { () throws(DataError) -> Table in
      switch format {
      case .csv, .tsv:
        var reader = CSVReader(format: format)
        reader.cancellation = cancellation
        return try reader.read(bytes.buffer, file: displayName)
      case .jsonl:
        let table = try JSONLinesReader().read(bytes.buffer, file: displayName)
        if cancellation.isCancelled { throw DataError.interrupted(displayName) }
        return table
      case .parquet:
        let table = try ParquetReader.read([ParquetReader.open(bytes.buffer, name: displayName)])
        if cancellation.isCancelled { throw DataError.interrupted(displayName) }
        return table
      }
    }
  }

  /// The `.parquet` files of a folder, in name order, as one table (a table written as
  /// several files, as Spark, DuckDB and bucketed layouts write them).
  private static func readParquetFolder(
    _ path: String, displayName: String, cancellation: Cancellation
  ) throws(DataError) -> Table {
    let names = parquetFiles(in: path)
    guard !names.isEmpty else { throw DataError.io(displayName, "is a folder with no .parquet files") }
    var files: [FileBytes] = []
    var opened: [ParquetReader.File] = []
    for name in names {
      let shown = FileLoader.join(displayName, name)
      let bytes = try FileBytes(path: FileLoader.join(path, name), displayName: shown, cancellation: cancellation)
      files.append(bytes)
      opened.append(try ParquetReader.open(bytes.buffer, name: shown))
    }
    let table = try withExtendedLifetime(files) { () throws(DataError) in try ParquetReader.read(opened) }
    if cancellation.isCancelled { throw DataError.interrupted(displayName) }
    return table
  }

  private static func isFolder(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
  }

  /// The names of the folder's `.parquet` files, sorted; hidden files (`.part-0.crc`) and
  /// Spark's `_SUCCESS` markers are not data.
  private static func parquetFiles(in folder: String) -> [String] {
    guard let dir = opendir(folder) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if !name.hasPrefix("."), !name.hasPrefix("_"), FileFormat(path: name) == .parquet { names.append(name) }
    }
    return names.sorted()
  }
}
