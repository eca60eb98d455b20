import RecCore

/// A member's page drawn for the terminal: each row's title on its own line, then its titles
/// in aligned columns as far as the width allows, so the grid reads the way a member sees it.
struct PageGridText {
  /// One row: the title the member sees and the names of its titles, left to right.
  struct Row {
    var title: String
    var names: [String]

    package init(title: String, names: [String]) {
      self.title = title
      self.names = names
    }
  }

  /// The text cells of every column share; names longer than it are cut with '…'.
  static let cellWidth = 18

  var heading: String
  var rows: [Row]

  /// The drawing, fitted to `width` columns, with a footer saying how much is shown.
  func render(width: Int, hint: SeeAllHint) -> String {
    let gutter = String(rows.count).count + 2
    let fitting = max(1, (width - gutter) / (Self.cellWidth + 1))
    let widest = rows.map(\.names.count).max() ?? 0
    var out = heading + "\n"
    for (i, row) in rows.enumerated() {
      let number = String(i + 1)
      out += String(repeating: " ", count: gutter - number.count - 1) + number + " "
      out += truncated(row.title, toWidth: width - gutter) + "\n"
      let cells = row.names.prefix(fitting).map { padded(truncated($0, toWidth: Self.cellWidth), toWidth: Self.cellWidth, right: false) }
      var line = String(repeating: " ", count: gutter) + cells.joined(separator: " ")
      while line.hasSuffix(" ") { line.removeLast() }
      out += line + "\n"
    }
    var footer = "\(rows.count) row\(rows.count == 1 ? "" : "s") × \(widest) column\(widest == 1 ? "" : "s")"
    if widest > fitting {
      footer += " (\(fitting) shown)" + (hint.allCells.map { " — " + $0 } ?? "")
    }
    return out + footer + "\n"
  }
}
