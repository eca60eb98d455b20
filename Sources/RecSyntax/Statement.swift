import RecCore

/// A statement: one line, or a header line with indented clause lines.
public struct Statement: Sendable {
  public indirect enum Kind: Sendable {
    case load(Load)
    /// `save NAME to "FILE"`
    case save(table: Identifier, path: StringLiteral)
    case split(Split)
    /// A pipeline shown as a table and kept as `_`, `_N`.
    case query(Pipeline)
    /// `let NAME = <pipeline>`
    case assign(Identifier, Pipeline)
    /// `set seed 7`
    case set(Identifier, Expr)
    case row(RowDefinition)
    case page(PageDefinition)
    case diversity(DiversityDefinition)
    case model(ModelDefinition)
    case metric(MetricDefinition)
    case policy(PolicyDefinition)
    case ranker(RankerDefinition)
    /// `show page P for member M`, `show row R for member M`
    case show(what: Identifier, name: Identifier, member: Expr)
    /// `explain page P for member M`
    case explain(page: Identifier, member: Expr)
    /// `explain search "q" for member M [with R] [limit N]`
    case explainSearch(query: Expr, member: Expr, ranker: Identifier?, limit: Expr?)
    case eval(Evaluation)
    case sweep(Sweep)
    /// `sweep qini|gain|uplift over M, … on TABLE [to "FILE.svg"]`
    case upliftSweep(UpliftCurveSweep)
    /// `pick artwork for member M title T with P`
    case pick(member: Expr, title: Expr, policy: Identifier)
    /// `simulate P, … on artwork for N impressions seed S`
    case simulate(policies: [Identifier], impressions: Expr, seed: Expr?)
    /// `replay P, … on TABLE`
    case replay(policies: [Identifier], table: Identifier)
    /// `estimate P, … on TABLE with ips, snips, dm, dr [clip W] [interval bootstrap|normal]`
    case estimate(policies: [Identifier], table: Identifier, estimators: [Identifier], clip: Expr?, interval: Identifier?)
    case abtest(ABTest)
    case search(SearchStatement)
    /// `cluster titles|members into K by plays [seed S]`
    case cluster(what: Identifier, count: Expr, by: Identifier, seed: Expr?)
    /// `uplift of exposures on played by title [treat shown]`
    case uplift(UpliftOf)
    /// `uplift NAME = tlearner(logistic(f, …)) on TABLE [treat C] [outcome C] …`
    case upliftModel(UpliftModelDefinition)
    /// `import "FILE" [replacing]`
    case importFile(StringLiteral, replacing: Bool)
    /// `export page P to "FILE"`
    case export(page: Identifier, path: StringLiteral)
  }

  public var kind: Kind
  /// The whole statement, clause lines included.
  public var range: SourceRange

