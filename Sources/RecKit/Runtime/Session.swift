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
  /// The trained row models of `model` definitions, by name.
  var models: [String: RowModel] = [:]
  /// The train/test pairs made by `split`, by the name of either side.
  var splits: [String: SplitPair] = [:]
  /// The number of query results so far; the next is kept as `_N+1`.
  var resultCount = 0
  /// The seed of `random()` in expressions (`set seed N`).
  var seed: UInt64 = 0
  /// The world behind `load demo`, kept for its ground truth.
  var demo: DemoWorld?
  /// The home page indexes last built, reused while their data is unchanged.
  let homeIndexes = HomeIndexCache()
  /// The bandit log last read, reused by the next bandit statement on the same tables.
  let banditLogs = BanditLogCache()

  /// The lines typed at the prompt, oldest first, for `.history`; the REPL installs it,
  /// and it stays nil where there is no interactive history (scripts, piped input).
  public var historyProvider: (() -> [String])?

  /// Told, after each statement of `run` (the failing one included), what it showed, as values:
  /// a notebook document is built from these while the terminal gets the usual text.
  public var observer: ((StatementOutput) -> Void)?
  /// The current statement's outputs while an observer listens; nil otherwise.
  private var captured: [StatementOutput.Item]?

  public init(options: SessionOptions, write: @escaping (String, OutputStream) -> Void) {
    self.options = options
    self.write = write
  }

  /// Runs every statement of `file` in order, stopping at the first error.
  ///
  /// The whole input is parsed and its names resolved before the first statement runs,
  /// so a script with a misspelt name fails at once, before any slow load.
  /// - Returns: the error that stopped the run, nil when all ran.
  public func run(_ file: SourceFile) -> Diagnostic? {
    let (program, problems) = parse(file)
    if let first = problems.first(where: { $0.severity == .error }) { return first }
    var checker = Checker(session: self)
    if let problem = checker.check(program) { return problem }
    for statement in program.statements {
      interrupted.store(false, ordering: .relaxed)
      if observer != nil { captured = [] }
      defer { report(statement) }
      let clock = ContinuousClock()
      let start = clock.now
      do {
        try execute(statement)
      } catch {
        return error
      }
      if options.timer {
        let elapsed = clock.now - start
        status("Run Time: \(formatSeconds(elapsed)) s")
      }
    }
    return nil
  }

  /// Hands the observer what `statement` showed.
  private func report(_ statement: Statement) {
    guard let observer, let items = captured else { return }
    captured = nil
    observer(StatementOutput(range: statement.range, items: items))
  }

  /// Keeps `item` for the observer; the terminal text is written separately.
  func record(_ item: StatementOutput.Item) {
    captured?.append(item)
  }

  /// Parses `file` and resolves every name it uses without loading data (`rec check`):
  /// load statements contribute their tables' known schemas.
  /// - Returns: the first error, nil when the file is sound.
  public func check(_ file: SourceFile) -> Diagnostic? {
    let (program, problems) = parse(file)
    if let first = problems.first(where: { $0.severity == .error }) { return first }
    var checker = Checker(session: self)
    return checker.check(program)
  }

  /// Whether `text` is an unfinished statement (an open definition or bracket, a trailing `|`),
  /// so that the REPL should read a continuation line before running it.
  public func needsContinuation(_ text: String) -> Bool {
    isIncomplete(SourceFile(name: "<stdin>", text: text))
  }

  /// Asks the running statement to stop at its next check; safe to call from a signal handler's thread.
  public func interrupt() {
    interrupted.store(true, ordering: .relaxed)
  }

  /// Whether `interrupt()` was called since the current statement began.
  var isInterrupted: Bool { interrupted.load(ordering: .relaxed) }

  /// Writes a status line (what was loaded, timings) to the status stream.
  func status(_ line: String) {
    write(line + "\n", .status)
    record(.status(line))
  }
}

/// `0.123` — seconds with three decimals, for status lines.
func formatSeconds(_ d: Duration) -> String {
  let ms = Int(d.inSeconds * 1000 + 0.5)
  let frac = String(ms % 1000)
  return "\(ms / 1000).\(String(repeating: "0", count: 3 - frac.count))\(frac)"
}
