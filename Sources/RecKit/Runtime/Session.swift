import Collections
import RecCore
import RecEngine
import RecOutput
import RecSyntax

/// A rec session: the tables, definitions and results of one REPL or one script run.
///
/// The front end feeds it source text. The session parses it, checks the whole of it, then
/// checks each statement again against its own tables just before running it, and runs only
/// what the checker made (`CheckedStatement`). What statements show goes out as `Output` values,
/// drawn by one `Presenter` and written through `write`. An error stops the rest of that input;
/// the session keeps everything it had.
public final class Session {
  public var options: SessionOptions
  let write: (String, OutputStream) -> Void
  /// Whether anything has gone to the results stream yet: tables after the first are set apart.
  private var wroteResults = false
  /// The caption the running statement's first result is headed with, until it is written.
  private var pendingCaption: String?
  /// Asked to stop by Ctrl-C; every long loop polls it.
  let cancellation = Cancellation()
  /// The session's tables by name, in creation order (results `_`, `_1`, … included).
  public internal(set) var tables: OrderedDictionary<String, Table> = [:]
  /// How each table was made, for what a later load drops.
  var lineage = Lineage()
  /// Tables and splits a load dropped, with why, for the message of a statement that names one.
  var dropped: [String: String] = [:]
  /// Definitions (rows, pages, diversity rules, models, metrics, policies) by name, in order.
  var definitions: OrderedDictionary<String, CheckedDefinition> = [:]
  /// The trained row models of `model` definitions, by name.
  var models: [String: RowModel] = [:]
  /// The trained models of `uplift NAME = …` definitions, by name.
  var upliftModels: [String: UpliftModel] = [:]
  /// The trained search rankers of `ranker` definitions, by name.
  var rankers: [String: LearnedRanker] = [:]
  /// The train/test pairs made by `split`, by the name of either side.
  var splits: [String: SplitPair] = [:]
  /// The number of query results so far; the next is kept as `_N+1`.
  var resultCount = 0
  /// The columns of kept tables that print as metrics, by table name (absent: none).
  var metricColumns: [String: Set<String>] = [:]
  /// The seed of `random()` in expressions and of splits without one (`set seed N`).
  var seed: UInt64 = 0
  /// What one statement may allocate before it starts (`set memory`).
  var memoryBudget = MemoryBudget.standard
  /// The world behind `load demo`, kept for its ground truth.
  var demo: DemoWorld?
  /// The home page indexes last built, reused while their data is unchanged.
  let homeIndexes = HomeIndexCache()
  /// The feature history learned search rankers read, kept while the data is unchanged.
  let searchFeatures = SearchFeatureHistoryCache()
  /// The features of uplift models last read from an exposure log, kept while the data is unchanged.
  let exposureFeatures = ExposureFeatureCache()
  /// The bandit log last read, reused by the next bandit statement on the same tables.
  let banditLogs = BanditLogCache()

  /// The entries typed at the prompt (a definition's lines as one, joined with line breaks),
  /// oldest first, for `.history`; the REPL installs it, and it stays nil where there is no
  /// interactive history (scripts, piped input).
  public var historyProvider: (() -> [String])?

  /// Told, after each statement of `run` (the failing one included), what it showed, as values:
  /// a notebook document is built from these while the terminal gets the usual text.
  public var observer: ((StatementOutput) -> Void)?
  /// The current statement's outputs while an observer listens; nil otherwise.
  private var captured: [Output]?
  /// The first line of the statement running, where its warnings point.
  private var running: SourceRange?

  public init(options: SessionOptions, write: @escaping (String, OutputStream) -> Void) {
    self.options = options
    self.write = write
  }

  /// The names of the definitions, in definition order.
  public var definitionNames: [String] { Array(definitions.keys) }

