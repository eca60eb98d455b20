/// A problem reading or writing a data file, as a value with a finished message.
///
/// The message names the file as the user wrote it and, where there is one, the
/// 1-based physical line: `bad.csv:4: row has 3 fields where the header has 4`.
/// The interpreter wraps it into a `Diagnostic` located at the path literal (or, for
/// `.mapSource`, at that entry of the `map` clause).
public struct DataError: Error, Sendable, Equatable {
  /// What went wrong, broadly; the interpreter words `fileNotFound` itself.
  public enum Kind: Sendable, Equatable {
    /// The file or folder does not exist.
    case fileNotFound
    /// The file exists but could not be read or written.
    case io
    /// The file's contents do not fit the format or the declared types.
    case malformed
    /// Entry `index` of a `map` clause names a column the file does not have.
    case mapSource(index: Int)
    /// The read was stopped (Ctrl-C) before it finished.
    case interrupted
  }

  public let kind: Kind
  /// The whole message, file name and line included.
  public let message: String
  /// The file the error is about, as the user wrote it.
  public let file: String

  public init(_ kind: Kind, file: String, _ message: String) {
    self.kind = kind
    self.file = file
    self.message = message
  }

  static func interrupted(_ file: String) -> DataError {
    DataError(.interrupted, file: file, "\(file): interrupted")
  }

  static func fileNotFound(_ file: String) -> DataError {
    DataError(.fileNotFound, file: file, "no such file '\(file)': it does not exist")
  }

  static func io(_ file: String, _ what: String) -> DataError {
    DataError(.io, file: file, "\(file): \(what)")
  }

  /// A problem with the contents at a physical line (1-based).
  static func malformed(_ file: String, line: Int, _ what: String) -> DataError {
    DataError(.malformed, file: file, "\(file):\(line): \(what)")
  }

  /// A problem with the file as a whole.
  static func malformed(_ file: String, _ what: String) -> DataError {
    DataError(.malformed, file: file, "\(file): \(what)")
  }
}
