/// Reads a data file into a `Table`, choosing the reader by format.
public enum TableReader {
  /// The table in the file at `path`.
  /// - Parameters:
  ///   - displayName: the path as the user wrote it, used in every error message.
  ///   - format: the layout; nil picks it by the file's extension, CSV when that says nothing.
  /// - Complexity: O(file size).
  public static func read(path: String, displayName: String, format: FileFormat?) throws(DataError) -> Table {
    let bytes = try FileBytes(path: path, displayName: displayName)
    let format = format ?? FileFormat(path: path) ?? .csv
    return try withExtendedLifetime(bytes) { () throws(DataError) -> Table in
      switch format {
      case .csv, .tsv: try CSVReader(format: format).read(bytes.buffer, file: displayName)
      case .jsonl: try JSONLinesReader().read(bytes.buffer, file: displayName)
      }
    }
  }
}
