import RecCore
import RecKit

/// The read-run loop, after `lua.c`: read a line; while the session says the entry is
/// unfinished, read continuation lines (an empty line ends the entry); run it; render any
/// error to standard error and go on with everything the session had.
struct REPL {
  static let banner = "rec 0.1.0 — type .help for help, .quit to leave\n"
  static let prompt = "rec> "
  static let continuationPrompt = "  …> "

  let session: Session
  let reader: LineReader
  /// Where typed lines are kept; nil when reading a pipe.
  let history: History?
  let renderer: DiagnosticRenderer

  /// Runs until `.quit` or the end of input.
  /// - Returns: whether every entry ran without error.
  func run() -> Bool {
    var clean = true
    while true {
      switch reader.read(prompt: Self.prompt) {
      case .end:
        return clean
      case .interrupted:
        continue
      case .line(let line):
        guard !line.allSatisfy(\.isWhitespace) else { continue }
        history?.add(line)
        if Session.isDotCommand(line) {
          switch session.runDotCommand(line) {
          case .ok:
            break
          case .quit:
            return clean
          case .failed(let diagnostic):
            report(diagnostic)
            clean = false
          }
        } else if let entry = readEntry(startingWith: line),
          let diagnostic = session.run(SourceFile(name: "<stdin>", text: entry))
        {
          report(diagnostic)
          clean = false
        }
      }
    }
  }

  /// `line` and the continuation lines it needs; nil when Ctrl-C drops the entry.
  private func readEntry(startingWith line: String) -> String? {
    var entry = line
    while session.needsContinuation(entry) {
      switch reader.read(prompt: Self.continuationPrompt) {
      case .line(let more):
        if more.allSatisfy(\.isWhitespace) { return entry }
        history?.add(more)
        entry += "\n" + more
      case .end:
        return entry
      case .interrupted:
        return nil
      }
    }
    return entry
  }

  private func report(_ diagnostic: Diagnostic) {
    Terminal.write(renderer.render(diagnostic), to: .status)
  }
}
