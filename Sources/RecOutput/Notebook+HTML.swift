import RecCore
import RecEngine

extension Notebook {
  /// The document as one self-contained HTML page: inline CSS, charts as inline SVG, no
  /// scripts and no fonts from the network, so it opens offline in any browser.
  func html(title: String) -> String {
    var body = ""
    let parts = self.parts
    for part in parts {
      if parts.count > 1 { body += "<h2 class=\"script\"><code>\(Self.escaped(part.name))</code></h2>\n" }
      for block in part.blocks {
        switch block {
        case .prose(let text):
          body += NotebookProse.html(text)
        case .code(let text, let items):
          body += "<pre class=\"code\"><code>\(Self.escaped(text))</code></pre>\n"
          for group in Self.grouped(items) {
            switch group {
            case .table(let table, let metricColumns):
              body += Self.htmlTable(table, options: RenderOptions(width: Int.max, metricColumns: metricColumns, hint: .none))
            case .chart(let chart):
              body += "<figure>\n" + chart.svg(width: Self.chartSize.width, height: Self.chartSize.height)
                + "</figure>\n"
            case .status(let lines):
              body += "<pre class=\"status\">\(Self.escaped(lines))</pre>\n"
            }
          }
        case .error(let diagnostic):
          body += "<pre class=\"error\">\(Self.escaped(String(DiagnosticRenderer().render(diagnostic).dropLast())))</pre>\n"
        }
      }
    }
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(Self.escaped(title))</title>
      <style>
      \(Self.style)
      </style>
      </head>
      <body>
      <main>
      \(body)</main>
      </body>
      </html>

      """
  }

  /// A result table: header, cells (numbers right-aligned), a row of `…` for hidden middle
  /// rows with a footer saying so — the same cells the Markdown table shows.
  static func htmlTable(_ table: Table, options: RenderOptions) -> String {
    let grid = TextGrid(table, options: options, escape: escaped)
    func cell(_ tag: String, _ text: String, _ column: Int) -> String {
      grid.rightAligned[column] ? "<\(tag) class=\"num\">\(text)</\(tag)>" : "<\(tag)>\(text)</\(tag)>"
    }
    var out = "<table>\n<thead><tr>" + grid.headers.indices.map { cell("th", grid.headers[$0], $0) }.joined()
    out += "</tr></thead>\n<tbody>\n"
    for row in grid.rows {
      let cells = row ?? Array(repeating: "…", count: grid.headers.count)
      out += "<tr>" + cells.indices.map { cell("td", cells[$0], $0) }.joined() + "</tr>\n"
    }
    out += "</tbody>\n</table>\n"
    if grid.isElided || grid.headers.isEmpty {
      out += "<p class=\"footer\">\(escaped(grid.footer()))</p>\n"
    }
    return out
  }

  /// `s` safe in HTML text and attribute values.
  static func escaped(_ s: String) -> String { SVGChart.escaped(s) }

  /// The page's whole style sheet: system fonts only.
  static let style = """
    body { margin: 0; background: #fff; color: #1f2328;
      font: 16px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
    main { max-width: 980px; margin: 0 auto; padding: 32px 24px; }
    h1, h2, h3 { line-height: 1.25; margin: 1.5em 0 0.5em; }
    h1, h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: 0.3em; }
    pre { padding: 12px 16px; overflow-x: auto; border-radius: 6px;
      font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    pre.code { background: #f6f8fa; border-left: 4px solid #4e79a7; }
    pre.status { background: #fff; color: #59636e; border: 1px solid #d1d9e0; }
    pre.error { background: #fff5f5; color: #a40e26; border: 1px solid #f5c2c7; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
    table { border-collapse: collapse; margin: 12px 0; font-size: 14px; display: block; overflow-x: auto; }
    th, td { border: 1px solid #d1d9e0; padding: 4px 10px; text-align: left; white-space: nowrap; }
    th { background: #f6f8fa; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    tbody tr:nth-child(even) { background: #fbfcfd; }
    p.footer { color: #59636e; font-size: 14px; }
    figure { margin: 12px 0; }
    figure svg { max-width: 100%; height: auto; }
    """
}
