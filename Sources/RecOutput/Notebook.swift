import RecCore
import RecEngine

/// A script run as a document that reads like a notebook (`rec run FILE --notebook report.md`):
/// each statement's source followed by what it showed, the script's comment lines as text.
///
/// The front end feeds it as the session runs — `begin` for each script, `record` for each
/// statement, `stop` for the error that ended the run — then asks for the document's files.
/// Building and rendering touch no disk and no terminal.
public struct Notebook: Sendable {
  /// The document formats, chosen by the file's extension.
  public enum Format: Sendable {
    /// GitHub-flavoured Markdown; charts as SVG files beside the document.
    case markdown
    /// One self-contained HTML file; charts inline.
    case html

    /// The format of a document at `path`: `.md` or `.markdown`, `.html` or `.htm`; nil otherwise.
    public init?(path: String) {
      let name = path.split(separator: "/").last.map(String.init) ?? path
      guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
      switch name[name.index(after: dot)...].lowercased() {
      case "md", "markdown": self = .markdown
      case "html", "htm": self = .html
      default: return nil
      }
    }
  }

  /// One part of the document.
  enum Block {
    /// The text of a run of comment lines, `#` and one space removed: Markdown.
    case prose(String)
    /// Whole source lines of one or more statements, with what they showed.
    case code(String, [Output])
    /// The error that stopped the run.
    case error(Diagnostic)
  }

  /// One script and what its statements showed.
  struct Script {
    var file: SourceFile
    var outputs: [StatementOutput] = []
    var error: Diagnostic?
  }

  var scripts: [Script] = []

  public init() {}

  /// Starts the part of the document for the script `file`.
  public mutating func begin(_ file: SourceFile) {
    scripts.append(Script(file: file))
  }

  /// Adds what one statement of the current script showed.
  public mutating func record(_ output: StatementOutput) {
    precondition(!scripts.isEmpty, "record before begin")
    scripts[scripts.count - 1].outputs.append(output)
  }

  /// Ends the document with `error`, the one that stopped the current script.
  public mutating func stop(_ error: Diagnostic) {
    precondition(!scripts.isEmpty, "stop before begin")
    scripts[scripts.count - 1].error = error
  }

  /// The document's files for a document written at `path`, the document first: for Markdown
  /// also one `NAME_files/chart-N.svg` per chart (GitHub does not draw SVG inline in Markdown),
  /// paths relative to the document's folder as `path` is.
  public func files(_ format: Format, path: String) -> [(path: String, text: String)] {
    switch format {
    case .markdown:
      let slash = path.lastIndex(of: "/")
      let folder = slash.map { String(path[...$0]) } ?? ""
      let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
      let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
      let (text, charts) = markdown(assets: stem + "_files")
      return [(path, text)] + charts.map { (folder + $0.path, $0.text) }
    case .html:
      let name = path.split(separator: "/").last.map(String.init) ?? path
      return [(path, html(title: name))]
    }
  }

  /// Each script's name and blocks, in order.
  var parts: [(name: String, blocks: [Block])] {
    scripts.map { ($0.file.name, Self.blocks(of: $0)) }
  }

  /// Cuts a script into blocks. Source lines under a recorded statement become code with its
  /// outputs; comment lines outside statements become prose (a blank line ends a paragraph);
  /// other lines are statements that never ran. A code block with no output absorbs the code
  /// after it, so definitions read as one cell with what follows. The document stops at the
  /// error: after the lines that hold it, or after the last statement run when it has no place.
  static func blocks(of script: Script) -> [Block] {
    let file = script.file
    let lineCount = file.lineStarts.count - (file.bytes.last == UInt8(ascii: "\n") ? 1 : 0)
    var starts: [Int: (last: Int, items: [Output])] = [:]
    for output in script.outputs {
      let first = file.line(of: output.range.bytes.lowerBound)
      let last = file.line(of: max(output.range.bytes.lowerBound, output.range.bytes.upperBound - 1))
      starts[first] = (last, output.items)
    }
    let errorLine = script.error?.range.flatMap { $0.file === file ? file.line(of: $0.bytes.lowerBound) : nil }
    let lastRun = script.outputs.last.map { file.line(of: $0.range.bytes.lowerBound) }
    var blocks: [Block] = []
    var prose: [String] = []
    var gap = false  // a blank line since the last code line
    func flushProse() {
      if !prose.isEmpty { blocks.append(.prose(prose.joined(separator: "\n"))) }
      prose = []
    }
    func addCode(_ text: String, _ items: [Output]) {
      flushProse()
      if case .code(let previous, let previousItems)? = blocks.last, previousItems.isEmpty {
        blocks[blocks.count - 1] = .code(previous + (gap ? "\n\n" : "\n") + text, items)
      } else {
        blocks.append(.code(text, items))
      }
      gap = false
    }
    if let error = script.error, errorLine == nil, lastRun == nil { return [.error(error)] }
    var line = 1
    while line <= lineCount {
      let text = file.lineText(line)
      let trimmed = text.drop { $0 == " " || $0 == "\t" }
      var last = line
      if let statement = starts[line] {
        last = statement.last
        addCode((line...last).map(file.lineText).joined(separator: "\n"), statement.items)
      } else if trimmed.isEmpty {
        flushProse()
        gap = true
      } else if trimmed.hasPrefix("#") {
        if !(line == 1 && trimmed.hasPrefix("#!")) { prose.append(Self.uncommented(trimmed)) }
      } else {
        addCode(text, [])
      }
      if let error = script.error, errorLine.map({ (line...last).contains($0) }) ?? (line == lastRun) {
        flushProse()
        blocks.append(.error(error))
        return blocks
      }
      line = last + 1
    }
    flushProse()
    return blocks
  }

  /// What a code block shows, with consecutive status lines gathered into one text.
  enum Shown {
    case table(Table, metricColumns: Set<String>)
    case chart(LineChart)
    /// Status lines, joined by newlines.
    case status(String)
  }

  /// `items` with each run of status lines as one.
  static func grouped(_ items: [Output]) -> [Shown] {
    var shown: [Shown] = []
    func status(_ line: String) {
      if case .status(let lines)? = shown.last {
        shown[shown.count - 1] = .status(lines + "\n" + line)
      } else {
        shown.append(.status(line))
      }
    }
    for item in items {
      switch item {
      case .table(let table, let metricColumns): shown.append(.table(table, metricColumns: metricColumns))
      case .page(let page): shown.append(.table(page.wide, metricColumns: []))
      case .chart(let chart): shown.append(.chart(chart))
      case .status(let line): status(line)
      case .warning(let diagnostic):
        var text = DiagnosticRenderer(colored: false).render(diagnostic)
        while text.hasSuffix("\n") { text.removeLast() }
        status(text)
      case .text(let text): status(text)
      }
    }
    return shown
  }

  /// The size of every chart in a document, in pixels: the size `sweep … to "FILE.svg"` writes.
  static let chartSize = (width: 640, height: 400)

  /// A comment line's text: `#` and one space after it removed, so `# ## Plan` is `## Plan`.
  static func uncommented(_ line: Substring) -> String {
    let body = line.dropFirst()
    return String(body.first == " " ? body.dropFirst() : body)
  }
}
