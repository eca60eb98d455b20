import RecCore

extension Parser {
  /// Binary operators and their precedence, loosest first (Lua's `priority[]`): every binary
  /// operator is parsed by `parseBinary` from this one table.
  static let binaryPrecedence: [BinaryOperator: Int] = [
    .or: 1,
    .and: 2,
    // 3 is `not`, a prefix operator: `not a = b` is `not (a = b)`.
    .equal: 4, .notEqual: 4, .less: 4, .lessEqual: 4, .greater: 4, .greaterEqual: 4, .in: 4, .within: 4,
    .add: 5, .subtract: 5,
    .multiply: 6, .divide: 6, .remainder: 6,
  ]

  /// The operand of `not` binds everything tighter than `and`.
  static let notPrecedence = 3

  /// `x is [not] missing` binds like a comparison: `a + b is missing` tests the sum.
  static let missingTestPrecedence = 4

  /// The binary operator at the current token, if any (`in`, `within`, `and`, `or` are words).
  var binaryOperator: BinaryOperator? {
    switch kind {
    case .equal, .equalEqual: .equal
    case .notEqual: .notEqual
    case .less: .less
    case .lessEqual: .lessEqual
    case .greater: .greater
    case .greaterEqual: .greaterEqual
    case .plus: .add
    case .minus: .subtract
    case .star: .multiply
    case .slash: .divide
    case .percentSign: .remainder
    case .identifier: ["or", "and", "in", "within"].contains(text) ? BinaryOperator(rawValue: text) : nil
    default: nil
    }
  }

  /// `expression = unary { binaryOperator unary } ;` (precedence from `binaryPrecedence`)
  mutating func parseExpression() throws(Diagnostic) -> Expr {
    try parseBinary(above: 0)
  }

  /// `expression = unary { binaryOperator unary } ;` by precedence climbing: parses operands
  /// joined by operators that bind tighter than `limit`. Every binary operator is left-associative;
  /// a run of operators of one precedence is one `.binary` node, however long, so a flat chain
  /// costs no depth here or in any pass over the tree.
  mutating func parseBinary(above limit: Int) throws(Diagnostic) -> Expr {
    var left = try parseUnary()
    var links: [BinaryLink] = []
    var chainPrecedence = 0
    func close(_ left: Expr, _ links: [BinaryLink]) -> Expr {
      guard let last = links.last else { return left }
      return Expr(.binary(left, links), left.range.union(last.operand.range))
    }
    var progress = LoopProgress()
    while progress.check(index) {
      if at("is"), Self.missingTestPrecedence > limit {
        // A postfix test of everything parsed so far at tighter precedence.
        try advance()
        let negated = try consume(if: "not") != nil
        let end = try expect("missing")
        left = close(left, links)
        links = []
        chainPrecedence = 0
        left = Expr(.unary(negated ? .isNotMissing : .isMissing, left), left.range.union(end.range))
        continue
      }
      guard let op = binaryOperator, let precedence = Self.binaryPrecedence[op], precedence > limit else { break }
      try advance()
      let right = try parseBinary(above: precedence)
      // Later operators in this loop bind no tighter: a looser one starts a chain of its own.
      if precedence != chainPrecedence {
        left = close(left, links)
        links = []
        chainPrecedence = precedence
      }
      links.append(BinaryLink(op, right))
    }
    return close(left, links)
  }

  /// `unary = "-" unary | "not" unary | postfix ;` (the operand of `not` takes comparisons)
  mutating func parseUnary() throws(Diagnostic) -> Expr {
    guard nesting < Self.maximumNesting else {
      throw Diagnostic(.nestingTooDeep(Self.maximumNesting), at: range(token.range))
    }
    nesting += 1
    defer { nesting -= 1 }
    let start = token.range.lowerBound
    if try consume(if: .minus) != nil {
      let operand = try parseUnary()
      return Expr(.unary(.negate, operand), range(from: start))
    }
    if try consume(if: "not") != nil {
      let operand = try parseBinary(above: Self.notPrecedence)
      return Expr(.unary(.not, operand), range(from: start))
    }
    return try parsePostfix()
  }

  /// `postfix = primary { "." name } ;` Each `.name` nests the expression one level deeper
  /// (`a.b.c` is `(a.b).c`), so a chain counts against `maximumNesting` like brackets do.
  mutating func parsePostfix() throws(Diagnostic) -> Expr {
    var expr = try parsePrimary()
    var progress = LoopProgress()
    var depth = nesting
    while progress.check(index), let dot = try consume(if: .dot) {
      depth += 1
      guard depth < Self.maximumNesting else {
        throw Diagnostic(.nestingTooDeep(Self.maximumNesting), at: range(dot.range))
      }
      let field = try expectName("field name")
      expr = Expr(.member(expr, field.text), expr.range.union(field.range))
    }
    return expr
  }

