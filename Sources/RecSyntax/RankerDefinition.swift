import RecCore

/// `ranker NAME = logistic | mlp(…)` with clauses `candidates S, … [limit N]`, one feature line per
/// family (`context …`, `title …`, `context_title …`), `negatives K|all` and `trained on TABLE`.
public struct RankerDefinition: Sendable {
  public var name: Identifier
  /// `logistic`, or a call: `mlp(hidden: 32, epochs: 5, batch: 256, seed: 7)`.
  public var model: Expr
  /// The candidate sources (`prefix(typos: 1)`, `genre`, `cast`, `directors`) and their limit.
  public var candidates: [Expr]
  public var limit: Expr?
  /// Each family clause as written: the family keyword and its features, in clause order.
  public var families: [(family: Identifier, features: [Expr])]
  public var negatives: Expr?
  public var trainedOn: Identifier?
  public var range: SourceRange

  public init(name: Identifier, model: Expr, range: SourceRange) {
    self.name = name
    self.model = model
    self.candidates = []
    self.limit = nil
    self.families = []
    self.negatives = nil
    self.trainedOn = nil
    self.range = range
  }
}
