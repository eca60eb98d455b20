import RecCore

/// A query: a source table and transforms, `from plays | where … | group by …`.
public struct Pipeline: Sendable {
  /// The table read first: a name, `_`, or `_N`.
  public var source: Identifier
  public var steps: [Transform]
  public var range: SourceRange

  public init(source: Identifier, steps: [Transform], range: SourceRange) {
    self.source = source
    self.steps = steps
    self.range = range
  }
}

/// A named expression in `select`, `derive`, `group by` and its aggregates:
/// `n = count()`, or a bare expression whose name is derived (`member.country` → `country`).
public struct Binding: Sendable {
  public var name: Identifier?
  public var expr: Expr

  public init(name: Identifier?, expr: Expr) {
    self.name = name
    self.expr = expr
  }
}

/// One stage of a pipeline.
public struct Transform: Sendable {
  public enum Kind: Sendable {
    case filter(Expr)
    case select([Binding])
    case derive([Binding])
    case group(keys: [Binding], aggregates: [Binding])
    case sort([SortKey])
    case take(Expr)
    case join(table: Identifier, on: Expr)
    /// `distinct` over every column, or over the given columns.
    case distinct([Binding])
  }

  public var kind: Kind
  public var range: SourceRange

  public init(_ kind: Kind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}