  /// ```
  /// primary = literal | "true" | "false" | string | name | call | "(" expression ")"
  ///         | "[" [ expression { "," expression } ] "]" ;
  /// call = name arguments ;
  /// ```
  mutating func parsePrimary() throws(Diagnostic) -> Expr {
    let start = token.range.lowerBound
    switch kind {
    case .identifier:
      if at("true") || at("false") {
        return Expr(.literal(.bool(at("true"))), range(try advance().range))
      }
      let name = identifier(try advance())
      // A call only when `(` touches the name: `group by title (n = count())` keeps its aggregates apart.
      guard at(.leftParen), token.range.lowerBound == name.range.bytes.upperBound else {
        return Expr(.name(name.text), name.range)
      }
      return Expr(.call(name.text, try parseArguments()), range(from: start))
    case .leftParen:
      try open(.leftParen, "'('")
      let inner = try parseExpression()
      try close(.rightParen, "')'")
      return Expr(inner.kind, range(from: start))
    case .leftBracket:
      try open(.leftBracket, "'['")
      var items: [Expr] = []
      if !at(.rightBracket) { items = try commaSeparated { p throws(Diagnostic) in try p.parseExpression() } }
      try close(.rightBracket, "',' or ']'")
      return Expr(.list(items), range(from: start))
    case .string:
      return try parseString()
    case .integer, .decimal, .percent, .duration, .date, .datetime, .grid:
      return try parseLiteral()
    default:
      throw failure(expected: "expression")
    }
  }

  /// `arguments = "(" [ argument { "," argument } ] ")" ; argument = [ name ":" ] expression ;`
  mutating func parseArguments() throws(Diagnostic) -> [Argument] {
    try open(.leftParen, "'('")
    var arguments: [Argument] = []
    if !at(.rightParen) {
      arguments = try commaSeparated { p throws(Diagnostic) in
        var label: Identifier?
        if p.at(.identifier), p.peek(1) == .colon {
          label = p.identifier(try p.advance())
          try p.advance()
        }
        return Argument(label: label, value: try p.parseExpression())
      }
    }
    try close(.rightParen, "',' or ')'")
    return arguments
  }

  /// Items separated by commas: `item { "," item }`.
  mutating func commaSeparated<T>(_ parseItem: (inout Parser) throws(Diagnostic) -> T) throws(Diagnostic) -> [T] {
    var items: [T] = []
    var progress = LoopProgress()
    repeat {
      _ = progress.check(index)
      items.append(try parseItem(&self))
    } while try consume(if: .comma) != nil
    return items
  }

  /// The kind of the token `offset` ahead, as the current line sees it.
  func peek(_ offset: Int) -> Token.Kind {
    let t = tokens[min(index + offset, tokens.count - 1)]
    if t.kind == .endOfFile { return .endOfFile }
    return t.startsLine ? .endOfLine : t.kind
  }

  /// `sortKey = "-" expression | expression [ "asc" | "desc" ] ;`
  mutating func parseSortKey() throws(Diagnostic) -> SortKey {
    if try consume(if: .minus) != nil {
      return SortKey(expr: try parseExpression(), descending: true)
    }
    let expr = try parseExpression()
    if try consume(if: "desc") != nil { return SortKey(expr: expr, descending: true) }
    _ = try consume(if: "asc")
    return SortKey(expr: expr, descending: false)
  }

  // MARK: - Literals

  /// `literal = integer [ ".." integer ] | decimal | percent | duration | date | datetime | grid ;`
  ///
  /// Units are applied here: `20%` is 0.2, `7d` is 604 800 seconds, a date is days since 1970.
  mutating func parseLiteral() throws(Diagnostic) -> Expr {
    let t = token
    let literal: Literal
    switch t.kind {
    case .integer:
      let low = try integerValue(t)
      try advance()
      guard try consume(if: .dotDot) != nil else { return Expr(.literal(.int(low)), range(t.range)) }
      let high = try integerValue(try expect(.integer, "integer"))
      return Expr(.literal(.range(low, high)), range(from: t.range.lowerBound))
    case .decimal:
      literal = .float(Double(digits(t)) ?? 0)
    case .percent:
      literal = .percent((Double(digits(t).dropLast()) ?? 0) / 100)
    case .duration:
      let text = digits(t)
      let units = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
      let (value, overflow) = try integerValue(t, text.dropLast()).multipliedReportingOverflow(
        by: units[String(text.last!)]!)
      guard !overflow else { throw Diagnostic(.numberTooLarge(text), at: range(t.range)) }
      literal = .duration(value)
    case .date:
      literal = .date(try dateValue(t))
    case .datetime:
      literal = .datetime(try dateTimeValue(t))
    case .grid:
      let sides = digits(t).split(separator: "x")
      literal = .grid(try integerValue(t, sides[0]), try integerValue(t, sides[1]))
    default:
      throw failure(expected: "literal")
    }
    try advance()
    return Expr(.literal(literal), range(t.range))
  }

  /// The token's text without `_` digit separators.
  func digits(_ t: Token) -> String { file.text(t.range).filter { $0 != "_" } }

