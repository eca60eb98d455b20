import RecEngine

/// One line holding a JSON array of row objects, keys in column order: `[{"a":1,"b":"x"}]`.
/// Every row is written (never elided); NaN and infinities become `null`.
struct JSONStyle: TableStyle {
  func draw(_ table: Table, options: RenderOptions) -> String {
    let keys = table.names.map { CellFormatter.jsonString($0) + ":" }
    let values = table.columns.map { CellFormatter.texts(of: $0, CellFormatter.json) }
    var out = "["
    for row in 0..<table.count {
      out += row == 0 ? "{" : ",{"
      for c in keys.indices {
        if c > 0 { out += "," }
        out += keys[c]
        out += values[c][row]
      }
      out += "}"
    }
    return out + "]\n"
  }
}
