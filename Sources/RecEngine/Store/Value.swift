/// One cell's value, as the interpreter and the renderers see it.
///
/// Columns store typed arrays (see `Column`); a `Value` is made only at the
/// edges: printing, expression constants, and row-at-a-time fallbacks.
public enum Value: Hashable, Sendable {
  case null
  case int(Int)
  case float(Double)
  case bool(Bool)
  case string(String)
  /// Days since 1970-01-01.
  case date(Int)
  /// Seconds since 1970-01-01T00:00 UTC.
  case time(Int)
  /// Seconds.
  case duration(Int)
  case list([String])

  /// The logical type of the value; nil for null.
  public var type: ColumnType? {
    switch self {
    case .null: nil
    case .int: .int
    case .float: .float
    case .bool: .bool
    case .string: .string
    case .date: .date
    case .time: .time
    case .duration: .duration
    case .list: .list
    }
  }

  /// The value as an exact integer: ints, dates, times, durations and bools; nil for others
  /// (a float is not an integer, however whole).
  public var integer: Int? {
    switch self {
    case .int(let v), .date(let v), .time(let v), .duration(let v): v
    case .bool(let b): b ? 1 : 0
    default: nil
    }
  }

  /// The value as a number, for arithmetic and comparisons across int and float.
  public var number: Double? {
    switch self {
    case .int(let v), .date(let v), .time(let v), .duration(let v): Double(v)
    case .float(let v): v.isNaN ? nil : v
    case .bool(let b): b ? 1 : 0
    default: nil
    }
  }

  public var isNull: Bool { if case .null = self { true } else { false } }
}

extension Value {
  /// The order of `min`, `max` and of keys in `uplift of`: text by text, whole values (ints,
  /// dates, times) exactly, other numbers as numbers (a missing value as 0).
  package func sortsBefore(_ other: Value) -> Bool {
    if case .string(let x) = self, case .string(let y) = other { return x < y }
    if let x = integer, let y = other.integer { return x < y }
    return (number ?? 0) < (other.number ?? 0)
  }
}
