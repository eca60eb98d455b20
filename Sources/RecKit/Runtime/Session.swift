import Collections
import Synchronization

/// A rec session: the tables, definitions and results of one REPL or one script run.
///
/// The front end feeds it source text; the session parses, checks and runs each
/// statement and writes through `write`. An error stops the rest of that input but
/// keeps everything the session had.
public final class Session {
  public var options: SessionOptions
  let write: (String, OutputStream) -> Void
  private let interrupted = Atomic<Bool>(false)
  /// The session's tables by name, in creation order (results `_`, `_1`, … included).
  public internal(set) var tables: OrderedDictionary<String, Table> = [:]
  /// Definitions (rows, pages, diversity rules, models, metrics, policies) by name, in order.
  public internal(set) var definitions: OrderedDictionary<String, Statement> = [:]
  /// The lines typed at the prompt, oldest first, for `.history`; the REPL installs it,
  /// and it stays nil where there is no interactive history (scripts, piped input).
  public var historyProvider: (() -> [String])?

  public init(options: SessionOptions, write: @escaping (String, OutputStream) -> Void) {
    self.options = options
    self.write = write
  }

  /// Runs every statement of `file` in order, stopping at the first error.
  /// - Returns: the error that stopped the run, nil when all ran.
  public func run(_ file: SourceFile) -> Diagnostic? {
    interrupted.store(false, ordering: .relaxed)
    return Diagnostic(.notAvailableYet("statements"), at: nil)
  }

  /// Parses `file` and resolves every name it uses without loading data (`rec check`):
  /// load statements contribute their tables' known schemas.
  /// - Returns: the first error, nil when the file is sound.
  public func check(_ file: SourceFile) -> Diagnostic? {
    Diagnostic(.notAvailableYet("check"), at: nil)
  }

  /// Whether `text` is an unfinished statement (an open definition or bracket, a trailing `|`),
  /// so that the REPL should read a continuation line before running it.
  public func needsContinuation(_ text: String) -> Bool {
    false
  }

  /// Asks the running statement to stop at its next check; safe to call from a signal handler's thread.
  public func interrupt() {
    interrupted.store(true, ordering: .relaxed)
  }

  /// Whether `interrupt()` was called since the current statement began.
  var isInterrupted: Bool { interrupted.load(ordering: .relaxed) }
}
