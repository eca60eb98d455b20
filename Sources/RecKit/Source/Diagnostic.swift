/// A problem found in the user's program or data, as a value.
///
/// Nothing prints where a diagnostic is found: it travels to the caller and
/// `DiagnosticRenderer` draws it.
public struct Diagnostic: Error, Sendable {
  public enum Severity: String, Sendable {
    case error, warning, note
  }

  /// A secondary location with its own message ("to close '(' here").
  public struct Note: Sendable {
    public let message: String
    public let range: SourceRange?
  }

  /// A stable identifier: the name of the catalogue entry.
  public let id: String
  public let severity: Severity
  public let message: String
  /// Where the problem is; nil for problems with no place in any source (a bad flag).
  public let range: SourceRange?
  public var notes: [Note]

  public init(
    _ message: DiagnosticMessage, at range: SourceRange?, severity: Severity = .error,
    notes: [Note] = []
  ) {
    self.id = message.id
    self.message = message.text
    self.severity = severity
    self.range = range
    self.notes = notes
  }

  /// Whether the parser stopped only because the input ended; the REPL then reads another line.
  public var isUnexpectedEnd: Bool { id == "unexpectedEndOfInput" }
}

/// A list of diagnostics thrown together (several independent problems in one check).
public struct DiagnosticList: Error, Sendable {
  public let diagnostics: [Diagnostic]
  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
