import RecCore
import RecKit

/// The read-run loop, after `lua.c`: read a line; while the session says the entry is
/// unfinished, read continuation lines (an empty line ends the entry); run it; render any
/// error to standard error and go on with everything the session had.
///
/// Lines are counted from the first, so that an error names the line of the input it is on.
/// When the lines come from a pipe, an entry also takes the indented lines that follow it (a
/// pipeline's `  | …` lines, a definition's clause lines), as a script would: the next line
/// can be read before the entry runs.
final class REPL {
  static let banner = "rec 0.1.0 — type .help for help, .quit to leave\n"
  static let prompt = "rec> "
  static let continuationPrompt = "  …> "

  let session: Session
  let reader: LineReader
  /// Where typed lines are kept; nil when reading a pipe.
  let history: History?
  let renderer: DiagnosticRenderer
  /// Whether the next line may be read before an entry runs (a pipe, not a person typing).
  let readsAhead: Bool
  /// Lines read so far.
  private var linesRead = 0
  /// A line read ahead that begins the next entry.
  private var pending: LineRead?

  init(session: Session, reader: LineReader, history: History?, renderer: DiagnosticRenderer, readsAhead: Bool) {
    self.session = session
    self.reader = reader
    self.history = history
    self.renderer = renderer
    self.readsAhead = readsAhead
  }

  /// Runs until `.quit` or the end of input.
  /// - Returns: whether every entry ran without error.
  func run() -> Bool {
    var clean = true
    while true {
      switch next(prompt: Self.prompt) {
      case .end:
        return clean
      case .interrupted:
        continue
      case .line(let line):
        guard !line.allSatisfy(\.isWhitespace) else { continue }
        let firstLine = linesRead
        history?.add(line)
        if Session.isDotCommand(line) {
          switch session.runDotCommand(line, firstLine: firstLine) {
          case .ok:
            break
          case .quit:
            return clean
          case .failed(let diagnostic):
            report(diagnostic)
            clean = false
          }
        } else if let entry = readEntry(startingWith: line),
          let diagnostic = session.run(SourceFile(name: "<stdin>", text: entry, firstLine: firstLine))
        {
          report(diagnostic)
          clean = false
        }
      }
    }
  }

  private func next(prompt: String) -> LineRead {
    if let line = pending {
      pending = nil
      return line
    }
    let read = reader.read(prompt: prompt)
    if case .line = read { linesRead += 1 }
    return read
  }

  /// `line` and the continuation lines it needs; nil when Ctrl-C drops the entry.
  private func readEntry(startingWith line: String) -> String? {
    var entry = line
    while session.needsContinuation(entry) {
      switch next(prompt: Self.continuationPrompt) {
      case .line(let more):
        if more.allSatisfy(\.isWhitespace) { return entry }
        // From a pipe, a line that is not indented is the next statement, as in a script.
        if readsAhead, let first = more.first, first != " ", first != "\t" {
          pending = .line(more)
          return entry
        }
        history?.add(more)
        entry += "\n" + more
      case .end:
        return entry
      case .interrupted:
        return nil
      }
    }
    guard readsAhead else { return entry }
    while case .line(let more) = next(prompt: Self.continuationPrompt) {
      guard let first = more.first, first == " " || first == "\t", !more.allSatisfy(\.isWhitespace) else {
        pending = .line(more)
        return entry
      }
      entry += "\n" + more
    }
    return entry
  }

  private func report(_ diagnostic: Diagnostic) {
    Terminal.write(renderer.render(diagnostic), to: .status)
  }
}
