import RecCore
import RecOutput

/// What a dot-command asks of the front end once it has run.
public enum DotCommandOutcome: Sendable {
  /// Done: read the next line.
  case ok
  /// Leave the REPL.
  case quit
  /// The command failed: render the diagnostic and read the next line.
  case failed(Diagnostic)
}

/// One REPL meta-command (`.tables`, `.schema TABLE`, …).
///
/// `DotCommand.all` is the one table from which `.help`, tab completion and
/// "unknown command '.tabels'; did you mean '.tables'?" are all made.
struct DotCommand: Sendable {
  /// What a handler tells `Session.runDotCommand`.
  enum Result {
    case ok
    case quit
    /// The arguments do not fit: the caller reports the usage line.
    case usage
    case failed(Diagnostic)
  }

  /// What the command's argument is, for tab completion.
  enum Argument: Sendable {
    case none
    case table
    case definition
    case file
    case helpTopic
    case choice([String])
  }

  /// The name as typed, dot included.
  let name: String
  /// The arguments' usage text, empty for none: `TABLE`, `on|off`, `[topic]`.
  let arguments: String
  let summary: String
  let argument: Argument
  let handler: @Sendable (Session, DotCommandLine) -> Result

  /// The usage line: `.schema TABLE`.
  var usage: String { arguments.isEmpty ? name : "\(name) \(arguments)" }

  static let all: [DotCommand] = [
    DotCommand(
      name: ".help", arguments: "[topic]", summary: "show help: statements, dot-commands, or one keyword",
      argument: .helpTopic, handler: { $0.help($1) }),
    DotCommand(
      name: ".tables", arguments: "", summary: "list the tables with their rows and columns",
      argument: .none, handler: { $0.listTables($1) }),
    DotCommand(
      name: ".schema", arguments: "TABLE", summary: "show a table's columns and their types",
      argument: .table, handler: { $0.schema($1) }),
    DotCommand(
      name: ".defs", arguments: "", summary: "list the definitions: kind, name and line",
      argument: .none, handler: { $0.listDefinitions($1) }),
    DotCommand(
      name: ".show", arguments: "NAME", summary: "show a definition's source text",
      argument: .definition, handler: { $0.showDefinition($1) }),
    DotCommand(
      name: ".mode", arguments: OutputFormat.allCases.map(\.rawValue).joined(separator: "|"),
      summary: "set how result tables are drawn", argument: .choice(OutputFormat.allCases.map(\.rawValue)),
      handler: { $0.setMode($1) }),
    DotCommand(
      name: ".timer", arguments: "on|off", summary: "print each statement's wall time",
      argument: .choice(["on", "off"]), handler: { $0.setTimer($1) }),
    DotCommand(
      name: ".read", arguments: "FILE", summary: "run the statements of a file",
      argument: .file, handler: { $0.readFile($1) }),
    DotCommand(
      name: ".save", arguments: "FILE", summary: "write the session's definitions to a file",
      argument: .file, handler: { $0.saveDefinitions($1, replacing: false) }),
    DotCommand(
      name: ".save!", arguments: "FILE",
      summary: "write the session's definitions to a file, even over one that holds more than definitions",
      argument: .file, handler: { $0.saveDefinitions($1, replacing: true) }),
    DotCommand(
      name: ".history", arguments: "", summary: "list the lines typed at the prompt",
      argument: .none, handler: { $0.listHistory($1) }),
    DotCommand(
      name: ".quit", arguments: "", summary: "leave rec", argument: .none, handler: { _, line in
        line.arguments.isEmpty ? .quit : .usage
      }),
  ]

  /// The command called `name` (dot included).
  /// - Complexity: O(commands).
  static func named(_ name: String) -> DotCommand? {
    all.first { $0.name == name }
  }
}

/// A dot-command line split into words, each with its range for diagnostics.
///
/// Words are separated by blanks; a word may be quoted (`.read "my file.rec"`) to hold blanks.
struct DotCommandLine {
  struct Word {
    let text: String
    let range: SourceRange
  }

  let name: Word
  let arguments: [Word]

  /// The words of `file`'s text; nil when it holds none.
  init?(_ file: SourceFile) {
    var words: [Word] = []
    let bytes = file.bytes
    var i = 0
    while i < bytes.count {
      if Self.isBlank(bytes[i]) {
        i += 1
        continue
      }
      let start = i
      if bytes[i] == UInt8(ascii: "\"") {
        // A quoted word runs to the closing quote, or to the end of the line when there is none.
        i += 1
        while i < bytes.count && bytes[i] != UInt8(ascii: "\"") { i += 1 }
        let text = file.text(start + 1..<i)
        if i < bytes.count { i += 1 }
        words.append(Word(text: text, range: SourceRange(file: file, bytes: start..<i)))
      } else {
        while i < bytes.count && !Self.isBlank(bytes[i]) { i += 1 }
        words.append(Word(text: file.text(start..<i), range: SourceRange(file: file, bytes: start..<i)))
      }
    }
    guard let first = words.first else { return nil }
    name = first
    arguments = Array(words.dropFirst())
  }

  private static func isBlank(_ b: UInt8) -> Bool {
    b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
  }
}
