import RecCore

extension Formatter {
  /// How tightly a printed expression holds together: an operand that binds looser than its
  /// place needs parentheses. Binary operators take theirs from `Parser.binaryPrecedence`.
  private static let notPrecedence = Parser.notPrecedence
  private static let prefixPrecedence = 7
  private static let primaryPrecedence = 8

  /// `expr` in canonical layout: one space around binary operators, `, ` between items, literals
  /// and strings exactly as written, parentheses where the source had them or the tree needs them.
  static func text(_ expr: Expr) -> String {
    let body: String
    switch expr.kind {
    case .literal(let literal):
      body = literalText(literal, expr.range)
    case .name(let name):
      body = written(name)
    case .member(let base, let field):
      body = operand(base, needs: primaryPrecedence) + "." + written(field)
    case .unary(.negate, let operand):
      body = "-" + self.operand(operand, needs: prefixPrecedence)
    case .unary(.not, let operand):
      body = "not " + self.operand(operand, needs: notPrecedence + 1)
    case .unary(let test, let operand):
      body = self.operand(operand, needs: Parser.missingTestPrecedence + 1) + " " + test.rawValue
    case .binary(let first, let links):
      let precedence = links.first.flatMap { Parser.binaryPrecedence[$0.op] } ?? 0
      body = links.reduce(operand(first, needs: precedence)) { text, link in
        "\(text) \(link.op.rawValue) \(operand(link.operand, needs: precedence + 1))"
      }
    case .call(let name, let arguments):
      body = name + "(" + list(arguments.map(text)) + ")"
    case .list(let items):
      body = "[" + list(items.map(text)) + "]"
    case .interpolated:
      body = unwrapped(expr.range.text)
    }
    return isParenthesized(expr.range.text) ? "(" + body + ")" : body
  }

  /// `label: value` or `value`.
  static func text(_ argument: Argument) -> String {
    (argument.label.map { $0.text + ": " } ?? "") + text(argument.value)
  }

  /// Items joined by `, `.
  static func list(_ items: [String]) -> String { items.joined(separator: ", ") }

  /// Names joined by `, `.
  static func list(_ names: [Identifier]) -> String { list(names.map { written($0.text) }) }

  /// `name = expr` or a bare expression.
  static func text(_ binding: Binding) -> String {
    (binding.name.map { written($0.text) + " = " } ?? "") + text(binding.expr)
  }

  /// A name as it must be written to read back as itself: in backquotes unless it is a plain
  /// word that is not an operator (`recall@4x5` → `` `recall@4x5` ``, `and` → `` `and` ``).
  static func written(_ name: String) -> String {
    let bytes = Array(name.utf8)
    let plain = bytes.first.map(isIdentifierStart) == true && bytes.dropFirst().allSatisfy(isIdentifierPart)
    return plain && !Self.operatorWords.contains(name) ? name : "`" + name + "`"
  }

  /// Words the parser reads as operators or literals wherever an expression may stand.
  private static let operatorWords: Set<String> = ["and", "or", "not", "in", "within", "is", "true", "false"]

  /// `recall@4x5`, `ndcg@20[lenskit]`, `recall@Mx5`, `coverage`.
  static func text(_ metric: MetricRef) -> String {
    func bound(_ b: MetricRef.Bound) -> String {
      switch b {
      case .value(let n): String(n)
      case .variable(let name): name
      }
    }
    var text = metric.name
    switch metric.cutoff {
    case .none: break
    case .k(let k): text += "@" + bound(k)
    case .grid(let rows, let columns): text += "@" + bound(rows) + "x" + bound(columns)
    case .percent(let share): text += "@" + MetricRef.percentText(share)
    }
    return text + (metric.variant.map { "[\($0)]" } ?? "")
  }

  /// A file path or label, quotes and escapes as written.
  static func text(_ string: StringLiteral) -> String { string.range.text }

  /// `expr` where an operand must bind at least as tightly as `precedence`.
  private static func operand(_ expr: Expr, needs precedence: Int) -> String {
    let printed = text(expr)
    guard self.precedence(of: expr) < precedence, !isParenthesized(expr.range.text) else { return printed }
    return "(" + printed + ")"
  }

  private static func precedence(of expr: Expr) -> Int {
    switch expr.kind {
    case .binary(_, let links): links.first.flatMap { Parser.binaryPrecedence[$0.op] } ?? 0
    case .unary(.not, _): notPrecedence
    case .unary(.negate, _): prefixPrecedence
    case .unary: Parser.missingTestPrecedence
    default: primaryPrecedence
    }
  }

  /// The literal's source spelling (`1_000`, `20%`, `7d`, `2026-06-01`, `"a\"b"`), so that
  /// formatting never re-prints a number; a range loses only its blanks (`1..10`).
  private static func literalText(_ literal: Literal, _ range: SourceRange) -> String {
    switch literal {
    case .bool(let value): String(value)
    case .range: unwrapped(range.text).filter { $0 != " " && $0 != "\t" }
    default: unwrapped(range.text)
    }
  }

  /// `text` without the parentheses that wrap all of it, and without surrounding blanks.
  private static func unwrapped(_ text: String) -> String {
    var text = Substring(text)
    while isParenthesized(String(text)) {
      text = text.dropFirst().dropLast()
      text = text.drop { $0 == " " || $0 == "\t" }
      while text.last == " " || text.last == "\t" { text = text.dropLast() }
    }
    return String(text)
  }

  /// Whether `text` is one parenthesised expression: its first `(` closes at its last byte.
  private static func isParenthesized(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.first == UInt8(ascii: "("), bytes.last == UInt8(ascii: ")") else { return false }
    var depth = 0
    var inString = false
    var i = 0
    while i < bytes.count {
      switch bytes[i] {
      case UInt8(ascii: "\\") where inString: i += 1
      case UInt8(ascii: "\""): inString.toggle()
      case UInt8(ascii: "(") where !inString: depth += 1
      case UInt8(ascii: ")") where !inString:
        depth -= 1
        if depth == 0 { return i == bytes.count - 1 }
      default: break
      }
      i += 1
    }
    return false
  }
}
