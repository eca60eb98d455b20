import RecCore
import RecEngine

/// A GitHub-flavoured Markdown table, padded so that its source reads aligned too, with
/// `---:` under number columns. `|` in cells is escaped; elided rows show as a row of `…`
/// and a footer paragraph says so.
struct MarkdownStyle: TableStyle {
  func draw(_ table: Table, options: RenderOptions) -> String {
    let grid = TextGrid(table, options: options) { $0.replacing("|", with: "\\|") }
    guard !grid.headers.isEmpty else { return grid.footer() + "\n" }
    let widths = grid.widths.map { max($0, 3) }
    func line(_ cells: [String]) -> String {
      let drawn = cells.indices.map { padded(cells[$0], toWidth: widths[$0], right: grid.rightAligned[$0]) }
      return "| " + drawn.joined(separator: " | ") + " |\n"
    }
    var out = line(grid.headers)
    let marks = widths.indices.map { c in
      grid.rightAligned[c]
        ? String(repeating: "-", count: widths[c] + 1) + ":" : String(repeating: "-", count: widths[c] + 2)
    }
    out += "|" + marks.joined(separator: "|") + "|\n"
    for row in grid.rows { out += line(row ?? Array(repeating: "…", count: widths.count)) }
    if grid.isElided { out += "\n" + grid.footer() + "\n" }
    return out
  }
}
