import Testing

@testable import RecCore
@testable import RecEngine
@testable import RecOutput

/// A box table wider than the terminal wraps into boxes under its key columns, and a text
/// column too wide to stand beside the keys wraps inside its cells.
@Suite struct BoxWrappingTests {
  /// An evaluation by segment: two key columns, then numbers and a flag.
  let eval = Table([
    ("page", Column(type: .string, values: [.string("rules"), .string("ranked")])),
    ("country", Column(type: .string, values: [.string("BR"), .string("US")])),
    ("members", Column(type: .int, ints: [12, 30])),
    ("recall@4x5", Column(type: .float, values: [.float(0.25), .float(0.3125)])),
    ("Δ recall@4x5", Column(type: .float, values: [.null, .float(0.0625)])),
    ("p recall@4x5", Column(type: .float, values: [.null, .float(0.041)])),
    ("sig recall@4x5", Column(type: .string, values: [.string(""), .string("*")])),
  ])

  /// Rows of a page with long reasons, named by their titles.
  let reasons = Table([
    ("row_title", Column(type: .string, values: [.string("Top 10 today"), .string("Drama picks")])),
    ("slot", Column(type: .int, values: [.int(1), .null])),
    (
      "outcome",
      Column(type: .string, values: [.string("placed in row 1"), .string("dropped: similarity 0.74 > 0.50")])
    ),
    (
      "terms",
      Column(
        type: .string,
        values: [
          .string("base +1.50, relevance +0.30, relevance * freshness -0.02"), .string("base +1.50, position -0.12"),
        ])
    ),
  ])

  func render(_ table: Table, width: Int, maxRows: Int = 40) -> String {
    TableRenderer.render(
      table, format: .box, options: RenderOptions(width: width, maxRows: maxRows, metricColumns: ["recall@4x5"]))
  }

  @Test func wideTablesWrapIntoBoxesUnderTheirLeadingTextColumns() {
    #expect(
      render(eval, width: 60) == """
        ┌────────┬─────────┬─────────┬────────────┬──────────────┐
        │ page   │ country │ members │ recall@4x5 │ Δ recall@4x5 │
        ├────────┼─────────┼─────────┼────────────┼──────────────┤
        │ rules  │ BR      │      12 │     0.2500 │         NULL │
        │ ranked │ US      │      30 │     0.3125 │       0.0625 │
        └────────┴─────────┴─────────┴────────────┴──────────────┘
        ┌────────┬─────────┬──────────────┬────────────────┐
        │ page   │ country │ p recall@4x5 │ sig recall@4x5 │
        ├────────┼─────────┼──────────────┼────────────────┤
        │ rules  │ BR      │         NULL │                │
        │ ranked │ US      │        0.041 │ *              │
        └────────┴─────────┴──────────────┴────────────────┘
        2 rows × 7 columns in 2 boxes keyed by page, country

        """)
  }

  @Test func aNumericFirstColumnIsTheKeyAndNoTextIsCut() {
    let titles = TableRendererTests().titles
    #expect(
      TableRenderer.render(titles, format: .box, options: RenderOptions(width: 60)) == """
        ┌──────┬───────────────────┬────────────────────┐
        │   id │ name              │ genres             │
        ├──────┼───────────────────┼────────────────────┤
        │    7 │ Good Will Hunting │ Drama              │
        │ 1042 │ 千と千尋          │ Animation, Fantasy │
        └──────┴───────────────────┴────────────────────┘
        ┌──────┬────────────┬──────────┬───────┐
        │   id │ released   │     ndcg │ share │
        ├──────┼────────────┼──────────┼───────┤
        │    7 │ 1997-12-05 │ 0.123456 │   0.5 │
        │ 1042 │ NULL       │        1 │  NULL │
        └──────┴────────────┴──────────┴───────┘
        2 rows × 6 columns in 2 boxes keyed by id

        """)
  }

  @Test func textTooWideBesideTheKeysWrapsInItsCellsAtListItems() {
    #expect(
      render(reasons, width: 60) == """
        ┌──────────────┬──────┬─────────────────────────────────┐
        │ row_title    │ slot │ outcome                         │
        ├──────────────┼──────┼─────────────────────────────────┤
        │ Top 10 today │    1 │ placed in row 1                 │
        │ Drama picks  │ NULL │ dropped: similarity 0.74 > 0.50 │
        └──────────────┴──────┴─────────────────────────────────┘
        ┌──────────────┬──────────────────────────────┐
        │ row_title    │ terms                        │
        ├──────────────┼──────────────────────────────┤
        │ Top 10 today │ base +1.50, relevance +0.30, │
        │              │ relevance * freshness -0.02  │
        ├──────────────┼──────────────────────────────┤
        │ Drama picks  │ base +1.50, position -0.12   │
        └──────────────┴──────────────────────────────┘
        2 rows × 4 columns in 2 boxes keyed by row_title

        """)
  }

  @Test func keysTakeAtMostHalfTheWidth() {
    let text = render(reasons, width: 20)
    #expect(text.hasSuffix("\n2 rows × 4 columns in 4 boxes\n"))
    #expect(text.split(separator: "\n").allSatisfy { displayWidth(String($0)) <= 20 || $0.hasPrefix("2 rows") })
    #expect(!text.contains("…"))
  }

  @Test func theFooterSaysTheShapeOnceWithTheHiddenRows() {
    let text = render(eval, width: 60, maxRows: 1)
    #expect(text.components(separatedBy: "rows").count == 2)
    #expect(
      text.hasSuffix(
        "└───────┴─────────┴──────────────┴────────────────┘\n"
          + "2 rows (1 shown) × 7 columns in 2 boxes keyed by page, country — "
          + "use .mode csv or save NAME to \"file.csv\" to see all\n"))
  }

  @Test func wrappingBreaksAfterItemsThenAtSpacesThenInsideWords() {
    #expect(wrapped("a b, c d, e", toWidth: 5) == ["a b,", "c d,", "e"])
    #expect(wrapped("one two three", toWidth: 7) == ["one two", "three"])
    #expect(wrapped("abcdefgh", toWidth: 3) == ["abc", "def", "gh"])
    #expect(wrapped("千と千尋", toWidth: 5) == ["千と", "千尋"])
    #expect(wrapped("千", toWidth: 1) == ["千"])
    #expect(wrapped("", toWidth: 4) == [""])
  }
}
