extension Value {
  /// The value as plain text, for segment keys and row titles.
  var text: String {
    switch self {
    case .null: ""
    case .string(let s): s
    case .int(let v), .date(let v), .time(let v), .duration(let v): String(v)
    case .float(let v): String(v)
    case .bool(let b): String(b)
    case .list(let items): items.joined(separator: ", ")
    }
  }
}
