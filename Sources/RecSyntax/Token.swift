import RecCore

/// A lexeme: a kind plus a byte range into its `SourceFile`.
///
/// Values (the number a literal means, the text a string holds) are read from the
/// source text by the parser; line and column are computed only when a diagnostic is
/// rendered. A token that begins a line also records the line's layout, which is
/// significant: clause lines are indented deeper than their header, and a blank line
/// ends a definition.
package struct Token: Sendable {
  enum Kind: Sendable, Equatable {
    case identifier
    /// `1_000`
    case integer
    /// `0.25`
    case decimal
    /// `20%`, `2.5%`
    case percent
    /// `90s 30m 12h 7d 2w`
    case duration
    /// `2026-06-01`
    case date
    /// `2026-06-01T18:30`, `2026-06-01T18:30:15`
    case datetime
    /// `4x5`
    case grid
    /// `"…"`, quotes included; escapes and `{expr}` parts are decoded by the parser.
    case string
    case leftParen, rightParen, leftBracket, rightBracket
    case comma, colon, dot, dotDot, pipe, at
    case equal, equalEqual, notEqual, less, lessEqual, greater, greaterEqual
    case plus, minus, star, slash, percentSign
    /// A character that starts no token; carries a lexical diagnostic.
    case invalid
    case endOfFile
    /// Never produced by the lexer: what the parser sees at a line break inside a statement.
    case endOfLine
  }

  var kind: Kind
  var range: Range<Int>
  /// Whether this is the first token on its line (always true for `endOfFile`).
  var startsLine = false
  /// For a token that starts a line: the number of blanks before it.
  var indentation = 0
  /// For a token that starts a line: whether a whitespace-only line lies between it and the
  /// previous token. Comment-only lines are not blank.
  var followsBlankLine = false
  /// Whether an identifier is written between backquotes (`` `recall@4x5` ``): a name that is not
  /// a plain word, never a keyword.
  var quoted = false
  /// A problem the lexer found (an unterminated string, a bad character), reported by the
  /// parser when it reaches the token.
  var problem: (message: DiagnosticMessage, range: Range<Int>)?

  init(_ kind: Kind, _ range: Range<Int>) {
    self.kind = kind
    self.range = range
  }
}
