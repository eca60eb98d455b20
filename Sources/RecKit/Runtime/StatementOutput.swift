/// What one statement of a script showed, as values rather than terminal text: the input of
/// the notebook documents (`rec run FILE --notebook report.md`).
public struct StatementOutput: Sendable {
  /// One thing the statement showed, in the order it showed them.
  public enum Item: Sendable {
    /// A result table, with the columns whose floats are metric values (4 decimals).
    case table(Table, metricColumns: Set<String>)
    /// A chart (`sweep`, `simulate`).
    case chart(LineChart)
    /// A status line: what was loaded or saved, a warning, a timing.
    case status(String)
  }

  /// The statement, clause lines included.
  public var range: SourceRange
  public var items: [Item]

  public init(range: SourceRange, items: [Item]) {
    self.range = range
    self.items = items
  }
}
