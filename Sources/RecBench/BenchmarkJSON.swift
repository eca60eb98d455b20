import RecEngine

/// The small pieces of JSON and process accounting the benchmark line needs.
enum BenchmarkJSON {
  static func object(_ members: [(String, String)]) -> String {
    "{" + members.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
  }

  static func string(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      if c == "\"" || c == "\\" { out += "\\" }
      out.unicodeScalars.append(c)
    }
    return out + "\""
  }

  /// `v` rounded to `places` decimals, as Python's `round` then `json.dumps` would print it.
  static func number(_ v: Double, places: Int = 6) -> String {
    let scale = (0..<places).reduce(1.0) { acc, _ in acc * 10 }
    return ((v * scale).rounded() / scale).description
  }

  /// The numpy/Arrow name of a column's physical type.
  static func storageName(_ s: Column.Storage) -> String {
    switch s {
    case .int32: "int32"
    case .int64: "int64"
    case .float32: "float"
    case .float64: "double"
    case .bool: "bool"
    case .string, .list: "string"
    }
  }
}
