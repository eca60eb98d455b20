import RecCore

/// A page grid logged elsewhere (`page NAME from table T`): `member, row, col, title[, row_title]`.
///
/// Rows are ordered by `row` and titles within a row by `col`; the row's title is its first
/// `row_title`, or `row N` without that column. Rows with a missing member, row, column or
/// title are skipped.
package struct LoggedPage: PageBuilder {
  package let members: [Int]?
  private let grids: [Int: PageGrid]

  /// Indexes `table` by member; a missing or non-integer column is an error located at `range`.
  /// - Complexity: O(n log n) in the table's rows.
  package init(_ table: Table, name: String, at range: SourceRange) throws(Diagnostic) {
    func ints(_ column: String) throws(Diagnostic) -> [Int] {
      guard let c = table[column], c.type == .int, let values = c.intValues else {
        throw Diagnostic(.unknownColumn(column, in: name, known: table.names), at: range)
      }
      return values
    }
    let member = try ints("member")
    let row = try ints("row")
    let col = try ints("col")
    let title = try ints("title")
    let rowTitle = table["row_title"]
    let order = (0..<table.count)
      .filter { member[$0] != Int.min && row[$0] != Int.min && col[$0] != Int.min && title[$0] != Int.min }
      .sorted { a, b in (member[a], row[a], col[a], a) < (member[b], row[b], col[b], b) }
    var grids: [Int: PageGrid] = [:]
    var start = 0
    while start < order.count {
      let m = member[order[start]]
      var end = start
      var rows: [PageGrid.Row] = []
      while end < order.count, member[order[end]] == m {
        let r = row[order[end]]
        let label = rowTitle.map { CellFormatter.display($0.value(at: order[end]), metric: false, nullText: "") } ?? "row \(r)"
        var titles: [Int] = []
        while end < order.count, member[order[end]] == m, row[order[end]] == r {
          titles.append(title[order[end]])
          end += 1
        }
        rows.append(PageGrid.Row(title: label, titles: titles))
      }
      grids[m] = PageGrid(rows: rows)
      start = end
    }
    self.grids = grids
    self.members = grids.keys.sorted()
  }

  package func page(for member: Int) throws(Diagnostic) -> PageGrid? { grids[member] }
}
