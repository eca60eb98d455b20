import RecEngine

/// Turns result tables into text in every output format: the entry point for `.mode`.
public enum TableRenderer {
  /// The text for `table` in `format`, ending with a newline.
  /// - Complexity: O(rows × columns) for csv and json; O(shown rows × columns) for the others.
  public static func render(_ table: Table, format: OutputFormat, options: RenderOptions) -> String {
    style(for: format).draw(table, options: options)
  }

  /// The style that draws `format`.
  static func style(for format: OutputFormat) -> any TableStyle {
    switch format {
    case .box: BoxStyle()
    case .markdown: MarkdownStyle()
    case .csv: CSVStyle()
    case .json: JSONStyle()
    case .line: LineStyle()
    }
  }
}
