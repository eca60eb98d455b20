import RecCore

/// An expression, with the source range it was parsed from.
public struct Expr: Sendable {
  public indirect enum Kind: Sendable {
    case literal(Literal)
    /// A bare name: a column, a loop variable (`seed`, `genre`), `member`, `title`, `now`.
    case name(String)
    /// Dotted access along keys: `member.country`, `seed.name`.
    case member(Expr, String)
    case unary(UnaryOperator, Expr)
    /// Operands joined left to right by operators of one precedence: `a + b - c` is one node,
    /// so that a flat chain of thousands of terms is as deep as two (every binary operator is
    /// left-associative).
    case binary(Expr, [BinaryLink])
    /// `f(a, key: v)`: a function, an aggregate or a row source.
    case call(String, [Argument])
    case list([Expr])
    /// A string with `{expr}` parts.
    case interpolated([StringPart])
  }

  public var kind: Kind
  public var range: SourceRange

  public init(_ kind: Kind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

/// A literal as written; units are already applied (20% is 0.2, 7d is 604800 seconds).
public enum Literal: Sendable, Equatable {
  case int(Int)
  case float(Double)
  /// A percentage, stored as its fraction (`20%` → 0.2); kept apart so messages can say "20%".
  case percent(Double)
  /// Seconds.
  case duration(Int)
  /// Days since 1970-01-01.
  case date(Int)
  /// Seconds since 1970-01-01T00:00 UTC.
  case datetime(Int)
  case string(String)
  case bool(Bool)
  /// `1..10`, both ends included.
  case range(Int, Int)
  /// `4x5`: rows by columns.
  case grid(Int, Int)
}

/// One step of a chain of binary operators: `- c` in `a + b - c`.
public struct BinaryLink: Sendable {
  public var op: BinaryOperator
  public var operand: Expr

  public init(_ op: BinaryOperator, _ operand: Expr) {
    self.op = op
    self.operand = operand
  }
}

/// A call argument, positional or named (`window: 7d`).
public struct Argument: Sendable {
  public var label: Identifier?
  public var value: Expr

  public init(label: Identifier?, value: Expr) {
    self.label = label
    self.value = value
  }
}

/// One piece of an interpolated string.
public enum StringPart: Sendable {
  case text(String)
  case expr(Expr)
}

/// A name as written, with its range: table, column, definition or keyword argument.
public struct Identifier: Sendable, Hashable {
  public var text: String
  public var range: SourceRange

  public init(_ text: String, _ range: SourceRange) {
    self.text = text
    self.range = range
  }
}

/// A string literal used as a file path or a label, with its range (quotes included).
public struct StringLiteral: Sendable {
  public var value: String
  public var range: SourceRange

  public init(_ value: String, _ range: SourceRange) {
    self.value = value
    self.range = range
  }
}

/// A metric reference: `ndcg@20`, `recall@4x5`, `recall@Mx5` (in a sweep), `coverage`,
/// `recall@20[lenskit]`.
public struct MetricRef: Sendable {
  /// One side of a cut-off: a number, or the sweep's variable.
  public enum Bound: Sendable, Equatable {
    case value(Int)
    case variable(String)
  }

  public enum Cutoff: Sendable, Equatable {
    case none
    case k(Bound)
    case grid(Bound, Bound)
    /// `uplift@10%`: a share of the rows, 0.1.
    case percent(Double)
  }

  /// A share as a percentage, to 6 decimals (0.07 reads 7%, not 7.000000000000001%).
  public static func percentText(_ share: Double) -> String {
    let percent = (share * 1e8).rounded() / 1e6
    return percent.magnitude < 1e15 && percent == percent.rounded() ? "\(Int(percent))%" : "\(percent)%"
  }

  public var name: String
  public var cutoff: Cutoff
  /// A toolkit variant in brackets (`lenskit`, `recbole`).
  public var variant: String?
  public var range: SourceRange

  public init(name: String, cutoff: Cutoff, variant: String?, range: SourceRange) {
    self.name = name
    self.cutoff = cutoff
    self.variant = variant
    self.range = range
  }
}

/// A sort key: an expression and a direction (`-n` or `n desc` sort descending).
public struct SortKey: Sendable {
  public var expr: Expr
  public var descending: Bool

  public init(expr: Expr, descending: Bool) {
    self.expr = expr
    self.descending = descending
  }
}
