import RecEngine

/// RFC 4180 CSV: a header line, then every row (never elided), no footer. Fields holding a
/// comma, a quote or a line break are quoted, with quotes doubled. Lines end with `\n`.
struct CSVStyle: TableStyle {
  func draw(_ table: Table, options: RenderOptions) -> String {
    let fields = table.columns.map { CellFormatter.texts(of: $0) { Self.field(CellFormatter.csv($0)) } }
    var out = table.names.map(Self.field).joined(separator: ",") + "\n"
    for row in 0..<table.count {
      for c in fields.indices {
        if c > 0 { out += "," }
        out += fields[c][row]
      }
      out += "\n"
    }
    return out
  }

  /// `text` as one CSV field, quoted when it must be.
  static func field(_ text: String) -> String {
    let special = text.utf8.contains {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13
    }
    return special ? "\"" + text.replacing("\"", with: "\"\"") + "\"" : text
  }
}
