import RecCore

/// What one statement of a script showed, as values rather than terminal text: the input of
/// the notebook documents (`rec run FILE --notebook report.md`).
public struct StatementOutput: Sendable {
  /// The statement, clause lines included.
  public var range: SourceRange
  public var items: [Output]

  public init(range: SourceRange, items: [Output]) {
    self.range = range
    self.items = items
  }
}