  func integerValue(_ t: Token, _ text: Substring? = nil) throws(Diagnostic) -> Int {
    let text = text.map(String.init) ?? digits(t)
    guard let value = Int(text) else { throw Diagnostic(.numberTooLarge(file.text(t.range)), at: range(t.range)) }
    return value
  }

  /// Days since 1970-01-01 of a `YYYY-MM-DD` token (or a datetime's date part).
  func dateValue(_ t: Token) throws(Diagnostic) -> Int {
    let text = file.text(t.range)
    let parts = text.prefix(10).split(separator: "-").map { Int($0) ?? 0 }
    guard CivilTime.isValid(year: parts[0], month: parts[1], day: parts[2]) else {
      throw Diagnostic(.invalidDate(String(text.prefix(10))), at: range(t.range.lowerBound..<t.range.lowerBound + 10))
    }
    return CivilTime.days(year: parts[0], month: parts[1], day: parts[2])
  }

  /// Seconds since 1970-01-01T00:00 of a `YYYY-MM-DDTHH:MM[:SS]` token.
  func dateTimeValue(_ t: Token) throws(Diagnostic) -> Int {
    let days = try dateValue(t)
    let clock = file.text(t.range).dropFirst(11).split(separator: ":").map { Int($0) ?? 0 }
    let (hours, minutes, seconds) = (clock[0], clock[1], clock.count > 2 ? clock[2] : 0)
    guard hours < 24, minutes < 60, seconds < 60 else {
      throw Diagnostic(.invalidTime(file.text(t.range)), at: range(t.range))
    }
    return days * 86_400 + hours * 3600 + minutes * 60 + seconds
  }

  // MARK: - Strings

  /// `string = '"' { character | escape | "{" expression "}" } '"' ;`
  ///
  /// A string with no `{…}` part is a plain string literal; otherwise an interpolation.
  mutating func parseString() throws(Diagnostic) -> Expr {
    let t = try expect(.string, "string")
    let parts = try decodeString(t.range, interpolating: true)
    switch parts.count {
    case 0: return Expr(.literal(.string("")), range(t.range))
    case 1: if case .text(let s) = parts[0] { return Expr(.literal(.string(s)), range(t.range)) }
    default: break
    }
    return Expr(.interpolated(parts), range(t.range))
  }

  /// The parts of the string token at `bytes`: text with escapes applied, and each `{expr}`
  /// parsed in place (so its ranges point into the file). Without `interpolating`, braces are text.
  func decodeString(_ bytes: Range<Int>, interpolating: Bool) throws(Diagnostic) -> [StringPart] {
    let source = file.bytes
    var parts: [StringPart] = []
    var buffer: [UInt8] = []
    func flush() {
      if !buffer.isEmpty { parts.append(.text(String(decoding: buffer, as: UTF8.self))) }
      buffer = []
    }
    var i = bytes.lowerBound + 1
    let end = bytes.upperBound - 1
    while i < end {
      let b = source[i]
      if b == UInt8(ascii: "\\") {
        let escaped: [UInt8: UInt8] = [
          UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"),
          UInt8(ascii: "n"): UInt8(ascii: "\n"), UInt8(ascii: "t"): UInt8(ascii: "\t"),
          UInt8(ascii: "{"): UInt8(ascii: "{"), UInt8(ascii: "}"): UInt8(ascii: "}"),
        ]
        guard i + 1 < end, let value = escaped[source[i + 1]] else {
          let width = i + 1 < end ? 2 : 1
          throw Diagnostic(.invalidEscape(file.text(i..<i + width)), at: range(i..<i + width))
        }
        buffer.append(value)
        i += 2
      } else if interpolating && b == UInt8(ascii: "{") {
        flush()
        guard let close = matchingBrace(from: i, before: end) else {
          let line = file.line(of: i)
          throw Diagnostic(.expected("'}' (to close '{' at line \(line))"), at: range(end..<end))
        }
        var inner = Parser(file, range: i + 1..<close, nesting: nesting + 1)
        inner.endsInput = false
        parts.append(.expr(try inner.parseInterpolation()))
        i = close + 1
      } else {
        buffer.append(b)
        i += 1
      }
    }
    flush()
    return parts
  }

  /// The offset of the `}` that closes the `{` at `open`, skipping nested strings.
  private func matchingBrace(from open: Int, before end: Int) -> Int? {
    let source = file.bytes
    var depth = 0
    var inString = false
    var i = open
    while i < end {
      switch source[i] {
      case UInt8(ascii: "\\"): i += 1
      case UInt8(ascii: "\"") : inString.toggle()
      case UInt8(ascii: "{") where !inString: depth += 1
      case UInt8(ascii: "}") where !inString:
        depth -= 1
        if depth == 0 { return i }
      default: break
      }
      i += 1
    }
    return nil
  }

  /// `interpolation = expression ;` the whole text between `{` and `}`.
  mutating func parseInterpolation() throws(Diagnostic) -> Expr {
    let expr = try parseExpression()
    guard kind == .endOfFile else { throw failure(expected: "'}'") }
    return expr
  }
}
