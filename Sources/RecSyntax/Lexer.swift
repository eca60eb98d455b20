import RecCore

/// Turns source bytes into tokens. It never fails: a character that starts no token
/// becomes an `.invalid` token and an unterminated string a `.string` token, each with
/// a `problem` the parser reports when it reaches it.
///
/// Line breaks produce no token; instead the first token of each line is marked
/// (`startsLine`, `indentation`, `followsBlankLine`) and the parser reads the layout from
/// there. `#` comments are skipped, and so are lines holding only a comment; their ranges
/// are kept in `comments` for the formatter, which puts them back.
package struct Lexer {
  private let bytes: [UInt8]
  private var position: Int
  private let end: Int
  /// The byte range of every `#` comment `tokenize` passed, `#` included, in source order.
  private(set) var comments: [Range<Int>] = []

  /// A lexer over `range` of `file` (the whole file by default; a `{…}` part of a string
  /// when the parser reads an interpolation).
  init(_ file: SourceFile, range: Range<Int>? = nil) {
    self.bytes = file.bytes
    let range = range ?? 0..<file.bytes.count
    self.position = range.lowerBound == 0 && file.hasByteOrderMark ? 3 : range.lowerBound
    self.end = range.upperBound
  }

  /// Every token of the range, ending with `.endOfFile`.
  /// - Complexity: O(n) in the length of the range.
  mutating func tokenize() -> [Token] {
    var tokens: [Token] = []
    var startsLine = true
    var blankLine = false
    var indentation = 0
    while true {
      // Blanks and comments; at a line start, also measure the indentation.
      var sawLineBreak = false
      var lineHasContent = !startsLine
      while position < end {
        let b = bytes[position]
        if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") {
          position += 1
          if startsLine { indentation += 1 }
        } else if b == UInt8(ascii: "#") {
          let start = position
          while position < end && bytes[position] != UInt8(ascii: "\n") { position += 1 }
          var stop = position
          if stop > start && bytes[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
          comments.append(start..<stop)
          lineHasContent = true
        } else if b == UInt8(ascii: "\n") {
          if sawLineBreak || startsLine, !lineHasContent, !tokens.isEmpty { blankLine = true }
          position += 1
          sawLineBreak = true
          startsLine = true
          lineHasContent = false
          indentation = 0
        } else {
          break
        }
      }
      var token = position < end ? scanToken() : Token(.endOfFile, end..<end)
      if startsLine || token.kind == .endOfFile {
        token.startsLine = true
        token.indentation = indentation
        token.followsBlankLine = blankLine
      }
      tokens.append(token)
      if token.kind == .endOfFile { return tokens }
      startsLine = false
      blankLine = false
      indentation = 0
    }
  }

  private func peek(_ offset: Int = 0) -> UInt8? {
    position + offset < end ? bytes[position + offset] : nil
  }

  private mutating func scanToken() -> Token {
    let start = position
    let b = bytes[position]
    if isIdentifierStart(b) {
      while let c = peek(), isIdentifierPart(c) { position += 1 }
      return Token(.identifier, start..<position)
    }
    if isDigit(b) { return scanNumber() }
    if b == UInt8(ascii: "\"") { return scanString() }
    if b == UInt8(ascii: "`") { return scanQuotedName() }
    position += 1
    let kind: Token.Kind
    switch b {
    case UInt8(ascii: "("): kind = .leftParen
    case UInt8(ascii: ")"): kind = .rightParen
    case UInt8(ascii: "["): kind = .leftBracket
    case UInt8(ascii: "]"): kind = .rightBracket
    case UInt8(ascii: ","): kind = .comma
    case UInt8(ascii: ":"): kind = .colon
    case UInt8(ascii: "|"): kind = .pipe
    case UInt8(ascii: "@"): kind = .at
    case UInt8(ascii: "+"): kind = .plus
    case UInt8(ascii: "-"): kind = .minus
    case UInt8(ascii: "*"): kind = .star
    case UInt8(ascii: "/"): kind = .slash
    case UInt8(ascii: "%"): kind = .percentSign
    case UInt8(ascii: "."): kind = match(".") ? .dotDot : .dot
    case UInt8(ascii: "="): kind = match("=") ? .equalEqual : .equal
    case UInt8(ascii: "<"): kind = match("=") ? .lessEqual : .less
    case UInt8(ascii: ">"): kind = match("=") ? .greaterEqual : .greater
    case UInt8(ascii: "!") where match("="): kind = .notEqual
    default:
      // One whole UTF-8 scalar, so the diagnostic shows the character as typed.
      while let c = peek(), c & 0xC0 == 0x80 { position += 1 }
      var token = Token(.invalid, start..<position)
      let text = String(decoding: bytes[start..<position], as: UTF8.self)
      token.problem = (.invalidCharacter(text), start..<position)
      return token
    }
    return Token(kind, start..<position)
  }

  private mutating func match(_ c: Unicode.Scalar) -> Bool {
    guard peek() == UInt8(ascii: c) else { return false }
    position += 1
    return true
  }

  /// Integers, decimals, percentages, durations, grid sizes, dates and datetimes. Which one is
  /// decided by what directly follows the digits; the parser converts the text.
  private mutating func scanNumber() -> Token {
    let start = position
    scanDigits(underscores: true)
    var kind = Token.Kind.integer
    if position - start == 4, peek() == UInt8(ascii: "-"), digitsAhead(1, 2), peek(3) == UInt8(ascii: "-"),
      digitsAhead(4, 2)
    {
      position += 6
      kind = .date
      if peek() == UInt8(ascii: "T"), digitsAhead(1, 2), peek(3) == UInt8(ascii: ":"), digitsAhead(4, 2) {
        position += 6
        kind = .datetime
        if peek() == UInt8(ascii: ":"), digitsAhead(1, 2) { position += 3 }
      }
    } else if peek() == UInt8(ascii: "."), let next = peek(1), isDigit(next) {
      position += 1
      scanDigits(underscores: true)
      kind = .decimal
    }
    if kind == .integer || kind == .decimal, peek() == UInt8(ascii: "%"), !followsWord(1) {
      position += 1
      kind = .percent
    } else if kind == .integer, let unit = peek(), "smhdw".utf8.contains(unit), !followsWord(1) {
      position += 1
      kind = .duration
    } else if kind == .integer, peek() == UInt8(ascii: "x"), let next = peek(1), isDigit(next) {
      position += 1
      scanDigits(underscores: false)
      kind = .grid
    }
    if followsWord(0) {
      // `10abc`, `2026-06-01x`: one malformed token rather than two that parse by accident.
      while let c = peek(), isIdentifierPart(c) { position += 1 }
      var token = Token(.invalid, start..<position)
      token.problem = (.invalidNumber(String(decoding: bytes[start..<position], as: UTF8.self)), start..<position)
      return token
    }
    return Token(kind, start..<position)
  }

  /// Whether the byte at `offset` would continue a word, so a suffix is not a suffix.
  private func followsWord(_ offset: Int) -> Bool {
    peek(offset).map(isIdentifierPart) ?? false
  }

  private mutating func scanDigits(underscores: Bool) {
    while let c = peek(), isDigit(c) || (underscores && c == UInt8(ascii: "_")) { position += 1 }
  }

  private func digitsAhead(_ offset: Int, _ count: Int) -> Bool {
    (offset..<offset + count).allSatisfy { peek($0).map(isDigit) ?? false }
  }

  /// A string runs to its closing quote on the same line. Inside `{…}` a nested string may
  /// appear (`"{f("x")}"`), so braces and quotes are tracked to find the real end.
  private mutating func scanString() -> Token {
    let start = position
    if scanStringBody() { return Token(.string, start..<position) }
    var token = Token(.string, start..<position)
    token.problem = (.unterminatedString(), start..<start + 1)
    return token
  }

  /// `` `name` ``: any characters but a backquote and a line break, at least one, so that a
  /// column such as `recall@4x5` or `Δ ndcg@10` can be named in a query.
  private mutating func scanQuotedName() -> Token {
    let start = position
    position += 1
    while let c = peek(), c != UInt8(ascii: "`"), c != UInt8(ascii: "\n") { position += 1 }
    let closed = peek() == UInt8(ascii: "`")
    if closed { position += 1 }
    var token = Token(.identifier, start..<position)
    token.quoted = true
    if !closed {
      token.problem = (.unterminatedQuotedName(), start..<start + 1)
    } else if position - start == 2 {
      token.problem = (.emptyQuotedName(), start..<position)
    }
    return token
  }

  /// Scans from an opening quote past its closing quote; false when the line or input ends first.
  /// Iterative, with one count of open braces per nested string, so no input can exhaust the stack.
  private mutating func scanStringBody() -> Bool {
    position += 1
    var braces = [0]
    while let c = peek(), c != UInt8(ascii: "\n") {
      position += 1
      switch c {
      case UInt8(ascii: "\\"):
        if let next = peek(), next != UInt8(ascii: "\n") { position += 1 }
      case UInt8(ascii: "{"):
        braces[braces.count - 1] += 1
      case UInt8(ascii: "}"):
        braces[braces.count - 1] = max(0, braces[braces.count - 1] - 1)
      case UInt8(ascii: "\"") where braces[braces.count - 1] > 0:
        braces.append(0)
      case UInt8(ascii: "\""):
        braces.removeLast()
        if braces.isEmpty { return true }
      default:
        break
      }
    }
    return false
  }
}

func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

func isIdentifierStart(_ b: UInt8) -> Bool {
  (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    || b == UInt8(ascii: "_")
}

func isIdentifierPart(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }
