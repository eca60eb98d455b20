import ArgumentParser
import Foundation
import RecCore
import RecEngine
import RecKit
import RecOutput
import RecSyntax

/// The `rec` command: the REPL, `-c STATEMENTS`, and the `run`, `check` and `fmt` subcommands.
///
/// Exit codes follow sysexits: 0 ok, 64 bad command-line use (argument-parser's own),
/// 65 an error in the program or its data, 66 a script that does not exist, 70 an internal error,
/// 73 a notebook document that cannot be written; 130 a run stopped by Ctrl-C, as a shell reports
/// a process that SIGINT ended.
struct RecCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rec",
    abstract: "A notebook-style REPL and language for recommendation work.",
    discussion: """
      With no subcommand and no -c, rec opens the REPL. When standard input is not a terminal, \
      it reads statements from it with no prompts.
      """,
    version: "rec 0.1.0",
    subcommands: [Run.self, Check.self, Fmt.self, Bench.self])

  @Option(
    name: .customShort("c"),
    help: ArgumentHelp(
      "Run the statements (or one dot-command) and exit; repeat it to run several in order, stopping at the first error.",
      valueName: "statements"))
  var statements: [String] = []

  @OptionGroup var display: DisplayOptions

  func run() throws {
    let session = display.makeSession(directory: ".", hint: statements.isEmpty ? .dotCommands : .commandLine)
    guard !statements.isEmpty else {
      return try runREPL(session)
    }
    Interrupts.install(for: session)
    for text in statements {
      for (part, firstLine) in Self.parts(of: text) {
        let failure: Diagnostic?
        if Session.isDotCommand(part) {
          switch session.runDotCommand(part, source: "<command line>", firstLine: firstLine) {
          case .failed(let diagnostic): failure = diagnostic
          case .quit: return
          case .ok: failure = nil
          }
        } else {
          failure = session.run(SourceFile(name: "<command line>", text: part, firstLine: firstLine))
        }
        if let failure {
          display.report(failure)
          throw ExitCode.failing(failure)
        }
      }
    }
  }

  /// A `-c` text cut where dot-commands are: each line that is a dot-command on its own, the
  /// lines between them together, each part with the line it starts on.
  static func parts(of text: String) -> [(text: String, firstLine: Int)] {
    var parts: [(text: String, firstLine: Int)] = []
    var pending: [Substring] = []
    var start = 1
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (i, line) in lines.enumerated() {
      guard Session.isDotCommand(String(line)) else {
        if pending.isEmpty { start = i + 1 }
        pending.append(line)
        continue
      }
      if !pending.isEmpty { parts.append((pending.joined(separator: "\n"), start)) }
      pending = []
      parts.append((String(line), i + 1))
    }
    if !pending.isEmpty { parts.append((pending.joined(separator: "\n"), start)) }
    return parts
  }

  /// The REPL: libedit, history and a banner at a terminal; plain lines from a pipe, where an
  /// error in any entry makes the exit code 65 (like a script's, but the rest still runs).
  private func runREPL(_ session: Session) throws {
    Interrupts.install(for: session)
    let interactive = Terminal.isTTY(STDIN_FILENO)
    let reader: LineReader
    var history: History?
    if interactive {
      Terminal.useUTF8Locale()
      reader = EditLineReader(wordBreaks: Session.completionWordBreaks) { line, cursor, entry in
        session.completions(line: line, cursor: cursor, entry: entry)
      }
      history = History.defaultPath(environment: ProcessInfo.processInfo.environment).map(History.init)
      history?.load()
      session.historyProvider = { [history] in history?.lines ?? [] }
      Terminal.write(REPL.banner, to: .results)
    } else {
      reader = PlainLineReader()
    }
    let repl = REPL(session: session, reader: reader, history: history, renderer: display.renderer)
    if !repl.run() && !interactive {
      throw ExitCode(65)
    }
  }
}

extension ExitCode {
  /// The exit code of a run that `diagnostic` stopped: 130 when Ctrl-C stopped it, else 65.
  static func failing(_ diagnostic: Diagnostic) -> ExitCode {
    ExitCode(diagnostic.id == "interrupted" ? 130 : 65)
  }
}

extension OutputFormat: ExpressibleByArgument {}
extension ColorMode: ExpressibleByArgument {}

/// The options every form shares: how results are drawn and whether to colour.
struct DisplayOptions: ParsableArguments {
  @Option(help: "How result tables are drawn.")
  var format: OutputFormat = .box

  @Option(help: "Colour output: auto (only on a terminal, and not when NO_COLOR is set), on or off.")
  var color: ColorMode = .auto

  @Flag(help: "Print each statement's wall time after it (as .timer on does at the prompt).")
  var timer = false

  var renderer: DiagnosticRenderer {
    DiagnosticRenderer(colored: Terminal.colored(color, fd: STDERR_FILENO))
  }

  /// A session writing results to standard output and status to standard error; `hint` is how
  /// its footers tell the user to see what a table leaves out.
  func makeSession(directory: String, hint: SeeAllHint = .commandLine) -> Session {
    let importPath = (ProcessInfo.processInfo.environment["REC_IMPORT_PATH"] ?? "")
      .split(separator: ":").map(String.init)
    var options = SessionOptions(
      format: format, width: Terminal.width, colored: Terminal.colored(color, fd: STDOUT_FILENO),
      directory: directory, timer: timer, importPath: importPath)
    options.hint = hint
    return Session(options: options) { text, stream in Terminal.write(text, to: stream) }
  }

