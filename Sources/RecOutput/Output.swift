import RecCore
import RecEngine

/// One thing a statement shows, as a value. The terminal, every `--format` mode and the notebook
/// draw these with one set of rules (`Presenter`); the engine and the session never draw.
public enum Output: Sendable {
  /// A result table; floats in `metricColumns` are metric values (4 decimals in text formats).
  case table(Table, metricColumns: Set<String>)
  /// A member's page: each row's title and its titles' names.
  case page(PageView)
  /// A chart (`sweep`, `simulate`).
  case chart(LineChart)
  /// What a statement did: what was loaded, saved or dropped, how long it took.
  case status(String)
  /// A problem that does not stop the statement, located where it is.
  case warning(Diagnostic)
  /// Text about the session rather than a result (help, the listings of dot-commands).
  case text(String)
}

/// A member's page as the member sees it: rows in order, each with its title and its titles
/// left to right (id and name).
public struct PageView: Sendable {
  public struct Row: Sendable {
    public var title: String
    public var titles: [(id: Int, name: String?)]

    public init(title: String, titles: [(id: Int, name: String?)]) {
      self.title = title
      self.titles = titles
    }
  }

  /// "page home for member 42".
  public var heading: String
  public var rows: [Row]

  public init(heading: String, rows: [Row]) {
    self.heading = heading
    self.rows = rows
  }

  /// One record per cell: `row, row_title, col, title, name` (for csv and json).
  var cells: Table {
    var cells: [(Int, String, Int, Int, String?)] = []
    for (r, row) in rows.enumerated() {
      for (c, t) in row.titles.enumerated() { cells.append((r + 1, row.title, c + 1, t.id, t.name)) }
    }
    return Table([
      ("row", Column(type: .int, ints: cells.map(\.0))),
      ("row_title", Column(type: .string, values: cells.map { .string($0.1) })),
      ("col", Column(type: .int, ints: cells.map(\.2))),
      ("title", Column(type: .int, ints: cells.map(\.3))),
      ("name", Column(type: .string, values: cells.map { $0.4.map(Value.string) ?? .null })),
    ])
  }

  /// One table row per page row: the row's title, then one column per slot (title names).
  var wide: Table {
    let width = rows.map(\.titles.count).max() ?? 0
    var columns: [(String, Column)] = [("row", Column(type: .string, values: rows.map { .string($0.title) }))]
    for c in 0..<width {
      columns.append(
        (
          String(c + 1),
          Column(
            type: .string,
            values: rows.map { row in
              c < row.titles.count ? .string(row.titles[c].name ?? "#\(row.titles[c].id)") : .null
            })
        ))
    }
    return Table(columns)
  }
}
