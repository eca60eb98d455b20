/// An expression after binding: every name resolved to a column, a key lookup or a
/// function, every node typed. Only the binder makes these, so the evaluator never
/// meets an unknown name.
struct BoundExpr: Sendable {
  indirect enum Kind: Sendable {
    /// A column of the table the expression is evaluated over.
    case column(String)
    case constant(Value)
    /// The data's "now", as a time.
    case now
    /// Dotted access: the row of `table` whose `id` equals `key`, column `column` of it.
    case lookup(key: BoundExpr, table: String, column: String)
    /// A list literal of constants; only the right side of `in`.
    case list([Value])
    /// A date read as the time of its midnight, to compare or subtract with times.
    case midnight(BoundExpr)
    case negate(BoundExpr)
    case not(BoundExpr)
    case binary(BinaryOperator, BoundExpr, BoundExpr)
    case call(ScalarFunction, [BoundExpr])
  }

  var kind: Kind
  var type: ColumnType
  var range: SourceRange

  init(_ kind: Kind, _ type: ColumnType, _ range: SourceRange) {
    self.kind = kind
    self.type = type
    self.range = range
  }

  /// The key column this expression reads last, for dotted access (`member`, or `title`
  /// at the end of `x.title`); nil when it is not a plain column read.
  var keyName: String? {
    switch kind {
    case .column(let name), .lookup(_, _, let name): name
    default: nil
    }
  }

  /// How errors name this operand: "column 'name'", or nil when it is not a column.
  var culprit: String? {
    switch kind {
    case .column: "column '\(range.text)'"
    case .lookup: "column '\(range.text)'"
    default: nil
    }
  }
}

extension ColumnType {
  /// The word errors use for values of this type: "cannot add text to number".
  var noun: String {
    switch self {
    case .int, .float: "number"
    case .string: "text"
    case .bool: "true/false"
    case .date: "date"
    case .time: "time"
    case .duration: "duration"
    case .list: "list"
    }
  }

  /// Whether the values are integers underneath (int, date, time, duration, bool).
  var isIntBacked: Bool {
    switch self {
    case .int, .date, .time, .duration, .bool: true
    default: false
    }
  }
}
