import RecCore

/// Where the columns of a box table go on a terminal `limit` cells wide.
///
/// A table that fits is one box. A wider one keeps its *key* columns — the columns that name a
/// row — and wraps the other columns, in order, into further boxes under the same keys, each
/// box as wide as fits; no column is dropped. The keys are the leading non-numeric columns
/// (`page`, `country`; `row_title`, `row`), or the first column alone when it holds numbers (an
/// id such as `member`), taken left to right while their box stays within half the width, so
/// that every box has room for the columns it carries. Only a column too wide to stand beside
/// the keys on its own is narrowed, to the width left, its text wrapped onto further lines of
/// its cells (a number, date or flag is never narrowed).
struct BoxLayout {
  /// One box: its columns, keys first, and the width each is drawn at.
  struct Box {
    var columns: [Int]
    var widths: [Int]
  }

  /// How many leading columns every box repeats: zero when the table fits in one box.
  var keyCount: Int
  var boxes: [Box]

  /// A wrapped text column keeps at least this many cells, however narrow the terminal.
  static let narrowestWrap = 10

  /// - Complexity: O(columns), plus O(shown rows) for each column it wraps.
  init(_ grid: TextGrid, within limit: Int) {
    let widths = grid.widths
    func boxWidth(_ columns: [Int]) -> Int { Self.boxWidth(columns.map { widths[$0] }) }
    guard !widths.isEmpty, boxWidth(Array(widths.indices)) > limit else {
      keyCount = 0
      boxes = [Box(columns: Array(widths.indices), widths: widths)]
      return
    }
    let keys = Array(0..<Self.keyCount(grid, within: limit))
    let keysWidth = boxWidth(keys)
    var groups: [[Int]] = []
    var current: [Int] = []
    var used = keysWidth
    for c in keys.count..<widths.count {
      if !current.isEmpty && used + widths[c] + 3 > limit {
        groups.append(current)
        current = []
        used = keysWidth
      }
      current.append(c)
      used += widths[c] + 3
    }
    groups.append(current)
    keyCount = keys.count
    boxes = groups.map { group in
      var drawn = (keys + group).map { widths[$0] }
      // Greedy packing leaves a box too wide only when it holds one column beside the keys.
      if let last = group.last, group.count == 1, grid.types[last] == .string || grid.types[last] == .list {
        let room = min(widths[last], max(limit - keysWidth - 3, Self.narrowestWrap))
        drawn[drawn.count - 1] = Self.wrappedWidth(grid, column: last, within: room)
      }
      return Box(columns: keys + group, widths: drawn)
    }
  }

  /// The leading columns that name a row, as many as fit in half of `limit`; never every column.
  private static func keyCount(_ grid: TextGrid, within limit: Int) -> Int {
    let textColumns = grid.types.prefix { !$0.isNumeric }.count
    let candidates = min(max(textColumns, 1), grid.widths.count - 1)
    var count = 0
    while count < candidates && boxWidth(Array(grid.widths[...count])) <= limit / 2 { count += 1 }
    return count
  }

  /// The width of `column` wrapped to `room` cells: its widest line, which is often narrower.
  /// - Complexity: O(shown rows).
  private static func wrappedWidth(_ grid: TextGrid, column: Int, within room: Int) -> Int {
    let cells = [grid.headers[column]] + grid.rows.map { $0?[column] ?? "…" }
    return cells.map { cell in wrapped(cell, toWidth: room).map(displayWidth).max() ?? 0 }.max() ?? room
  }

  /// A box's width in cells: each column with `│ ` before and ` ` after, and the closing `│`.
  static func boxWidth(_ widths: [Int]) -> Int { widths.reduce(1) { $0 + $1 + 3 } }
}
