import Foundation
import RecCore
import RecEngine
import RecOutput
import RecSyntax

/// The REPL's dot-commands: `Session.runDotCommand` looks the command up in `DotCommand.all`
/// and runs its handler, one method below per command.
///
/// Listings (`.tables`, `.schema`, `.defs`, `.history`) are plain aligned text, as in sqlite's
/// shell: they describe the session rather than being results, so `.mode` does not apply.
extension Session {
  /// Whether `line` is a dot-command: its first non-blank character is `.`.
  public static func isDotCommand(_ line: String) -> Bool {
    line.first { $0 != " " && $0 != "\t" } == "."
  }

  /// Runs the dot-command on `line` (`.tables`, `.schema plays`, …); writes its output through
  /// the session's output and returns what the front end should do next. A blank line does nothing.
  /// - Parameter name: the source name diagnostics show, `<stdin>` at the prompt.
  public func runDotCommand(_ line: String, source name: String = "<stdin>", firstLine: Int = 1) -> DotCommandOutcome {
    let file = SourceFile(name: name, text: line, firstLine: firstLine)
    guard let words = DotCommandLine(file) else { return .ok }
    guard let command = DotCommand.named(words.name.text) else {
      let known = DotCommand.all.map(\.name)
      return .failed(Diagnostic(.unknownDotCommand(words.name.text, known: known), at: words.name.range))
    }
    switch command.handler(self, words) {
    case .ok:
      return .ok
    case .quit:
      return .quit
    case .usage:
      let range = words.arguments.last.map { words.name.range.union($0.range) } ?? words.name.range
      return .failed(Diagnostic(.dotCommandUsage(command.usage), at: range))
    case .failed(let diagnostic):
      return .failed(diagnostic)
    }
  }

  // MARK: - Handlers

  func help(_ line: DotCommandLine) -> DotCommand.Result {
    switch line.arguments.count {
    case 0:
      emit(.text(HelpText.overview))
      return .ok
    case 1:
      let topic = line.arguments[0]
      guard let text = HelpText.text(for: topic.text) else {
        return .failed(Diagnostic(.unknownHelpTopic(topic.text, known: HelpText.topics), at: topic.range))
      }
      emit(.text(text))
      return .ok
    default:
      return .usage
    }
  }

  func listTables(_ line: DotCommandLine) -> DotCommand.Result {
    guard line.arguments.isEmpty else { return .usage }
    guard !tables.isEmpty else {
      status("no tables")
      return .ok
    }
    let rows = tables.map { [$0.key, String($0.value.count), String($0.value.names.count)] }
    writeListing(header: ["name", "rows", "columns"], rows: rows, rightAligned: [1, 2])
    return .ok
  }

  func schema(_ line: DotCommandLine) -> DotCommand.Result {
    guard line.arguments.count == 1 else { return .usage }
    let name = line.arguments[0]
    guard let table = tables[name.text] else {
      return .failed(Diagnostic(.unknownTable(name.text, known: Array(tables.keys)), at: name.range))
    }
    let rows = zip(table.names, table.columns).map { [$0, $1.type.rawValue] }
    writeListing(header: ["column", "type"], rows: rows, rightAligned: [])
    if let pair = splits[name.text] {
      let (side, other) = pair.train == name.text ? ("train", pair.test) : ("test", pair.train)
      let rule: String
      switch pair.now {
      case .cut(let t): rule = "cut at \(CivilTime.formatTime(seconds: t))"
      case .perMember: rule = "per member, by time"
      case nil: rule = "random"
      }
      status("\(name.text) is the \(side) side of a split of '\(pair.source)' (\(rule)); the other side is '\(other)'")
    }
    return .ok
  }

  func listDefinitions(_ line: DotCommandLine) -> DotCommand.Result {
    guard line.arguments.isEmpty else { return .usage }
    guard !definitions.isEmpty else {
      status("no definitions")
      return .ok
    }
    let rows = definitions.map { name, definition in
      let file = definition.statement.range.file
      let (lineNumber, _) = file.location(of: definition.statement.range.bytes.lowerBound)
      return [definition.kind.rawValue, name, file.name, String(lineNumber)]
    }
    writeListing(header: ["kind", "name", "file", "line"], rows: rows, rightAligned: [3])
    return .ok
  }

  func showDefinition(_ line: DotCommandLine) -> DotCommand.Result {
    guard line.arguments.count == 1 else { return .usage }
    let name = line.arguments[0]
    guard let definition = definitions[name.text] else {
      return .failed(Diagnostic(.unknownDefinition(name.text, known: Array(definitions.keys)), at: name.range))
    }
    emit(.text(definition.statement.range.text + "\n"))
    return .ok
  }

  func setMode(_ line: DotCommandLine) -> DotCommand.Result {
    switch line.arguments.count {
    case 0:
      emit(.text("current mode: \(options.format.rawValue)\n"))
      return .ok
    case 1:
      guard let format = OutputFormat(rawValue: line.arguments[0].text) else { return .usage }
      options.format = format
      return .ok
    default:
      return .usage
    }
  }

