import RecCore

/// Parses a script or a REPL entry into a program.
///
/// Never throws and never stops early: each statement with an error yields one diagnostic
/// (panic mode) and parsing goes on at the next statement.
public func parse(_ file: SourceFile) -> (Program, [Diagnostic]) {
  var parser = Parser(file)
  let statements = parser.parseProgram()
  return (Program(statements: statements, file: file), parser.diagnostics)
}

/// How an entry typed at the prompt stands: whether the REPL must, may or need not read
/// another line before running it.
public enum EntryStatus: Sendable, Equatable {
  /// Parsing stopped only because the input ended (`Diagnostic.isUnexpectedEnd`): a trailing
  /// `|`, a `row`, `page` or `diversity` header with no clause lines yet. More lines must follow.
  case unfinished
  /// Whole, and its last statement is a `row`, `page` (not `from table`), `diversity` or `eval`:
  /// statements that take clause lines, so more may follow.
  case open
  /// Whole, and nothing can follow; or wrong in a way no further line mends, so that running
  /// it reports the error at once. A `policy` is whole: its clauses fit on the header line.
  case complete
}

/// How `file` (the lines typed so far, joined with `\n`) stands as a REPL entry.
public func entryStatus(_ file: SourceFile) -> EntryStatus {
  let (program, diagnostics) = parse(file)
  if diagnostics.contains(where: \.isUnexpectedEnd) { return .unfinished }
  guard diagnostics.isEmpty, let last = program.statements.last else { return .complete }
  switch last.kind {
  case .row, .diversity, .eval: return .open
  case .page(let page):
    if case .table = page.layout { return .complete }
    return .open
  default: return .complete
  }
}

