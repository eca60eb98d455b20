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
    public private(set) var range: SourceRange?

    package init(message: String, range: SourceRange?) {
      self.message = message
      self.range = range
    }
  }

  /// A stable identifier: the name of the catalogue entry.
  public let id: String
  public private(set) var severity: Severity
  public let message: String
  /// Where the problem is; nil for problems with no place in any source (a bad flag).
  public private(set) var range: SourceRange?
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

  /// The same problem as a warning: what was an error where it was found only deserves a
  /// mention where it is reported (a definition that no longer checks after a load).
  public func asWarning() -> Diagnostic {
    var warning = self
    warning.severity = .warning
    return warning
  }

  /// The same problem placed at `range` when it had no place of its own (a stop asked for deep in
  /// the engine is placed at the statement that was running).
  public func placed(at range: SourceRange) -> Diagnostic {
    guard self.range == nil else { return self }
    var placed = self
    placed.range = range
    return placed
  }

  /// Whether the parser stopped only because the input ended; the REPL then reads another line.
  public var isUnexpectedEnd: Bool { id == "unexpectedEndOfInput" }
}

/// A list of diagnostics thrown together (several independent problems in one check).
public struct DiagnosticList: Error, Sendable {
  public let diagnostics: [Diagnostic]
  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
