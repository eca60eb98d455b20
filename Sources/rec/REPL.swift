import RecCore
import RecKit
import RecSyntax

/// The read-run loop, after `lua.c`: read a line; while the session says the entry is
/// unfinished, read continuation lines; run it; render any error to standard error and go on
/// with everything the session had.
///
/// When an entry runs: an entry complete on its first line runs at once (`eval p on test`,
/// `from plays | take 3`), and so does a whole entry recalled from the history. An entry that is
/// not complete yet (a definition's header, a trailing `|`) asks for clause lines with the
/// continuation prompt, and once it has them, it ends at an empty line. When the lines come
/// from a pipe, or were pasted and are already waiting, an entry also takes the indented lines
/// that follow it (a pipeline's `  | …` lines, a definition's clause lines), as a script would.
///
/// Each entry is one history entry, its lines joined with line breaks, recalled whole.
/// Lines are counted from the first, so that an error names the line of the input it is on.
final class REPL {
  static let banner = "rec 0.1.0 — type .help for help, .quit to leave\n"
  static let prompt = "rec> "
  static let continuationPrompt = "  …> "

  let session: Session
  let reader: LineReader
  /// Where typed entries are kept; nil when reading a pipe.
  let history: History?
  let renderer: DiagnosticRenderer
  /// Lines read so far.
  private var linesRead = 0
  /// The number of the first line of the text `next` returned last.
  private var lineNumber = 0
  /// A line read ahead that begins the next entry, with its number.
  private var pending: (text: String, number: Int)?

  init(session: Session, reader: LineReader, history: History?, renderer: DiagnosticRenderer) {
    self.session = session
    self.reader = reader
    self.history = history
    self.renderer = renderer
  }

  /// Runs until `.quit` or the end of input.
  /// - Returns: whether every entry ran without error.
  func run() -> Bool {
    var clean = true
    while true {
      switch next(prompt: Self.prompt, entry: "") {
      case .end:
        return clean
      case .interrupted:
        continue
      case .line(let line):
        guard !line.allSatisfy(\.isWhitespace) else { continue }
        let firstLine = lineNumber
        if Session.isDotCommand(line) {
          history?.add(line)
          switch session.runDotCommand(line, firstLine: firstLine) {
          case .ok:
            break
          case .quit:
            return clean
          case .failed(let diagnostic):
            report(diagnostic)
            clean = false
          }
          continue
        }
        let (entry, whole) = readEntry(startingWith: line)
        history?.add(entry)
        if whole, let diagnostic = session.run(SourceFile(name: "<stdin>", text: entry, firstLine: firstLine)) {
          report(diagnostic)
          clean = false
        }
      }
    }
  }

  /// The next line, read ahead or read now; a recalled history entry comes as one text of
  /// several lines.
  private func next(prompt: String, entry: String) -> LineRead {
    if let line = pending {
      pending = nil
      lineNumber = line.number
      return .line(line.text)
    }
    let read = reader.read(prompt: prompt, entry: entry)
    if case .line(let text) = read {
      lineNumber = linesRead + 1
      linesRead += 1 + text.utf8.count(where: { $0 == UInt8(ascii: "\n") })
    }
    return read
  }

  /// `line` and the continuation lines it takes, and whether it is whole: false when Ctrl-C
  /// dropped it.
  private func readEntry(startingWith line: String) -> (text: String, whole: Bool) {
    var entry = line
    // Whether lines were typed at the continuation prompt: then only an empty line ends the entry.
    var continued = false
    while true {
      let status = session.entryStatus(entry)
      guard status == .unfinished || (status == .open && continued) else { break }
      let readingAhead = reader.mayReadAhead
      switch next(prompt: Self.continuationPrompt, entry: entry) {
      case .line(let more):
        if more.allSatisfy(\.isWhitespace) { return (entry, true) }
        // From a pipe or a paste, a line that is not indented is the next statement, as in a script.
        if readingAhead, let first = more.first, first != " ", first != "\t" {
          pending = (more, lineNumber)
          return (entry, true)
        }
        entry += "\n" + more
        continued = true
      case .end:
        return (entry, true)
      case .interrupted:
        return (entry, false)
      }
    }
    while reader.mayReadAhead, case .line(let more) = next(prompt: Self.continuationPrompt, entry: entry) {
      guard let first = more.first, first == " " || first == "\t", !more.allSatisfy(\.isWhitespace) else {
        pending = (more, lineNumber)
        break
      }
      entry += "\n" + more
    }
    return (entry, true)
  }

  private func report(_ diagnostic: Diagnostic) {
    Terminal.write(renderer.render(diagnostic), to: .status)
  }
}