/// A hand-written recursive-descent parser over the lexer's tokens, one function per
/// production of `grammar/rec.ebnf`.
///
/// The consumption vocabulary, used everywhere:
/// - `at(_:)` looks at the current token without consuming it;
/// - `consume(if:)` consumes the current token when it matches and returns it, else nil;
/// - `expect(_:)` consumes a token that must be there, or throws the diagnostic that says
///   what was expected.
/// Parsing sees one line at a time: a token that starts a later line appears as `.endOfLine`
/// until the parser moves onto that line on purpose (`nextClause`, a `|` continuation).
///
/// Recovery: a `parse…` function throws its first `Diagnostic`; `parseProgram` records it and
/// skips to the next statement boundary, so there is at most one error per statement.
package struct Parser {
  /// How deeply expressions may nest before the parser refuses (guards the stack).
  static let maximumNesting = 200

  let file: SourceFile
  let tokens: [Token]
  /// The current token.
  var index = 0
  /// The first token of the line being parsed.
  var lineStart = 0
  /// Expression depth, checked against `maximumNesting`.
  var nesting: Int
  /// Brackets opened and not yet closed, innermost last: an error at the end of their line
  /// says which one is open.
  var openBrackets: [Token] = []
  var diagnostics: [Diagnostic] = []
  /// Whether the end of these tokens is the end of the input (false inside a string's `{…}`):
  /// only then is running out of tokens an unexpected end that more lines could complete.
  var endsInput = true

  /// A parser over `range` of `file` (the whole file by default).
  init(_ file: SourceFile, range: Range<Int>? = nil, nesting: Int = 0) {
    var lexer = Lexer(file, range: range)
    self.file = file
    self.tokens = lexer.tokenize()
    self.nesting = nesting
  }

  // MARK: - Looking at tokens

  var token: Token { tokens[index] }

  /// The current token's kind as the current line sees it.
  var kind: Token.Kind {
    let t = tokens[index]
    if t.kind == .endOfFile { return .endOfFile }
    return t.startsLine && index != lineStart ? .endOfLine : t.kind
  }

  var atEndOfLine: Bool { kind == .endOfLine || kind == .endOfFile }

  /// The source text of the current token.
  var text: String { file.text(token.range) }

  /// Where the previous token ended (the place to point at when something is missing).
  var previousEnd: Int { index > 0 ? tokens[index - 1].range.upperBound : token.range.lowerBound }

  func at(_ kind: Token.Kind) -> Bool { self.kind == kind }

  /// Whether the current token is the identifier `keyword` (keywords are contextual).
  func at(_ keyword: String) -> Bool {
    kind == .identifier && keyword.utf8.elementsEqual(file.bytes[token.range])
  }

  /// Whether the token `offset` ahead, on the current line, is the identifier `keyword`.
  func peek(_ offset: Int, is keyword: String) -> Bool {
    guard peek(offset) == .identifier else { return false }
    return keyword.utf8.elementsEqual(file.bytes[tokens[index + offset].range])
  }

  func range(_ bytes: Range<Int>) -> SourceRange { SourceRange(file: file, bytes: bytes) }

  /// The range from `start` to the end of the last consumed token.
  func range(from start: Int) -> SourceRange { range(start..<max(start, previousEnd)) }

  // MARK: - Consuming tokens

  /// Moves past the current token; a token with a lexical problem is reported here.
  @discardableResult
  mutating func advance() throws(Diagnostic) -> Token {
    let t = tokens[index]
    if let problem = t.problem { throw Diagnostic(problem.message, at: range(problem.range)) }
    precondition(t.kind != .endOfFile, "advanced past the end of input")
    index += 1
    return t
  }

  mutating func consume(if kind: Token.Kind) throws(Diagnostic) -> Token? {
    at(kind) ? try advance() : nil
  }

  mutating func consume(if keyword: String) throws(Diagnostic) -> Identifier? {
    at(keyword) ? identifier(try advance()) : nil
  }

  @discardableResult
  mutating func expect(_ kind: Token.Kind, _ what: String) throws(Diagnostic) -> Token {
    guard at(kind) else { throw failure(expected: what) }
    return try advance()
  }

  @discardableResult
  mutating func expect(_ keyword: String) throws(Diagnostic) -> Identifier {
    guard at(keyword) else { throw failure(expected: "'\(keyword)'") }
    return identifier(try advance())
  }

  /// An identifier naming a table, a definition, a column or a variable.
  mutating func expectName(_ what: String) throws(Diagnostic) -> Identifier {
    identifier(try expect(.identifier, what))
  }

  /// A table's name where tables are read: a name, or a dotted one such as `truth.searches` (the
  /// demo's truth tables), as one identifier.
  mutating func expectTableName() throws(Diagnostic) -> Identifier {
    let first = try expectName("table name")
    guard at(.dot) else { return first }
    var text = first.text
    var end = first.range
    var progress = LoopProgress()
    while progress.check(index), try consume(if: .dot) != nil {
      let part = try expectName("table name after '.'")
      text += "." + part.text
      end = part.range
    }
    return Identifier(text, first.range.union(end))
  }

  /// A string literal without interpolation: a file path, a label.
  mutating func expectStringLiteral(_ what: String) throws(Diagnostic) -> StringLiteral {
    let t = try expect(.string, what)
    let parts = try decodeString(t.range, interpolating: false)
    let value = parts.map { part in if case .text(let s) = part { s } else { "" } }.joined()
    return StringLiteral(value, range(t.range))
  }

  mutating func expectEndOfLine() throws(Diagnostic) {
    guard atEndOfLine else { throw failure(expected: "end of line") }
  }

  /// Opens a bracket that must close on the same line.
  mutating func open(_ kind: Token.Kind, _ what: String) throws(Diagnostic) {
    openBrackets.append(try expect(kind, what))
  }

  /// Closes the innermost open bracket with `kind`.
  mutating func close(_ kind: Token.Kind, _ what: String) throws(Diagnostic) {
    try expect(kind, what)
    openBrackets.removeLast()
  }

  /// The name an identifier token stands for: its text, without the backquotes of a quoted one.
  func identifier(_ t: Token) -> Identifier {
    let bytes = t.quoted ? t.range.lowerBound + 1..<max(t.range.lowerBound + 1, t.range.upperBound - 1) : t.range
    return Identifier(file.text(bytes), range(t.range))
  }

  /// The diagnostic for a missing `what` at the current token.
  ///
  /// A token with a lexical problem reports that problem instead. At the end of a line inside
  /// brackets, the message names the bracket to close and the line it opened on (Lua style).
  /// Brackets never span lines, so an open one is an error even at the end of input: the REPL
  /// reports it at once rather than reading a line that could not close it.
  func failure(expected what: String) -> Diagnostic {
    if !atEndOfLine, let problem = token.problem {
      return Diagnostic(problem.message, at: range(problem.range))
    }
    guard atEndOfLine else {
      return Diagnostic(.expected(what, after: previousText, found: quoted(text)), at: range(token.range))
    }
    let here = range(previousEnd..<previousEnd)
    guard let open = openBrackets.last else {
      return Diagnostic(.expected(what, after: previousText), at: here)
    }
    let closer = open.kind == .leftParen ? ")" : "]"
    let opener = file.text(open.range)
    let needed = "'\(closer)' (to close '\(opener)' at line \(file.shownLine(file.line(of: open.range.lowerBound))))"
    return Diagnostic(.expected(needed), at: here)
  }

  /// The previous token on the same line, quoted, for "expected X after Y".
  var previousText: String? {
    index > lineStart ? quoted(file.text(tokens[index - 1].range)) : nil
  }

  private func quoted(_ s: String) -> String {
    s.count > 24 ? "'\(s.prefix(23))…'" : "'\(s)'"
  }

  // MARK: - Layout

  /// Whether the next line continues the current statement as a clause line: it is indented
  /// deeper than `indentation` and no blank line comes before it.
  func atClauseLine(under indentation: Int) -> Bool {
    let t = tokens[index]
    return kind == .endOfLine && !t.followsBlankLine && t.indentation > indentation
  }

  /// Moves onto the next line of the same statement.
  mutating func enterLine() {
    precondition(tokens[index].startsLine, "entered a line in its middle")
    lineStart = index
  }

  // MARK: - Statements and recovery

  /// `program = { statement } ;`
  mutating func parseProgram() -> [Statement] {
    var statements: [Statement] = []
    var progress = LoopProgress()
    while progress.check(index), tokens[index].kind != .endOfFile {
      lineStart = index
      let indentation = tokens[index].indentation
      do throws(Diagnostic) {
        statements.append(try parseStatement())
      } catch {
        diagnostics.append(error)
        synchronize(indentation: indentation)
      }
    }
    return statements
  }

  /// Skips the rest of a statement that holds an error: its line, its clause lines (deeper
  /// than `indentation`) and its `|` continuation lines.
  mutating func synchronize(indentation: Int) {
    openBrackets = []
    if index == lineStart && tokens[index].kind != .endOfFile { index += 1 }
    while true {
      let t = tokens[index]
      if t.kind == .endOfFile { return }
      if t.startsLine && (t.followsBlankLine || (t.indentation <= indentation && t.kind != .pipe)) { return }
      index += 1
    }
  }
}

/// Asserts that a parser loop consumed something on every turn, so that no input can make
/// the parser spin.
struct LoopProgress {
  private var last: Int?

  /// Call at the top of each turn with the current token index; always true.
  mutating func check(_ index: Int) -> Bool {
    if let last { precondition(index > last, "parser loop made no progress") }
    last = index
    return true
  }
}
