import RecCore
import RecEngine

/// The default style: Unicode box drawing, numbers right-aligned, text left-aligned, and a
/// `N rows × M columns` footer under the box. A table wider than `options.width` is wrapped into
/// several boxes that repeat its key columns (`BoxLayout`); the footer, once under the last
/// box, says so.
struct BoxStyle: TableStyle {
  func draw(_ table: Table, options: RenderOptions) -> String {
    let grid = TextGrid(table, options: options)
    let layout = BoxLayout(grid, within: options.width)
    var out = ""
    for box in layout.boxes { out += Self.draw(box, of: grid) }
    return out + grid.footer(boxes: layout.boxes.count, keys: Array(grid.headers[..<layout.keyCount])) + "\n"
  }

  /// One box: its header, then its rows; rows that take several lines are ruled apart so that
  /// each reads as one.
  private static func draw(_ box: BoxLayout.Box, of grid: TextGrid) -> String {
    let widths = box.widths
    guard !widths.isEmpty else { return "" }
    let right = box.columns.map { grid.rightAligned[$0] }
    let rows = grid.rows.map { row in lines(box.columns.map { row?[$0] ?? "…" }, widths, rightAligned: right) }
    let ruled = rows.contains { $0.count > 1 }
    var out = rule("┌", "┬", "┐", widths)
    out += lines(box.columns.map { grid.headers[$0] }, widths, rightAligned: right).joined()
    if !rows.isEmpty { out += rule("├", "┼", "┤", widths) }
    for (i, row) in rows.enumerated() {
      if ruled && i > 0 { out += rule("├", "┼", "┤", widths) }
      out += row.joined()
    }
    return out + rule("└", "┴", "┘", widths)
  }

  /// A horizontal rule such as `├────┼──────┤`.
  private static func rule(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> String {
    left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right + "\n"
  }

  /// One row of cells as boxed lines: a cell wider than its column wraps onto further lines,
  /// and the other cells of the row are blank on those lines.
  private static func lines(_ cells: [String], _ widths: [Int], rightAligned: [Bool]) -> [String] {
    let pieces = zip(cells, widths).map { cell, width in
      displayWidth(cell) > width ? wrapped(cell, toWidth: width) : [cell]
    }
    let height = pieces.map(\.count).max() ?? 1
    return (0..<height).map { line in
      let drawn = widths.indices.map { c in
        padded(line < pieces[c].count ? pieces[c][line] : "", toWidth: widths[c], right: rightAligned[c])
      }
      return "│ " + drawn.joined(separator: " │ ") + " │\n"
    }
  }
}
