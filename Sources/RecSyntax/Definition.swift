import RecCore

/// `row NAME ["TITLE"]` with clauses `for x in SOURCE`, `from SOURCE [where E]`, `where E`,
/// `order by K [asc|desc], …`, `exclude watched|shown|TABLE, …`, `limit N`.
public struct RowDefinition: Sendable {
  public var name: Identifier
  /// The title a member sees; may interpolate `{member.country}`, `{seed.name}`.
  public var title: Expr?
  public var expansion: (variable: Identifier, source: Expr)?
  /// The candidate source: a call (`popular(window: 7d)`) or a name (`titles`).
  public var source: Expr?
  public var filter: Expr?
  public var order: [SortKey]
  public var exclude: [Identifier]
  public var limit: Expr?
  public var range: SourceRange

  public init(name: Identifier, title: Expr?, range: SourceRange) {
    self.name = name
    self.title = title
    self.expansion = nil
    self.source = nil
    self.filter = nil
    self.order = []
    self.exclude = []
    self.limit = nil
    self.range = range
  }
}

/// `page NAME ["TITLE"]` with `rows …` or `candidates …`, `utility …`, `diversity D`,
/// `size R x C`; or `page NAME from table T`.
public struct PageDefinition: Sendable {
  public enum Layout: Sendable {
    /// Rule-based: rows in the given order.
    case rows([Identifier])
    /// Row-ranked: candidates placed greedily by utility.
    case candidates([Identifier])
    /// A grid logged elsewhere: `member, row, col, title[, row_title]`.
    case table(Identifier)
  }

  public enum Utility: Sendable {
    case formula(Expr)
    case model(Identifier)
    /// `utility uplift [NAME]`: the uplift model named (the session's only one when not), and
    /// where the word `uplift` is written.
    case uplift(Identifier?, SourceRange)
  }

  public var name: Identifier
  public var title: Expr?
  public var layout: Layout?
  public var utility: Utility?
  public var diversity: Identifier?
  public var size: (rows: Int, columns: Int, range: SourceRange)?
  public var range: SourceRange

  public init(name: Identifier, title: Expr?, range: SourceRange) {
    self.name = name
    self.title = title
    self.layout = nil
    self.utility = nil
    self.diversity = nil
    self.size = nil
    self.range = range
  }
}

/// `diversity NAME` with rule lines.
public struct DiversityDefinition: Sendable {
  public enum Rule: Sendable {
    /// `unique titles`
    case uniqueTitles
    /// `max K rows per genre`
    case maxRowsPer(Expr, key: Identifier)
    /// `max similarity X by titles|genres`
    case maxSimilarity(Expr, by: Identifier)
    /// `penalty λ`
    case penalty(Expr)
    /// `min row length K`
    case minRowLength(Expr)
  }

  public var name: Identifier
  public var rules: [(rule: Rule, range: SourceRange)]
  public var range: SourceRange

  public init(name: Identifier, rules: [(rule: Rule, range: SourceRange)], range: SourceRange) {
    self.name = name
    self.rules = rules
    self.range = range
  }
}

/// `model NAME = logistic(f, …) on TABLE`
public struct ModelDefinition: Sendable {
  public var name: Identifier
  public var kind: Identifier
  public var features: [Expr]
  public var table: Identifier
  public var range: SourceRange

  public init(name: Identifier, kind: Identifier, features: [Expr], table: Identifier, range: SourceRange) {
    self.name = name
    self.kind = kind
    self.features = features
    self.table = table
    self.range = range
  }
}

/// `metric NAME = EXPR on TABLE`
public struct MetricDefinition: Sendable {
  public var name: Identifier
  public var formula: Expr
  public var table: Identifier
  public var range: SourceRange

  public init(name: Identifier, formula: Expr, table: Identifier, range: SourceRange) {
    self.name = name
    self.formula = formula
    self.table = table
    self.range = range
  }
}

/// `policy NAME = ALGORITHM [context E, …] [features E, …] [trained on TABLE] [learning]`
public struct PolicyDefinition: Sendable {
  public var name: Identifier
  /// `random`, `greedy`, `epsilon_greedy(epsilon: 10%)`, `thompson(prior: beta(1, 1))`, …
  public var algorithm: Expr
  public var context: [Expr]
  public var features: [Expr]
  public var trainedOn: Identifier?
  /// The `learning` keyword, when written: the policy goes on learning while it is judged.
  public var learning: Identifier?
  public var range: SourceRange

  public init(name: Identifier, algorithm: Expr, range: SourceRange) {
    self.name = name
    self.algorithm = algorithm
    self.context = []
    self.features = []
    self.trainedOn = nil
    self.learning = nil
    self.range = range
  }
}

/// `uplift NAME = LEARNER on TABLE [treat C] [outcome C] [within D] [propensity C]`: a per
/// member-title uplift model (`tlearner(logistic(f, …))`, `response(logistic(f, …))`).
public struct UpliftModelDefinition: Sendable {
  public var name: Identifier
  /// The learner as written: a call whose argument is the base model's call.
  public var learner: Expr
  public var table: Identifier
  /// The treatment column; nil means `shown`.
  public var treat: Identifier?
  /// The outcome column; nil means `played`.
  public var outcome: Identifier?
  /// `outcome plays within D`: plays attributed to the exposure within D.
  public var within: Expr?
  public var propensity: Identifier?
  public var range: SourceRange

  public init(name: Identifier, learner: Expr, table: Identifier, range: SourceRange) {
    self.name = name
    self.learner = learner
    self.table = table
    self.treat = nil
    self.outcome = nil
    self.within = nil
    self.propensity = nil
    self.range = range
  }
}
