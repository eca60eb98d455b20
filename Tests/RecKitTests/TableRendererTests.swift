import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecCore
@testable import RecOutput

@Suite struct TableRendererTests {
  /// Two titles: a wide-character name, a null date, lists, a metric column and a null float.
  let titles = Table([
    ("id", Column(type: .int, ints: [7, 1042])),
    ("name", Column(type: .string, values: [.string("Good Will Hunting"), .string("千と千尋")])),
    ("genres", Column(type: .list, values: [.list(["Drama"]), .list(["Animation", "Fantasy"])])),
    ("released", Column(type: .date, ints: [CivilTime.days(year: 1997, month: 12, day: 5), Int.min])),
    ("ndcg", Column(type: .float, values: [.float(0.123456), .float(1)])),
    ("share", Column(type: .float, values: [.float(0.5), .null])),
  ])
  let metric = RenderOptions(metricColumns: ["ndcg"])

  /// Cells that need quoting or escaping in some format, and every remaining type.
  let tricky = Table([
    (
      "text",
      Column(type: .string, values: [.string("a|b"), .string("say \"hi\", ok"), .string("two\nlines")])
    ),
    ("x", Column(type: .float, values: [.float(.infinity), .float(-0.000000123456), .float(1234567.8)])),
    ("d", Column(type: .duration, ints: [7 * 86400, 93600, 45])),
    (
      "t",
      Column(type: .time, ints: [CivilTime.days(year: 2026, month: 6, day: 1) * 86400 + 66600, 59, Int.min])
    ),
    ("ok", Column(type: .bool, values: [.bool(true), .bool(false), .null])),
  ])

  /// Fifty numbered titles.
  let fifty = Table([
    ("id", Column(type: .int, ints: Array(1...50))),
    ("name", Column(type: .string, values: (1...50).map { .string("title \($0)") })),
  ])

  func render(_ table: Table, _ format: OutputFormat, _ options: RenderOptions = RenderOptions()) -> String {
    TableRenderer.render(table, format: format, options: options)
  }

