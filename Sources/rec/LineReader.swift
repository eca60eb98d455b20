import CEditLine
import Foundation

/// What one read at the prompt gave.
enum LineRead: Equatable {
  /// A line, without its line break.
  case line(String)
  /// Ctrl-C: the line being typed is dropped.
  case interrupted
  /// End of input (Ctrl-D on an empty line, or the end of a pipe).
  case end
}

/// Where the REPL's lines come from.
protocol LineReader: AnyObject {
  /// The next line; `entry` holds the lines of the entry read before it (empty at the first),
  /// which tab completion reads to know what statement the line continues.
  func read(prompt: String, entry: String) -> LineRead
  /// Whether the next line may be read before the entry so far runs: no person is waiting for
  /// it to run (a pipe), or the line is already there (pasted text).
  var mayReadAhead: Bool { get }
}

/// Reads standard input plainly when it is not a terminal: no prompts, no line editing, no
/// escape sequences, so pipes and tests see only what the session writes.
final class PlainLineReader: LineReader {
  private var buffer: [UInt8] = []
  private var atEnd = false

  var mayReadAhead: Bool { true }

  func read(prompt: String, entry: String) -> LineRead {
    while true {
      if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
        let line = buffer[..<newline]
        buffer.removeFirst(newline + 1)
        return .line(Self.text(line))
      }
      if atEnd {
        guard !buffer.isEmpty else { return .end }
        defer { buffer = [] }
        return .line(Self.text(buffer[...]))
      }
      var chunk = [UInt8](repeating: 0, count: 4096)
      let n = chunk.withUnsafeMutableBytes { Foundation.read(STDIN_FILENO, $0.baseAddress, $0.count) }
      if n > 0 {
        buffer += chunk[..<n]
      } else if n < 0 && errno == EINTR {
        // Ctrl-C while waiting for piped input has no line to drop.
        _ = Interrupts.take()
      } else {
        atEnd = true
      }
    }
  }

  private static func text(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes, as: UTF8.self)
  }
}

/// Reads lines through libedit's readline emulation: line editing, history and tab completion.
///
/// libedit's callbacks are C functions that cannot capture, so the completion source and the
/// current candidates live in static storage; there is one line editor per process.
final class EditLineReader: LineReader {
  nonisolated(unsafe) fileprivate static var completions: (String, Int, String) -> [String] = { _, _, _ in [] }
  nonisolated(unsafe) fileprivate static var candidates: [String] = []
  /// The entry the line being read continues.
  nonisolated(unsafe) fileprivate static var entry = ""

  /// - Parameters:
  ///   - wordBreaks: the characters that end the word being completed.
  ///   - completions: the candidates for the word ending at a UTF-8 offset in a line, given
  ///     the entry's earlier lines.
  init(wordBreaks: String, completions: @escaping (String, Int, String) -> [String]) {
    Self.completions = completions
    // The getc function must be in place before libedit initialises (using_history does that).
    rec_set_getc_function(readCharacter)
    rec_set_catch_signals(0)
    rec_set_readline_name("rec")
    // libedit keeps the pointer: the copy lives as long as the process.
    rec_set_word_break_characters(strdup(wordBreaks))
    rec_set_completion_function(complete)
    using_history()
  }

  /// Whether a whole line is already waiting: text pasted, or typed ahead while a statement ran.
  /// Between reads the terminal is back in canonical mode, where input is readable only once
  /// its line is ended.
  var mayReadAhead: Bool {
    var waiting = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    return poll(&waiting, 1, 0) > 0
  }

  func read(prompt: String, entry: String) -> LineRead {
    Self.entry = entry
    _ = Interrupts.take()
    let raw = readline(prompt)
    defer { free(raw) }
    if Interrupts.take() {
      Terminal.write("\n", to: .results)
      return .interrupted
    }
    guard let raw else {
      Terminal.write("\n", to: .results)
      return .end
    }
    return .line(String(cString: raw))
  }
}

/// libedit's completion function: the generator's candidates, and nothing else.
///
/// The generator is not installed as libedit's `rl_completion_entry_function`: libedit escapes
/// that one's candidates as file names (`ndcg@` would come out as `ndcg\@`, `my file.csv` inside
/// quotes as `my\ file.csv`), which rec's words and quoted paths must not get.
private let complete: rec_completion_function = { text, _, _ in
  // No fallback to libedit's own file-name completion when there is no candidate.
  rec_set_attempted_completion_over(1)
  return rec_completion_matches(text, generateCompletion)
}

/// libedit's completion generator: called with state 0, 1, 2, … until it returns NULL.
private let generateCompletion: rec_completion_generator = { _, state in
  if state == 0 {
    let candidates = EditLineReader.completions(
      String(cString: rec_line_buffer()), Int(rec_point()), EditLineReader.entry)
    EditLineReader.candidates = candidates
    // A lone folder stays open for the next name, and a metric for its cut-off (`ndcg@`);
    // anything else is a finished word.
    let open = candidates.count == 1 && (candidates[0].hasSuffix("/") || candidates[0].hasSuffix("@"))
    rec_set_completion_append_character(open ? 0 : Int32(UInt8(ascii: " ")))
  }
  guard Int(state) < EditLineReader.candidates.count else { return nil }
  return strdup(EditLineReader.candidates[Int(state)])
}

/// libedit's character source: one Unicode scalar from standard input, decoded from UTF-8
/// (libedit takes the returned number as the character), or -1 to end the line.
///
/// Ctrl-C ends the line as an interrupt whether it arrives as SIGINT (the read returns `EINTR`)
/// or as the `^C` byte.
private let readCharacter: rec_getc_function = { _ in
  func nextByte() -> UInt8? {
    var byte: UInt8 = 0
    while true {
      // An interrupt that came while libedit was setting up would not stop the read below.
      if Interrupts.isPending() { return nil }
      let n = read(STDIN_FILENO, &byte, 1)
      if n == 1 { return byte }
      if n < 0 && errno == EINTR && !Interrupts.isPending() { continue }
      return nil
    }
  }
  guard let lead = nextByte() else { return -1 }
  if lead == 3 {
    Interrupts.raise()
    return -1
  }
  let following = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
  var scalar = UInt32(lead) & (following == 0 ? 0x7F : 0x3F >> following)
  for _ in 0..<following {
    guard let byte = nextByte() else { return -1 }
    scalar = scalar << 6 | UInt32(byte & 0x3F)
  }
  return Int32(scalar)
}
