import RecCore
import RecEngine

/// The default style: Unicode box drawing, numbers right-aligned, text left-aligned, and a
/// `N rows × M columns` footer under the box. A table wider than `options.width` first has its
/// widest text columns narrowed (cells cut with `…`), then loses trailing columns.
struct BoxStyle: TableStyle {
  func draw(_ table: Table, options: RenderOptions) -> String {
    let grid = TextGrid(table, options: options)
    let widths = Self.fit(grid, within: options.width)
    var out = ""
    if !widths.isEmpty {
      out += Self.rule("┌", "┬", "┐", widths)
      out += Self.line(grid.headers, widths, rightAligned: grid.rightAligned)
      if !grid.rows.isEmpty { out += Self.rule("├", "┼", "┤", widths) }
      for row in grid.rows {
        out += Self.line(
          row ?? Array(repeating: "…", count: widths.count), widths, rightAligned: grid.rightAligned)
      }
      out += Self.rule("└", "┴", "┘", widths)
    }
    return out + grid.footer(shownColumns: widths.count) + "\n"
  }

  /// The widths of the columns to draw, leading columns only, so that the box fits in `limit`
  /// cells when it can. String and list columns narrow no further than their header (or 5
  /// cells); other columns never narrow; at least one column is always drawn.
  static func fit(_ grid: TextGrid, within limit: Int) -> [Int] {
    let floors = grid.widths.indices.map { c in
      grid.types[c] == .string || grid.types[c] == .list
        ? min(grid.widths[c], max(displayWidth(grid.headers[c]), 5)) : grid.widths[c]
    }
    // Each column costs its width plus "│ " and " " around it; the box adds one closing "│".
    func boxWidth(_ widths: ArraySlice<Int>) -> Int { widths.reduce(1) { $0 + $1 + 3 } }
    var kept = floors.count
    while kept > 1 && boxWidth(floors[..<kept]) > limit { kept -= 1 }
    var widths = Array(grid.widths[..<kept])
    var excess = boxWidth(widths[...]) - limit
    while excess > 0 {
      let narrowable = widths.indices.filter { widths[$0] > floors[$0] }
      guard let widest = narrowable.max(by: { widths[$0] < widths[$1] }) else { break }
      // Narrow the widest column down to the next widest (or its floor) before touching others.
      let next = narrowable.filter { $0 != widest }.map { widths[$0] }.max() ?? 0
      let cut = max(1, min(excess, widths[widest] - max(next, floors[widest])))
      widths[widest] -= cut
      excess -= cut
    }
    return widths
  }

  /// A horizontal rule such as `├────┼──────┤`.
  private static func rule(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> String {
    left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right + "\n"
  }

  /// One boxed line of cells, each cut to its column's width and aligned.
  private static func line(_ cells: [String], _ widths: [Int], rightAligned: [Bool]) -> String {
    let drawn = widths.indices.map { c in
      padded(truncated(cells[c], toWidth: widths[c]), toWidth: widths[c], right: rightAligned[c])
    }
    return "│ " + drawn.joined(separator: " │ ") + " │\n"
  }
}