  func setTimer(_ line: DotCommandLine) -> DotCommand.Result {
    guard line.arguments.count == 1 else { return .usage }
    switch line.arguments[0].text {
    case "on": options.timer = true
    case "off": options.timer = false
    default: return .usage
    }
    return .ok
  }

  /// `.read FILE`: runs the file like a script, its relative paths read from its own folder.
  func readFile(_ line: DotCommandLine) -> DotCommand.Result {
    guard line.arguments.count == 1 else { return .usage }
    let argument = line.arguments[0]
    let path = resolve(argument.text)
    let data: [UInt8]
    do {
      data = try WholeFile.bytes(atPath: path, stop: { cancellation.isCancelled })
    } catch {
      let message: DiagnosticMessage =
        error.isMissing ? .fileNotFound(argument.text) : .cannotReadFile(argument.text, reason: error.reason)
      return .failed(Diagnostic(message, at: argument.range))
    }
    let directory = options.directory
    options.directory = (path as NSString).deletingLastPathComponent
    defer { options.directory = directory }
    if let diagnostic = run(SourceFile(name: argument.text, bytes: data)) {
      return .failed(diagnostic)
    }
    return .ok
  }

  /// `.save FILE`: every definition in canonical layout, in definition order, a blank line between.
  /// `.save FILE`, and `.save! FILE` (`replacing`), which may replace a file holding more than
  /// definitions.
  func saveDefinitions(_ line: DotCommandLine, replacing: Bool) -> DotCommand.Result {
    guard line.arguments.count == 1 else { return .usage }
    let argument = line.arguments[0]
    guard !definitions.isEmpty else {
      // Writing nothing would empty a script that happens to have the name.
      return .failed(Diagnostic(.nothingToSave(argument.text), at: argument.range))
    }
    let path = resolve(argument.text)
    if !replacing, let kept = firstNonDefinition(in: path) {
      return .failed(Diagnostic(.saveWouldReplace(argument.text, line: kept.line, text: kept.text), at: argument.range))
    }
    let text = Formatter.format(definitions: definitions.values.map(\.statement))
    do {
      try AtomicFile.write(text, to: path)
    } catch {
      return .failed(Diagnostic(.cannotWriteFile(argument.text, reason: error.reason), at: argument.range))
    }
    let count = definitions.count
    status("saved \(count) definition\(count == 1 ? "" : "s") to '\(argument.text)'")
    return .ok
  }

  /// The first line of the file at `path` that `.save` would lose: a statement that is not a
  /// definition (a load, a query, an evaluation), or text that does not parse — a script or a
  /// file that is not rec's at all. Nil when there is no such file, or it holds only definitions.
  private func firstNonDefinition(in path: String) -> (line: Int, text: String)? {
    guard FileManager.default.fileExists(atPath: path), let bytes = try? WholeFile.bytes(atPath: path, stop: { false })
    else { return nil }
    let file = SourceFile(name: path, bytes: bytes)
    let (program, problems) = parse(file)
    if let error = problems.first(where: { $0.severity == .error }) {
      let line = error.range.map { file.line(of: $0.bytes.lowerBound) } ?? 1
      return (line, file.lineText(line))
    }
    for statement in program.statements where Checker.definedName(statement) == nil {
      let line = file.line(of: statement.range.bytes.lowerBound)
      return (line, file.lineText(line))
    }
    return nil
  }

  func listHistory(_ line: DotCommandLine) -> DotCommand.Result {
    guard line.arguments.isEmpty else { return .usage }
    guard let historyProvider else {
      return .failed(Diagnostic(.historyUnavailable(), at: line.name.range))
    }
    let lines = historyProvider()
    let width = String(lines.count).count
    for (i, entry) in lines.enumerated() {
      let number = String(i + 1)
      // An entry of several lines lists its later lines under its first.
      let lines = entry.replacing("\n", with: "\n" + String(repeating: " ", count: width + 2))
      emit(.text(String(repeating: " ", count: width - number.count) + number + "  " + lines + "\n"))
    }
    return .ok
  }

  // MARK: - Helpers

  /// `path` read from the session's folder unless it is absolute.
  func resolve(_ path: String) -> String {
    path.hasPrefix("/") ? path : options.directory + "/" + path
  }

  /// Writes `header` and `rows` as columns two spaces apart, each as wide as its widest cell.
  private func writeListing(header: [String], rows: [[String]], rightAligned: Set<Int>) {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { displayWidth($0[column]) }.max() ?? 0 }
    var text = ""
    for row in all {
      let cells = row.enumerated().map { column, cell in
        let fill = String(repeating: " ", count: widths[column] - displayWidth(cell))
        if rightAligned.contains(column) { return fill + cell }
        // The last column is not padded: lines carry no trailing blanks.
        return column == row.count - 1 ? cell : cell + fill
      }
      text += cells.joined(separator: "  ") + "\n"
    }
    emit(.text(text))
  }
}
