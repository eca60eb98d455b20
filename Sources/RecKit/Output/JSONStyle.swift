/// One line holding a JSON array of row objects, keys in column order: `[{"a":1,"b":"x"}]`.
/// Every row is written (never elided); NaN and infinities become `null`.
struct JSONStyle: TableStyle {
  func draw(_ table: Table, options: RenderOptions) -> String {
    let keys = table.names.map { CellFormatter.jsonString($0) + ":" }
    var out = "["
    for row in 0..<table.count {
      if row > 0 { out += "," }
      out += "{"
      for (c, column) in table.columns.enumerated() {
        if c > 0 { out += "," }
        out += keys[c] + CellFormatter.json(column.value(at: row))
      }
      out += "}"
    }
    return out + "]\n"
  }
}
