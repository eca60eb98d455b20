import RecCore
import RecEngine
import RecKit
import RecOutput

/// A session for the benchmarks: statements run one at a time, as a user types them, each timed
/// by the clock and by the process's CPU time (user and system, every thread), which other work
/// on the machine does not inflate. What the statements show is kept, not printed.
public final class TimedSession {
  /// One statement's cost and what it showed.
  public struct Run: Sendable {
    public var wall: Double
    public var cpu: Double
    /// Its result tables, in the session's format.
    public var results: String
  }

  public let session: Session
  private var shown = ""

  /// A session drawing results in `format` (JSON by default: one line per table).
  public init(format: OutputFormat = .json) {
    let text = ShownText()
    session = Session(options: SessionOptions(format: format)) { output, stream in
      if stream == .results { text.value += output }
    }
    self.text = text
  }

  private let text: ShownText

  /// Runs `statements` (one statement or several) and times them together.
  @discardableResult
  public func run(_ statements: String) throws(Diagnostic) -> Run {
    text.value = ""
    let clock = ContinuousClock()
    let start = clock.now
    let before = ProcessUsage.cpuSeconds()
    if let problem = session.run(SourceFile(name: "<bench>", text: statements)) { throw problem }
    let after = ProcessUsage.cpuSeconds()
    return Run(
      wall: (clock.now - start).inSeconds, cpu: after.user + after.system - before.user - before.system,
      results: text.value)
  }

  /// The session's table `name`, once a statement has made it.
  public func table(_ name: String) -> Table? { session.tables[name] }

  private final class ShownText {
    var value = ""
  }
}
