import RecCore
import RecEngine

/// One `name = value` line per cell, names right-aligned to the longest, a blank line between
/// rows (sqlite's `.mode line`). Elided rows show as a line of `…`, and a footer says so.
struct LineStyle: TableStyle {
  func draw(_ table: Table, options: RenderOptions) -> String {
    let grid = TextGrid(table, options: options)
    guard grid.rowCount > 0 else { return grid.footer() + "\n" }
    let nameWidth = grid.headers.map(displayWidth).max() ?? 0
    let blocks = grid.rows.map { row in
      guard let row else { return "…\n" }
      return zip(grid.headers, row).map { padded($0, toWidth: nameWidth, right: true) + " = " + $1 + "\n" }
        .joined()
    }
    var out = blocks.joined(separator: "\n")
    if grid.isElided { out += "\n" + grid.footer() + "\n" }
    return out
  }
}
