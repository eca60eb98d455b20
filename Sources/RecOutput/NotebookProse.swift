/// The Markdown a script's comments may hold, drawn as HTML for the HTML notebook: headings
/// (`#` to `######`), bullet lists (`-` or `*`), paragraphs, and inline `code`, **strong**,
/// *emphasis* and [links](url). Anything else is shown as the text it is, escaped.
package enum NotebookProse {
  /// The HTML of `markdown`: blocks separated by blank lines, lines of a paragraph joined.
  static func html(_ markdown: String) -> String {
    var out = ""
    var paragraph: [String] = []
    var items: [String] = []
    func flush() {
      if !paragraph.isEmpty { out += "<p>\(paragraph.map(inline).joined(separator: "\n"))</p>\n" }
      if !items.isEmpty { out += "<ul>\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</ul>\n" }
      paragraph = []
      items = []
    }
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      let text = line.trimmingPrefix(while: { $0 == " " })
      let hashes = text.prefix(while: { $0 == "#" }).count
      if text.isEmpty {
        flush()
      } else if (1...6).contains(hashes), text.dropFirst(hashes).first == " " {
        flush()
        out += "<h\(hashes)>\(inline(String(text.dropFirst(hashes + 1))))</h\(hashes)>\n"
      } else if text.hasPrefix("- ") || text.hasPrefix("* ") {
        if !paragraph.isEmpty { flush() }
        items.append(String(text.dropFirst(2)))
      } else if !items.isEmpty && line.hasPrefix(" ") {
        items[items.count - 1] += " " + text  // a list item's continuation line
      } else {
        if !items.isEmpty { flush() }
        paragraph.append(String(text))
      }
    }
    flush()
    return out
  }

  /// Inline spans of one line: code first (its text is literal), then links, strong, emphasis.
  static func inline(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    while let tick = rest.firstIndex(of: "`") {
      guard let close = rest[rest.index(after: tick)...].firstIndex(of: "`") else { break }
      out += spans(String(rest[..<tick]))
      out += "<code>\(Notebook.escaped(String(rest[rest.index(after: tick)..<close])))</code>"
      rest = rest[rest.index(after: close)...]
    }
    return out + spans(String(rest))
  }

  /// Links, `**strong**` and `*emphasis*` in text without code spans.
  private static func spans(_ text: String) -> String {
    var s = Notebook.escaped(text)
    s = s.replacing(/\[([^\]]+)\]\(([^)\s]+)\)/) { "<a href=\"\($0.2)\">\($0.1)</a>" }
    s = s.replacing(/\*\*([^*]+)\*\*/) { "<strong>\($0.1)</strong>" }
    s = s.replacing(/\*([^*\s][^*]*)\*/) { "<em>\($0.1)</em>" }
    return s
  }
}