  func report(_ diagnostic: Diagnostic) {
    Terminal.write(renderer.render(diagnostic), to: .status)
  }

  /// The scripts at `paths`, read before any runs; the first missing one exits with 66.
  func loadScripts(_ paths: [String]) throws -> [(source: SourceFile, directory: String)] {
    try paths.map { path in
      let bytes: [UInt8]
      do throws(WholeFile.Failure) {
        bytes = try WholeFile.bytes(atPath: path, stop: { Interrupts.isPending() })
      } catch {
        report(Diagnostic(error.isMissing ? .fileNotFound(path) : .cannotReadFile(path, reason: error.reason), at: nil))
        throw ExitCode(error.isInterrupted ? 130 : 66)
      }
      let folder = (path as NSString).deletingLastPathComponent
      return (SourceFile(name: path, bytes: bytes), folder.isEmpty ? "." : folder)
    }
  }
}

extension RecCommand {
  /// `rec run FILE…`: the scripts in order, in one session, stopping at the first error.
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run script files in one session, stopping at the first error.")

    @ArgumentParser.Argument(help: ArgumentHelp("The scripts to run.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("Write every statement with its output as a document.", valueName: "file"))
    var notebook: String?

    @OptionGroup var display: DisplayOptions

    func validate() throws {
      if let notebook, Notebook.Format(path: notebook) == nil {
        throw ValidationError(
          "the notebook '\(notebook)' must end in .md (Markdown) or .html (one self-contained page)")
      }
    }

    func run() throws {
      let scripts = try display.loadScripts(files)
      if let notebook {  // a document that cannot be written fails now, not after a long run
        do {
          try AtomicFile.probe(notebook)
        } catch {
          display.report(Diagnostic(.cannotWriteFile(notebook, reason: error.reason), at: nil))
          throw ExitCode(73)
        }
      }
      let session = display.makeSession(directory: ".")
      session.options.captions = display.format == .box
      Interrupts.install(for: session)
      var document = Notebook()
      if notebook != nil { session.observer = { document.record($0) } }
      var failure: Diagnostic?
      for script in scripts where failure == nil {
        session.options.directory = script.directory
        document.begin(script.source)
        failure = session.run(script.source)
      }
      if let failure {
        display.report(failure)
        document.stop(failure)
      }
      if let notebook, let format = Notebook.Format(path: notebook) {
        try write(document.files(format, path: notebook))
      }
      if let failure { throw ExitCode.failing(failure) }
    }

    /// Writes each file atomically, the document first (its folder must exist), then the
    /// charts, making their folder; a file that cannot be written exits with 73.
    private func write(_ files: [(path: String, text: String)]) throws {
      for (index, file) in files.enumerated() {
        let folder = URL(fileURLWithPath: file.path).deletingLastPathComponent()
        if index > 0 { try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        do {
          try AtomicFile.write(file.text, to: file.path)
        } catch {
          display.report(Diagnostic(.cannotWriteFile(file.path, reason: error.reason), at: nil))
          throw ExitCode(73)
        }
      }
    }
  }

  /// `rec check FILE…`: parses and resolves every name without loading data.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Parse script files and resolve every name they use, without loading data.")

    @ArgumentParser.Argument(help: ArgumentHelp("The scripts to check.", valueName: "file"))
    var files: [String]

    @OptionGroup var display: DisplayOptions

    func run() throws {
      var failed = false
      for script in try display.loadScripts(files) {
        let session = display.makeSession(directory: script.directory)
        if let diagnostic = session.check(script.source) {
          display.report(diagnostic)
          failed = true
        }
      }
      if failed { throw ExitCode(65) }
    }
  }

  /// `rec fmt FILE…`: rewrites each file in canonical layout, atomically; `--check` only names
  /// the files that would change (exit 1), and `-` formats standard input to standard output.
  /// A file that does not parse is reported and left untouched (exit 65).
  struct Fmt: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Rewrite a script file in canonical layout.")

    @ArgumentParser.Argument(help: ArgumentHelp("The scripts to format; '-' reads standard input.", valueName: "file"))
    var files: [String]

    @Flag(help: "Change nothing: name the files that are not in canonical layout and exit 1 if any.")
    var check = false

    @OptionGroup var display: DisplayOptions

    func run() throws {
      var failed = false
      var unformatted = false
      for path in files {
        let source: SourceFile
        if path == "-" {
          source = SourceFile(name: "<stdin>", bytes: Array(FileHandle.standardInput.readDataToEndOfFile()))
        } else {
          source = try display.loadScripts([path])[0].source
        }
        let formatted: String
        do {
          formatted = try format(source)
        } catch {
          display.report(error)
          failed = true
          continue
        }
        if check {
          if formatted.utf8.elementsEqual(source.bytes) { continue }
          unformatted = true
          Terminal.write(source.name + "\n", to: .results)
        } else if path == "-" {
          Terminal.write(formatted, to: .results)
        } else if !formatted.utf8.elementsEqual(source.bytes) {
          do {
            try AtomicFile.write(formatted, to: path)
          } catch {
            display.report(Diagnostic(.cannotWriteFile(path, reason: error.reason), at: nil))
            failed = true
          }
        }
      }
      if failed { throw ExitCode(65) }
      // Exit 1 says "would change", as `gofmt -l` and `black --check` do. Thrown, it would read
      // as a fault (main treats a thrown EXIT_FAILURE as one), so exit here.
      if unformatted { Self.exit(withError: ExitCode(1)) }
    }
  }
}
