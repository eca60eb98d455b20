/// RFC 4180 CSV: a header line, then every row (never elided), no footer. Fields holding a
/// comma, a quote or a line break are quoted, with quotes doubled. Lines end with `\n`.
struct CSVStyle: TableStyle {
  func draw(_ table: Table, options: RenderOptions) -> String {
    var out = table.names.map(Self.field).joined(separator: ",") + "\n"
    for row in 0..<table.count {
      out +=
        table.columns.map { Self.field(CellFormatter.csv($0.value(at: row))) }.joined(separator: ",") + "\n"
    }
    return out
  }

  /// `text` as one CSV field, quoted when it must be.
  static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
    return "\"" + text.replacing("\"", with: "\"\"") + "\""
  }
}