  /// Runs every statement of `file` in order, stopping at the first error.
  ///
  /// The whole input is checked before the first statement runs, so a script with a misspelt
  /// name fails at once, before any slow load; each statement is then checked again against the
  /// session's tables as they are when it runs.
  /// - Returns: the error that stopped the run, nil when all ran.
  public func run(_ file: SourceFile) -> Diagnostic? {
    let (program, problems) = parse(file)
    if let first = problems.first(where: { $0.severity == .error }) { return first }
    let imports = ImportCache()
    var whole = checker(imports)
    do {
      try whole.check(program)
    } catch {
      return error
    }
    let captioned = options.captions && program.statements.filter(\.printsResult).count > 1
    for statement in program.statements {
      let line = file.location(of: statement.headerRange.bytes.lowerBound).line
      pendingCaption = captioned && statement.printsResult ? "-- \(file.name):\(line)" : nil
      defer { pendingCaption = nil }
      cancellation.reset()
      if observer != nil { captured = [] }
      defer { report(statement) }
      let clock = ContinuousClock()
      let start = clock.now
      running = statement.headerRange
      defer { running = nil }
      do throws(Diagnostic) {
        var now = checker(imports)
        guard let checked = try now.check(statement) else {
          throw Diagnostic(.unchecked(statement.keyword), at: statement.headerRange)
        }
        try execute(checked)
      } catch {
        return error.placed(at: statement.headerRange)
      }
      if options.timer { status("Run Time: \(formatSeconds(clock.now - start)) s") }
    }
    return nil
  }

  /// Parses `file` and checks it without loading data (`rec check`): load statements contribute
  /// the tables they would make, with their columns where those are known without the files.
  /// - Returns: the first error, nil when the file is sound.
  public func check(_ file: SourceFile) -> Diagnostic? {
    let (program, problems) = parse(file)
    if let first = problems.first(where: { $0.severity == .error }) { return first }
    var checker = checker(ImportCache())
    do {
      try checker.check(program)
    } catch {
      return error
    }
    return nil
  }

  /// A checker over the session as it stands.
  func checker(_ imports: ImportCache) -> Checker {
    Checker(
      environment: environment, directory: options.directory, seed: seed, imports: imports,
      importPath: options.importPath)
  }

  /// What the checker knows of the session: its tables' columns, splits and definitions.
  var environment: Environment {
    var environment = Environment()
    for (name, table) in tables { environment.tables[name] = Schema(of: table) }
    for (name, pair) in splits { environment.splits[name] = pair.sides }
    environment.definitions = definitions
    environment.results = resultCount
    environment.hasDemo = demo != nil
    environment.lineage = lineage
    environment.dropped = dropped
    return environment
  }

  /// How `text`, the lines of a REPL entry so far, stands: unfinished (a definition header with
  /// no clause lines, a trailing `|`), open to more clause lines, or complete.
  public func entryStatus(_ text: String) -> EntryStatus {
    RecSyntax.entryStatus(SourceFile(name: "<stdin>", text: text))
  }

  /// Asks the running statement to stop at its next check; safe to call from a signal handler's thread.
  public func interrupt() {
    cancellation.cancel()
  }

  // MARK: - Output

  /// Shows `output`: drawn for the session's format and written, and kept for the observer.
  func emit(_ output: Output) {
    let presenter = Presenter(
      format: options.format, width: options.width, colored: options.colored, hint: options.hint)
    if let (text, stream) = presenter.render(output) {
      if stream == .results {
        if let caption = pendingCaption {
          // A blank line, then the caption: each statement's results read as a block of their own.
          if wroteResults { write("\n", .results) }
          write((options.colored ? "\u{1B}[2m\(caption)\u{1B}[0m" : caption) + "\n", .results)
          pendingCaption = nil
        } else if wroteResults && presenter.separatesTables(output) {
          write("\n", .results)
        }
        wroteResults = true
      }
      write(text, stream)
    }
    captured?.append(output)
  }

  /// Shows a result table.
  func show(_ table: Table, metricColumns: Set<String> = []) {
    emit(.table(table, metricColumns: metricColumns))
  }

  /// Writes a status line (what was loaded, timings) to the status stream.
  func status(_ line: String) {
    emit(.status(line))
  }

  /// Shows a warning about the statement running, at its first line.
  func warn(_ message: DiagnosticMessage) {
    emit(.warning(Diagnostic(message, at: running, severity: .warning)))
  }

  /// Hands the observer what `statement` showed.
  private func report(_ statement: Statement) {
    guard let observer, let items = captured else { return }
    captured = nil
    observer(StatementOutput(range: statement.range, items: items))
  }
}

/// `0.123` — seconds with three decimals, for status lines.
func formatSeconds(_ d: Duration) -> String {
  let ms = Int(d.inSeconds * 1000 + 0.5)
  let frac = String(ms % 1000)
  return "\(ms / 1000).\(String(repeating: "0", count: 3 - frac.count))\(frac)"
}

/// `1 row`, `3 rows` — a count with its noun.
func count(_ n: Int, _ noun: String) -> String {
  "\(thousands(n)) \(noun)\(n == 1 ? "" : "s")"
}