  public init(_ kind: Kind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

/// A parsed script or REPL entry.
public struct Program: Sendable {
  public var statements: [Statement]
  public var file: SourceFile

  public init(statements: [Statement], file: SourceFile) {
    self.statements = statements
    self.file = file
  }
}

/// The `load` statement's forms.
public enum Load: Sendable {
  /// `load demo [members N] [titles N] [seed N]`
  case demo(options: [(Identifier, Expr)])
  /// `load movielens|recbole|obd "DIR"`
  case dataset(format: Identifier, path: StringLiteral)
  /// `load table NAME from "FILE" [as csv|tsv|jsonl|parquet] [map a = b, …] [na "NA", …] [types a: int, …]`
  case table(
    name: Identifier, path: StringLiteral, format: Identifier?, map: [(to: Identifier, from: Identifier)],
    missing: [StringLiteral], types: [(column: Identifier, type: Identifier)])
}

/// `split TABLE (by time at T | by member last P | random P [seed S]) into A, B`
public struct Split: Sendable {
  public enum Method: Sendable {
    /// Rows at or after the cut go to the second table.
    case time(at: Expr)
    /// Per member, by time: the last ⌊p·n⌋ (at least 1) rows for a percentage, the last min(k, n) for a count.
    case memberLast(Expr)
    /// Per row, seeded.
    case random(fraction: Expr, seed: Expr?)
  }

  public var table: Identifier
  public var method: Method
  public var train: Identifier
  public var test: Identifier

  public init(table: Identifier, method: Method, train: Identifier, test: Identifier) {
    self.table = table
    self.method = method
    self.train = train
    self.test = test
  }
}

/// `eval P, … on SPLIT` with clauses `metrics …`, `baseline P`, `by EXPR`, `per member`,
/// `per search` or `long`, `test fisher|t`; the names are pages, or search rankers.
public struct Evaluation: Sendable {
  public var pages: [Identifier]
  public var split: Identifier
  public var metrics: [MetricRef]
  public var baseline: Identifier?
  public var segment: Expr?
  public var perMember: Bool
  /// `per search`: one row per ranker, judged search and metric.
  public var perSearch: Bool
  /// `long`: one row per page, segment and metric instead of a column per metric.
  public var long: Bool
  public var test: Identifier?

  public init(
    pages: [Identifier], split: Identifier, metrics: [MetricRef], baseline: Identifier?, segment: Expr?,
    perMember: Bool, long: Bool, test: Identifier?, perSearch: Bool = false
  ) {
    self.pages = pages
    self.split = split
    self.metrics = metrics
    self.baseline = baseline
    self.segment = segment
    self.perMember = perMember
    self.perSearch = perSearch
    self.long = long
    self.test = test
  }
}

/// `search "q" for member M [with R] [limit N] [at TIME]`
public struct SearchStatement: Sendable {
  public var query: Expr
  public var member: Expr
  public var ranker: Identifier?
  public var limit: Expr?
  public var at: Expr?

  public init(query: Expr, member: Expr, ranker: Identifier?, limit: Expr?, at: Expr?) {
    self.query = query
    self.member = member
    self.ranker = ranker
    self.limit = limit
    self.at = at
  }
}

/// `sweep METRIC for V in A..B over P, … on SPLIT [to "FILE.svg"]`
public struct Sweep: Sendable {
  public var metric: MetricRef
  public var variable: Identifier
  public var values: Expr
  public var pages: [Identifier]
  public var split: Identifier
  public var output: StringLiteral?

  public init(
    metric: MetricRef, variable: Identifier, values: Expr, pages: [Identifier], split: Identifier,
    output: StringLiteral?
  ) {
    self.metric = metric
    self.variable = variable
    self.values = values
    self.pages = pages
    self.split = split
    self.output = output
  }
}

/// `sweep qini|gain|uplift over M, … on TABLE [to "FILE.svg"]`: the curves of uplift models
/// on a table of exposures.
public struct UpliftCurveSweep: Sendable {
  /// `qini`, `gain` or `uplift`.
  public var curve: Identifier
  public var models: [Identifier]
  public var table: Identifier
  public var output: StringLiteral?

  public init(curve: Identifier, models: [Identifier], table: Identifier, output: StringLiteral?) {
    self.curve = curve
    self.models = models
    self.table = table
    self.output = output
  }
}

/// The two forms of `abtest`.
public enum ABTest: Sendable {
  /// `abtest A vs B on SPLIT [split 50/50] [seed S] [metrics …]`
  case pages(
    control: Identifier, treatment: Identifier, split: Identifier, ratio: (Int, Int)?, seed: Expr?,
    metrics: [MetricRef])
  /// `abtest on TABLE group COL metric COL [control "X"] [unit member|row]`
  case logged(table: Identifier, group: Identifier, metric: Identifier, control: Expr?, unit: Identifier?)
}

/// `uplift of T on OUTCOME by KEY [treat C] [within D]`: the effect of the treatment on the outcome,
/// per value of the key.
public struct UpliftOf: Sendable {
  /// The table of treated and held-out rows.
  public var table: Identifier
  /// The 0/1 or bool outcome column of `table`.
  public var outcome: Identifier
  /// A postfix (`title`, `member.country`), not a full expression: `within` would read as an operator.
  public var key: Expr
  /// The treatment column; nil means `shown`.
  public var treat: Identifier?
  /// `within D`: attributed plays as the outcome.
  public var within: Expr?

  public init(table: Identifier, outcome: Identifier, key: Expr, treat: Identifier?, within: Expr?) {
    self.table = table
    self.outcome = outcome
    self.key = key
    self.treat = treat
    self.within = within
  }
}
