import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecOutput
@testable import RecCore
@testable import RecSyntax

@Suite struct NotebookTests {
  static let script = """
    # ## Top titles
    # What members play *most*.

    set seed 7
    from plays | take 2   # two rows

    # A row, then its page.
    row a "A"
      # the catalog
      from titles
    page p "P"
      rows a
    show page p for member 1
    sweep recall@Mx5 for M in 1..2 over p on test

    """

  static let table = Table([("title", Column(type: .int, ints: [7, 3])), ("name", Column(type: .string, values: [.string("Orbit"), .string("A|B")]))])
  static let chart = LineChart(
    title: "recall@Mx5 on test", xLabel: "M", yLabel: "recall",
    series: [.init(name: "p", points: [(1, 0.25), (2, 0.5)])])

  /// A notebook of `file` where statement `i` showed `items[i]`; statements past `items` did not run.
  static func notebook(_ file: SourceFile, _ items: [[Output]], error: Diagnostic? = nil) -> Notebook {
    let (program, _) = parse(file)
    var notebook = Notebook()
    notebook.begin(file)
    for (statement, shown) in zip(program.statements, items) {
      notebook.record(StatementOutput(range: statement.range, items: shown))
    }
    if let error { notebook.stop(error) }
    return notebook
  }

  static var outputs: [[Output]] {
    [
      [], [.table(table, metricColumns: [])], [], [],
      [.status("loaded a"), .status("  and b")], [.table(table, metricColumns: []), .chart(chart)],
    ]
  }

  @Test func formatComesFromTheExtension() {
    #expect(Notebook.Format(path: "report.md") == .markdown)
    #expect(Notebook.Format(path: "out/report.markdown") == .markdown)
    #expect(Notebook.Format(path: "report.HTML") == .html)
    #expect(Notebook.Format(path: "a.b/report.htm") == .html)
    #expect(Notebook.Format(path: "report.txt") == nil)
    #expect(Notebook.Format(path: "report") == nil)
    #expect(Notebook.Format(path: "out.md/report") == nil)
    #expect(Notebook.Format(path: ".md") == nil)
  }

