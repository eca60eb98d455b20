import RecCore
import RecEngine

/// One way of drawing a result table (`.mode box`, `markdown`, `csv`, `json`, `line`).
///
/// Aligned styles render in two phases: `TextGrid` first measures every shown cell's
/// display width, then the style draws the header, the rows and its footer.
protocol TableStyle: Sendable {
  /// The text for `table`, ending with a newline.
  func draw(_ table: Table, options: RenderOptions) -> String
}

/// The measuring phase shared by the aligned styles: the shown cells as display text and
/// every column's width in terminal cells, over the header and all shown cells.
struct TextGrid {
  var headers: [String]
  /// Each column's type.
  var types: [ColumnType]
  /// Whether each column holds numbers, drawn right-aligned.
  var rightAligned: [Bool]
  /// The rows to draw, top to bottom; nil is the row of `…` standing for the hidden middle.
  var rows: [[String]?]
  /// Each column's display width: its widest header or cell.
  var widths: [Int]
  /// The table's row count, shown or not.
  var rowCount: Int
  /// How many rows the `…` row stands for; zero when every row is drawn.
  var hiddenRows: Int
  /// What the footer says to see what is left out.
  var hint: SeeAllHint

  /// Measures `table`, eliding its middle rows beyond `options.maxRows`; `escape` rewrites
  /// header and cell text before it is measured (markdown escapes `|`).
  /// - Complexity: O(shown rows × columns).
  init(_ table: Table, options: RenderOptions, escape: (String) -> String = { $0 }) {
    hint = options.hint
    headers = table.names.map { escape(VisibleText.of($0)) }
    types = table.columns.map(\.type)
    rightAligned = types.map(\.isNumeric)
    rowCount = table.count
    let metric = table.names.map { options.metricColumns.contains($0) }
    let text = { (row: Int) -> [String] in
      table.columns.indices.map { c in
        escape(
          CellFormatter.display(
            table.columns[c].value(at: row), metric: metric[c], nullText: options.nullText))
      }
    }
    if options.maxRows > 0 && table.count > options.maxRows {
      let head = (options.maxRows + 1) / 2
      rows = (0..<head).map(text) + [nil] + (table.count - options.maxRows / 2..<table.count).map(text)
      hiddenRows = table.count - options.maxRows
    } else {
      rows = (0..<table.count).map(text)
      hiddenRows = 0
    }
    widths = headers.map(displayWidth)
    for case let row? in rows {
      for (c, cell) in row.enumerated() { widths[c] = max(widths[c], displayWidth(cell)) }
    }
    if hiddenRows > 0 { widths = widths.map { max($0, 1) } }
  }

  /// Whether middle rows are hidden.
  var isElided: Bool { hiddenRows > 0 }

  /// `50 rows (40 shown) × 3 columns — use …`: the counts, with the rows hidden and how to see
  /// them. A box table wrapped into several `boxes` says so once, with the `keys` each repeats.
  func footer(boxes: Int = 1, keys: [String] = []) -> String {
    func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
    var text = plural(rowCount, "row") + (isElided ? " (\(rowCount - hiddenRows) shown)" : "")
    text += " × " + plural(headers.count, "column")
    if boxes > 1 { text += " in \(boxes) boxes" + (keys.isEmpty ? "" : " keyed by " + keys.joined(separator: ", ")) }
    if isElided, let way = hint.allRows { text += " — " + way }
    return text
  }
}
