import RecCore
import RecEngine

/// Formula metrics: `metric NAME = EXPR on pages` judges each member's page by an aggregate
/// over its cells, so a team can judge what the built-in metrics do not cover
/// (`metric top_row_hits = sum(relevant and row = 1) on pages`).
///
/// The cells have the logged-page columns (`member`, `row`, `col`, `title`, `row_title`, rows
/// and columns counted from 1) and `relevant` (the title is one the member played in test);
/// `title.…` and `member.…` reach the catalog and the members as in any query. A member whose
/// page is empty, or whose aggregate is missing, scores 0.
extension Session {
  /// Computes every formula metric of `formulas` on each of `pages`.
  func scoreFormulas(_ formulas: [FormulaMetricPlan], pages: inout [PageScores], judge: Judge) throws(Diagnostic) {
    for formula in formulas {
      for i in pages.indices {
        pages[i].formulaValues[formula.name] = try formulaScores(formula, page: pages[i], judge: judge)
      }
    }
  }

  /// `formula`'s value for each judged member (parallel to `judge.members`) on `page`.
  private func formulaScores(_ formula: FormulaMetricPlan, page: PageScores, judge: Judge) throws(Diagnostic) -> [Double] {
    let engine = queryEngine(extra: (Checker.formulaMetricTable, Self.cells(of: page, judge: judge)))
    let result = try engine.run(formula.pipeline, cancellation: cancellation)
    var byMember: [Int: Double] = [:]
    if let members = result["member"], let values = result["value"] {
      for i in 0..<result.count {
        if let m = members.int(at: i), let v = values.double(at: i), v.isFinite { byMember[m] = v }
      }
    }
    return judge.members.map { byMember[$0] ?? 0 }
  }

  /// One row per cell of every judged member's page.
  private static func cells(of page: PageScores, judge: Judge) -> Table {
    var member: [Int] = []
    var row: [Int] = []
    var col: [Int] = []
    var title: [Int] = []
    var rowTitle: [Value] = []
    var relevant: [Value] = []
    for (index, grid) in page.grids.enumerated() {
      for (r, line) in grid.rows.enumerated() {
        for (c, t) in line.titles.enumerated() {
          member.append(judge.members[index])
          row.append(r + 1)
          col.append(c + 1)
          title.append(t)
          rowTitle.append(.string(line.title))
          relevant.append(.bool(judge.relevant[index].contains(t)))
        }
      }
    }
    return Table([
      ("member", Column(type: .int, ints: member)), ("row", Column(type: .int, ints: row)),
      ("col", Column(type: .int, ints: col)), ("title", Column(type: .int, ints: title)),
      ("row_title", Column(type: .string, values: rowTitle)), ("relevant", Column(type: .bool, values: relevant)),
    ])
  }
}