  @Test func markdownInterleavesProseCodeAndOutputs() {
    let notebook = Self.notebook(SourceFile(name: "s.rec", text: Self.script), Self.outputs)
    let files = notebook.files(.markdown, path: "out/report.md")
    #expect(files.map(\.path) == ["out/report.md", "out/report_files/chart-1.svg"])
    #expect(files[1].text.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"400\""))
    #expect(
      files[0].text == """
        ## Top titles
        What members play *most*.

        ```rec
        set seed 7
        from plays | take 2   # two rows
        ```

        | title | name  |
        |------:|-------|
        |     7 | Orbit |
        |     3 | A\\|B  |

        A row, then its page.

        ```rec
        row a "A"
          # the catalog
          from titles
        page p "P"
          rows a
        show page p for member 1
        ```

        ```text
        loaded a
          and b
        ```

        ```rec
        sweep recall@Mx5 for M in 1..2 over p on test
        ```

        | title | name  |
        |------:|-------|
        |     7 | Orbit |
        |     3 | A\\|B  |

        ![recall@Mx5 on test](report_files/chart-1.svg)

        """)
  }

  @Test func htmlIsOnePageWithInlineChartsAndNoExternalResources() {
    let notebook = Self.notebook(SourceFile(name: "s.rec", text: Self.script), Self.outputs)
    let files = notebook.files(.html, path: "report.html")
    #expect(files.count == 1)
    let html = files[0].text
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"))
    #expect(html.contains("<title>report.html</title>"))
    #expect(html.contains("<h2>Top titles</h2>\n<p>What members play <em>most</em>.</p>\n"))
    #expect(html.contains("<pre class=\"code\"><code>set seed 7\nfrom plays | take 2   # two rows</code></pre>\n"))
    #expect(
      html.contains(
        "<table>\n<thead><tr><th class=\"num\">title</th><th>name</th></tr></thead>\n<tbody>\n"
          + "<tr><td class=\"num\">7</td><td>Orbit</td></tr>\n<tr><td class=\"num\">3</td><td>A|B</td></tr>\n"
          + "</tbody>\n</table>\n"))
    #expect(html.contains("<pre class=\"status\">loaded a\n  and b</pre>\n"))
    #expect(html.contains("<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(html.hasSuffix("</main>\n</body>\n</html>\n"))
    for external in ["<script", "<link", "@import", "url(", "src="] { #expect(!html.contains(external)) }
  }

  @Test func runtimeErrorEndsTheDocumentUnderItsStatement() {
    let text = "set seed 7\nfrom plays | take 2\n# never reached\nfrom plays\n"
    let file = SourceFile(name: "s.rec", text: text)
    let failing = SourceRange(file: file, bytes: 11..<16)
    let notebook = Self.notebook(file, [[], []], error: Diagnostic(.unknownTable("plays", known: []), at: failing))
    #expect(
      notebook.files(.markdown, path: "r.md")[0].text == """
        ```rec
        set seed 7
        from plays | take 2
        ```

        ```text
        s.rec:2:1: error: unknown table 'plays'
          |
        2 | from plays | take 2
          | ^~~~~
        ```

        """)
  }

  @Test func parseErrorShowsTheLinesUpToItThenStops() {
    let text = "#!/usr/bin/env rec\n# Intro\nset seed 7\nfrom plays | whre x\nfrom plays\n"
    let file = SourceFile(name: "s.rec", text: text)
    let (_, problems) = parse(file)
    let error = problems.first { $0.severity == .error }!
    let notebook = Self.notebook(file, [], error: error)
    let blocks = notebook.parts[0].blocks
    #expect(blocks.count == 3)
    guard case .prose("Intro") = blocks[0], case .code("set seed 7\nfrom plays | whre x", let items) = blocks[1],
      case .error(let shown) = blocks[2]
    else {
      Issue.record("unexpected blocks \(blocks)")
      return
    }
    #expect(items.isEmpty)
    #expect(shown.id == error.id)
  }

  @Test func errorWithoutAPlaceFollowsTheLastStatementRun() {
    let file = SourceFile(name: "s.rec", text: "set seed 7\n\nset seed 8\nset seed 9\n")
    let notebook = Self.notebook(
      file, [[.status("one")], [.status("two")]], error: Diagnostic(.fileNotFound("x.csv"), at: nil))
    let blocks = notebook.parts[0].blocks
    #expect(blocks.count == 3)
    guard case .code("set seed 8", _) = blocks[1], case .error = blocks[2] else {
      Issue.record("unexpected blocks \(blocks)")
      return
    }
  }

  @Test func severalScriptsEachGetAHeading() {
    var notebook = Notebook()
    for name in ["a.rec", "b.rec"] {
      let file = SourceFile(name: name, text: "set seed 1\n")
      notebook.begin(file)
      notebook.record(StatementOutput(range: SourceRange(file: file, bytes: 0..<10), items: [.status(name)]))
    }
    #expect(
      notebook.files(.markdown, path: "r.md")[0].text == """
        ## `a.rec`

        ```rec
        set seed 1
        ```

        ```text
        a.rec
        ```

        ## `b.rec`

        ```rec
        set seed 1
        ```

        ```text
        b.rec
        ```

        """)
  }

  @Test func fencesOutgrowBackticksInTheCode() {
    #expect(Notebook.fenced("a ``` b", info: "rec") == "````rec\na ``` b\n````")
    #expect(Notebook.fenced("plain", info: "text") == "```text\nplain\n```")
  }

  @Test func proseBecomesHTML() {
    #expect(
      NotebookProse.html("# Plan\nRun `eval` & **compare**\nwith [ranx](https://ranx.ai).\n\n- one <b>\n- two\n  more")
        == "<h1>Plan</h1>\n<p>Run <code>eval</code> &amp; <strong>compare</strong>\n"
        + "with <a href=\"https://ranx.ai\">ranx</a>.</p>\n<ul>\n<li>one &lt;b&gt;</li>\n<li>two more</li>\n</ul>\n")
    #expect(NotebookProse.html("#not a heading *x*") == "<p>#not a heading <em>x</em></p>\n")
  }

  @Test func sessionReportsWhatEachStatementShowed() throws {
    let folder = TemporaryFolder()
    folder.write("t.csv", "id,name\n1,a\n2,b\n3,c\n")
    var reports: [StatementOutput] = []
    let session = Session(options: SessionOptions(directory: folder.path)) { _, _ in }
    session.observer = { reports.append($0) }
    let file = SourceFile(name: "s.rec", text: "load table t from \"t.csv\"\nfrom t | take 2\nlet u = from t\nsave t to \"no/such/t.csv\"\nfrom t\n")
    let failure = session.run(file)
    #expect(failure != nil)
    #expect(reports.map(\.range.text) == ["load table t from \"t.csv\"", "from t | take 2", "let u = from t", "save t to \"no/such/t.csv\""])
    guard case .table(let shown, let metrics) = reports[1].items.first else {
      Issue.record("no table in \(reports[1].items)")
      return
    }
    #expect(reports[1].items.count == 1)
    #expect(shown.count == 2 && metrics.isEmpty)
    guard case .status(let line) = reports[2].items.first else {
      Issue.record("no status in \(reports[2].items)")
      return
    }
    #expect(line == "u: 3 rows × 2 columns")
    #expect(reports[3].items.isEmpty)
  }
}
