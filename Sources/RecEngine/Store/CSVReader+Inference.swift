/// Type inference: each column's kind is the narrowest that holds every value in the file.
extension CSVReader {
  /// What a column's text fields are parsed as.
  enum FieldKind: UInt8, Sendable {
    /// Every value so far was missing.
    case unknown
    case bool, int, float, date, time, string
    /// `sep`-separated strings (set by name or declaration, never inferred).
    case list

    /// The narrowest kind holding values of both: int and float make float, date and time
    /// make time, anything else mixed makes string.
    func join(_ other: FieldKind) -> FieldKind {
      if self == other || other == .unknown { return self }
      if self == .unknown { return other }
      switch (self, other) {
      case (.int, .float), (.float, .int): return .float
      case (.date, .time), (.time, .date): return .time
      default: return .string
      }
    }

    /// How a value of this kind is described in "expected an integer, found 'x1'".
    var expectation: String {
      switch self {
      case .bool: "true or false"
      case .int: "an integer"
      case .float: "a number"
      case .date: "a date like 2026-06-01"
      case .time: "a time like 2026-06-01T18:30"
      case .unknown, .string, .list: "text"
      }
    }
  }

  /// How one column is to be read.
  enum ColumnSpec: Sendable, Equatable {
    /// The narrowest kind that fits every value.
    case infer
    /// Exactly this kind; a value that does not fit is an error.
    case fixed(FieldKind)
    /// An identifier: integers when every value is one, else strings.
    case token
    /// Strings split on `separator` into a list.
    case list(separator: UInt8)
  }

  /// Columns read as `|`-separated lists because of their name.
  static let listColumnNames: Set<String> = ["genres", "cast", "directors", "tags"]

  /// Columns whose integers are Unix seconds.
  static let unixTimeColumnNames: Set<String> = ["at", "timestamp"]

  /// The kind of a single non-empty value: the first of bool, int, float, date, time that
  /// parses it, else string.
  static func classify(_ p: UnsafePointer<UInt8>, _ n: Int) -> FieldKind {
    if parseBool(p, n) != nil { return .bool }
    if parseInt(p, n) != nil { return .int }
    if parseDouble(p, n) != nil { return .float }
    if parseDate(p, n) != nil { return .date }
    if parseTime(p, n) != nil { return .time }
    return .string
  }
}
