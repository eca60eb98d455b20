import RecCore

extension Notebook {
  /// The document in GitHub-flavoured Markdown: prose as written, each code block fenced as
  /// `rec`, tables as Markdown tables, status lines and errors as fenced text, and each chart as
  /// an image link to `ASSETS/chart-N.svg`, returned beside the text for the caller to write.
  func markdown(assets: String) -> (text: String, charts: [(path: String, text: String)]) {
    var paragraphs: [String] = []
    var charts: [(path: String, text: String)] = []
    let parts = self.parts
    for part in parts {
      if parts.count > 1 { paragraphs.append("## `\(part.name)`") }
      for block in part.blocks {
        switch block {
        case .prose(let text):
          paragraphs.append(text)
        case .code(let text, let items):
          paragraphs.append(Self.fenced(text, info: "rec"))
          for group in Self.grouped(items) {
            switch group {
            case .table(let table, let metricColumns):
              let options = RenderOptions(width: Int.max, metricColumns: metricColumns, hint: .none)
              paragraphs.append(String(TableRenderer.render(table, format: .markdown, options: options).dropLast()))
            case .chart(let chart):
              let path = "\(assets)/chart-\(charts.count + 1).svg"
              charts.append((path, chart.svg(width: Self.chartSize.width, height: Self.chartSize.height)))
              let alt = chart.title.replacing("[", with: "\\[").replacing("]", with: "\\]")
              paragraphs.append("![\(alt)](\(path))")
            case .status(let lines):
              paragraphs.append(Self.fenced(lines, info: "text"))
            }
          }
        case .error(let diagnostic):
          paragraphs.append(Self.fenced(String(DiagnosticRenderer().render(diagnostic).dropLast()), info: "text"))
        }
      }
    }
    return (paragraphs.joined(separator: "\n\n") + "\n", charts)
  }

  /// `text` in a code fence longer than any run of backticks inside it.
  static func fenced(_ text: String, info: String) -> String {
    var longest = 0
    var run = 0
    for ch in text {
      run = ch == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    return "\(fence)\(info)\n\(text)\n\(fence)"
  }
}
