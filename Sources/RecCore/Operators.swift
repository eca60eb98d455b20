/// The operators of the language: the parser reads them, the engine evaluates them.

public enum UnaryOperator: String, Sendable {
  case negate = "-"
  case not = "not"
  /// `x is missing`, `x is not missing`: postfix tests, at the precedence of comparisons.
  case isMissing = "is missing"
  case isNotMissing = "is not missing"
}

public enum BinaryOperator: String, Sendable, CaseIterable {
  case or, and
  case equal = "=", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
  /// `genre in genres`: membership in a list, or in a list literal.
  case `in`
  /// `released within 90d`: the time lies in the span before "now".
  case within
  case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
}