  @Test func boxAlignsByDisplayWidthWithMetricsListsAndNulls() {
    #expect(
      render(titles, .box, metric) == """
        ┌──────┬───────────────────┬────────────────────┬────────────┬────────┬───────┐
        │   id │ name              │ genres             │ released   │   ndcg │ share │
        ├──────┼───────────────────┼────────────────────┼────────────┼────────┼───────┤
        │    7 │ Good Will Hunting │ Drama              │ 1997-12-05 │ 0.1235 │   0.5 │
        │ 1042 │ 千と千尋          │ Animation, Fantasy │ NULL       │ 1.0000 │  NULL │
        └──────┴───────────────────┴────────────────────┴────────────┴────────┴───────┘
        2 rows × 6 columns

        """)
  }

  @Test func boxEscapesControlCharactersAndSpellsEveryType() {
    #expect(
      render(tricky, .box) == """
        ┌──────────────┬──────────────┬───────┬─────────────────────┬───────┐
        │ text         │            x │     d │ t                   │ ok    │
        ├──────────────┼──────────────┼───────┼─────────────────────┼───────┤
        │ a|b          │          inf │    7d │ 2026-06-01T18:30    │ true  │
        │ say "hi", ok │ -1.23456e-07 │ 1d 2h │ 1970-01-01T00:00:59 │ false │
        │ two\\nlines   │      1234568 │   45s │ NULL                │ NULL  │
        └──────────────┴──────────────┴───────┴─────────────────────┴───────┘
        3 rows × 5 columns

        """)
  }

  @Test func boxFooterIsSingularForOneRowAndColumn() {
    let one = Table([("n", Column(type: .int, ints: [3]))])
    #expect(render(one, .box) == "┌───┐\n│ n │\n├───┤\n│ 3 │\n└───┘\n1 row × 1 column\n")
    let none = Table([("n", Column(type: .int, ints: []))])
    #expect(render(none, .box) == "┌───┐\n│ n │\n└───┘\n0 rows × 1 column\n")
  }

  @Test func boxElidesTheMiddleAndSaysHowToSeeAll() {
    #expect(
      render(fifty, .box, RenderOptions(maxRows: 4)) == """
        ┌────┬──────────┐
        │ id │ name     │
        ├────┼──────────┤
        │  1 │ title 1  │
        │  2 │ title 2  │
        │  … │ …        │
        │ 49 │ title 49 │
        │ 50 │ title 50 │
        └────┴──────────┘
        50 rows (4 shown) × 2 columns — use .mode csv or save NAME to "file.csv" to see all

        """)
  }

  @Test func boxShowsFirstAndLastTwentyByDefault() {
    let lines = render(fifty, .box).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 47)  // 3 header lines, 41 rows, closing rule, footer, final empty
    #expect(lines[3] == "│  1 │ title 1  │")
    #expect(lines[22] == "│ 20 │ title 20 │")
    #expect(lines[23] == "│  … │ …        │")
    #expect(lines[24] == "│ 31 │ title 31 │")
    #expect(lines[43] == "│ 50 │ title 50 │")
    #expect(
      lines[45] == "50 rows (40 shown) × 2 columns — use .mode csv or save NAME to \"file.csv\" to see all")
  }

  @Test func markdownAlignsNumbersRightAndEscapesPipes() {
    #expect(
      render(titles, .markdown, metric) == """
        |   id | name              | genres             | released   |   ndcg | share |
        |-----:|-------------------|--------------------|------------|-------:|------:|
        |    7 | Good Will Hunting | Drama              | 1997-12-05 | 0.1235 |   0.5 |
        | 1042 | 千と千尋          | Animation, Fantasy | NULL       | 1.0000 |  NULL |

        """)
    #expect(
      render(tricky, .markdown).split(separator: "\n")[2]
        == "| a\\|b         |          inf |    7d | 2026-06-01T18:30    | true  |")
  }

  @Test func markdownElidesWithAFooterParagraph() {
    #expect(
      render(fifty, .markdown, RenderOptions(maxRows: 2)) == """
        |  id | name     |
        |----:|----------|
        |   1 | title 1  |
        |   … | …        |
        |  50 | title 50 |

        50 rows (2 shown) × 2 columns — use .mode csv or save NAME to "file.csv" to see all

        """)
  }

  @Test func csvKeepsFullPrecisionAndQuotesWhenNeeded() {
    #expect(
      render(titles, .csv, metric) == """
        id,name,genres,released,ndcg,share
        7,Good Will Hunting,Drama,1997-12-05,0.123456,0.5
        1042,千と千尋,Animation|Fantasy,,1.0,

        """)
    #expect(
      render(tricky, .csv) == """
        text,x,d,t,ok
        a|b,inf,7d,2026-06-01T18:30,true
        "say ""hi"", ok",-1.23456e-07,1d 2h,1970-01-01T00:00:59,false
        "two
        lines",1234567.8,45s,,

        """)
  }

  @Test func csvNeverElides() {
    #expect(render(fifty, .csv).split(separator: "\n").count == 51)
  }

  @Test func jsonIsOneLineOfRowObjects() {
    #expect(
      render(titles, .json, metric)
        == #"[{"id":7,"name":"Good Will Hunting","genres":["Drama"],"released":"1997-12-05","ndcg":0.123456,"share":0.5},"#
        + #"{"id":1042,"name":"千と千尋","genres":["Animation","Fantasy"],"released":null,"ndcg":1.0,"share":null}]"#
        + "\n")
    #expect(
      render(tricky, .json)
        == #"[{"text":"a|b","x":null,"d":"7d","t":"2026-06-01T18:30","ok":true},"#
        + #"{"text":"say \"hi\", ok","x":-1.23456e-07,"d":"1d 2h","t":"1970-01-01T00:00:59","ok":false},"#
        + #"{"text":"two\nlines","x":1234567.8,"d":"45s","t":null,"ok":null}]"# + "\n")
    #expect(render(Table([("n", Column(type: .int, ints: []))]), .json) == "[]\n")
  }

  @Test func jsonEscapesControlCharacters() {
    #expect(CellFormatter.jsonString("a\u{1}b\\") == #""a\u0001b\\""#)
  }

  @Test func lineModeRightAlignsNames() {
    #expect(
      render(titles, .line, metric) == """
              id = 7
            name = Good Will Hunting
          genres = Drama
        released = 1997-12-05
            ndcg = 0.1235
           share = 0.5

              id = 1042
            name = 千と千尋
          genres = Animation, Fantasy
        released = NULL
            ndcg = 1.0000
           share = NULL

        """)
  }

  @Test func lineModeElidesAndCountsEmptyTables() {
    #expect(
      render(fifty, .line, RenderOptions(maxRows: 3)) == """
          id = 1
        name = title 1

          id = 2
        name = title 2

        …

          id = 50
        name = title 50

        50 rows (3 shown) × 2 columns — use .mode csv or save NAME to "file.csv" to see all

        """)
    #expect(render(Table([("n", Column(type: .int, ints: []))]), .line) == "0 rows × 1 column\n")
  }

  @Test func nullTextIsConfigurable() {
    let blank = RenderOptions(nullText: "")
    #expect(render(titles, .line, blank).contains("released = \n"))
  }

  @Test func shortNumbersKeepSixSignificantDigits() {
    let cases: [(Double, String)] = [
      (0.5, "0.5"), (12.3456789, "12.3457"), (1234567.0, "1234567"), (1234567.8, "1234568"),
      (99999.94, "99999.9"), (0.000123456, "0.000123456"), (3.0, "3"), (-0.0, "0"),
      (0.0000015, "1.5e-06"), (2.5e20, "2.5e+20"), (9.9999996e-5, "0.0001"), (-.infinity, "-inf"),
      (Double.leastNonzeroMagnitude, "4.94066e-324"), (1.7e308, "1.7e+308"),
    ]
    for (x, text) in cases { #expect(CellFormatter.shortNumber(x) == text, "\(x)") }
  }

  @Test func metricsGetExactlyFourDecimals() {
    #expect(CellFormatter.fixed(0.12345, decimals: 4) == "0.1235")
    #expect(CellFormatter.fixed(-0.00001, decimals: 4) == "0.0000")
    #expect(CellFormatter.fixed(-2, decimals: 4) == "-2.0000")
    #expect(CellFormatter.display(.float(.nan), metric: true, nullText: "NULL") == "NaN")
  }
}
