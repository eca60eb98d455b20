/// Draws diagnostics as `FILE:LINE:COL: error: message`, the source line, and a
/// caret line under the span — the one place that turns a diagnostic into text.
public struct DiagnosticRenderer: Sendable {
  /// Whether to colour the severity and the caret with ANSI escapes.
  public var colored: Bool

  public init(colored: Bool = false) { self.colored = colored }

  public func render(_ d: Diagnostic) -> String {
    var out = ""
    let label = paint(d.severity.rawValue + ":", d.severity == .error ? "31" : d.severity == .warning ? "33" : "36")
    if let range = d.range {
      let (line, column) = range.file.location(of: range.bytes.lowerBound)
      out += "\(range.file.name):\(line):\(column): \(label) \(VisibleText.of(d.message))\n"
      out += excerpt(range)
    } else {
      out += "rec: \(label) \(VisibleText.of(d.message))\n"
    }
    for note in d.notes {
      if let r = note.range {
        let (line, column) = r.file.location(of: r.bytes.lowerBound)
        out += "\(r.file.name):\(line):\(column): \(paint("note:", "36")) \(VisibleText.of(note.message))\n"
        out += excerpt(r)
      } else {
        out += "\(paint("note:", "36")) \(VisibleText.of(note.message))\n"
      }
    }
    return out
  }

  /// The gutter, the source line and the caret/underline line for `range`.
  func excerpt(_ range: SourceRange) -> String {
    let file = range.file
    let line = file.line(of: range.bytes.lowerBound)
    let lineRange = file.lineRange(line)
    let text = VisibleText.of(file.lineText(line), keepingTabs: true)
    let gutter = String(file.shownLine(line))
    let pad = String(repeating: " ", count: gutter.count)
    // The underline covers the span's part on its first line, at least one character.
    let endOffset = min(max(range.bytes.upperBound, range.bytes.lowerBound), lineRange.upperBound)
    let spanText = file.text(range.bytes.lowerBound..<max(range.bytes.lowerBound, endOffset))
    let width = max(1, displayWidth(VisibleText.of(spanText, keepingTabs: true)))
    let lead = displayWidth(
      VisibleText.of(file.text(lineRange.lowerBound..<min(range.bytes.lowerBound, lineRange.upperBound)), keepingTabs: true))
    let marks = "^" + String(repeating: "~", count: width - 1)
    return "\(pad) |\n\(gutter) | \(text)\n\(pad) | \(String(repeating: " ", count: lead))\(paint(marks, "32"))\n"
  }

  private func paint(_ s: String, _ code: String) -> String {
    colored ? "\u{1B}[1;\(code)m\(s)\u{1B}[0m" : s
  }
}
