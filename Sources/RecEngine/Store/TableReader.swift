/// Reads a data file into a `Table`, choosing the reader by format.
public enum TableReader {
  /// The table in the file at `path`.
  /// - Parameters:
  ///   - displayName: the path as the user wrote it, used in every error message.
  ///   - format: the layout; nil picks it by the file's extension, CSV when that says nothing.
  /// - Complexity: O(file size).
  public static func read(
    path: String, displayName: String, format: FileFormat?, cancellation: Cancellation = .never
  ) throws(DataError) -> Table {
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
      }
    }
  }
}
