/// Every help text `.help` shows, kept in one place: the statements with their syntax,
/// and the dot-commands (from `DotCommand.all`).
enum HelpText {
  /// A statement keyword, its syntax lines and what it does.
  struct Statement {
    let keyword: String
    let syntax: [String]
    let summary: String
    /// False for a statement the language reserves but this version cannot run yet.
    var available = true

    /// The summary, marked when the statement is not available yet.
    var shownSummary: String { available ? summary : summary + " (not available yet)" }
  }

  static let statements: [Statement] = [
    Statement(
      keyword: "load",
      syntax: [
        "load demo [members N] [titles N] [seed N]",
        "load movielens|recbole|obd \"DIR\"",
        "load table NAME from \"FILE\" [as csv|tsv|jsonl|parquet] [map a = b, …]",
      ], summary: "load the demo world, a dataset, or one table from a file"),
    Statement(
      keyword: "save", syntax: ["save NAME to \"FILE\""], summary: "write a table to CSV, TSV or JSON Lines"),
    Statement(
      keyword: "split",
      syntax: [
        "split T by time at DATE into A, B",
        "split T by member last 20%|N into A, B",
        "split T random 20% [seed S] into A, B",
      ], summary: "split a table into a train and a test table"),
    Statement(
      keyword: "from", syntax: ["from T | where E | select … | derive … | group by K (…) | sort -n | take N"],
      summary: "a query, shown as a table and kept as _ and _N"),
    Statement(keyword: "let", syntax: ["let NAME = from …"], summary: "keep a query's result as a table"),
    Statement(keyword: "set", syntax: ["set seed N"], summary: "set a session setting"),
    Statement(
      keyword: "row",
      syntax: [
        "row NAME [\"TITLE\"]",
        "  for x in SOURCE | from SOURCE [where E] | where E | order by E [asc|desc]",
        "  exclude watched|shown|TABLE | limit N",
      ], summary: "define a row: a candidate source and its explanation"),
    Statement(
      keyword: "page",
      syntax: [
        "page NAME [\"TITLE\"]",
        "  rows R, … | candidates R, … | utility E | utility model M | utility uplift [U]",
        "  diversity D | size R x C",
        "page NAME from table T",
      ], summary: "define a home page: a template of rows, or rows ranked by utility"),
    Statement(
      keyword: "diversity",
      syntax: [
        "diversity NAME",
        "  unique titles | max K rows per genre | max similarity X by titles|genres",
        "  penalty X | min row length K",
      ], summary: "define the rules a ranked page obeys"),
    Statement(
      keyword: "model", syntax: ["model NAME = logistic(f, …) on TABLE"],
      summary: "train a logistic row utility on logged pages (member, title, at, page, row, position, played)"),
    Statement(
      keyword: "metric", syntax: ["metric NAME = EXPR on pages"],
      summary: "define a metric: an aggregate over the cells of each judged page"),
    Statement(
      keyword: "policy",
      syntax: ["policy NAME = ALGORITHM [context E, …] [features E, …] [trained on TABLE] [learning]"],
      summary: "define an artwork bandit policy"),
    Statement(
      keyword: "ranker",
      syntax: [
        "ranker NAME = logistic | mlp(hidden: 32, epochs: 5, batch: 256, lr: 0.001, l2: 0.0001, seed: S)",
        "  candidates prefix(typos: 1), genre, cast, directors [limit N]",
        "  context F, … | title F, … | context_title F, … | negatives K|all | trained on TABLE",
      ], summary: "train a search ranker on searches with clicks (member, query, at, clicked)"),
    Statement(
      keyword: "show", syntax: ["show page P for member M", "show row R for member M"],
      summary: "show a member's page grid or row"),
    Statement(
      keyword: "explain",
      syntax: ["explain page P for member M", "explain search \"QUERY\" for member M [with R] [limit N]"],
      summary: "show a page's utility terms and rules, or each search result's feature contributions"),
    Statement(
      keyword: "eval",
      syntax: [
        "eval P, … on SPLIT", "  metrics M, … | baseline P | by E | per member | long | test fisher|t",
        "eval R, … on SPLIT", "  metrics mrr@K, ndcg@K, recall@K, hit@K | baseline R | by E | per search | long | test fisher|t",
        "eval U, … on TABLE", "  metrics qini, auuc, uplift@K%, uplift@N, true_uplift@K% [no_negative|by_group|causalml] | baseline U",
      ],
      summary: "judge pages or search rankers on a test split, or uplift models (or a column of scores) on a table of exposures"),
    Statement(
      keyword: "sweep",
      syntax: [
        "sweep METRIC for V in A..B over P, … on SPLIT [to \"FILE.svg\"]",
        "sweep qini|gain|uplift over U, … on TABLE [to \"FILE.svg\"]",
      ],
      summary: "a metric over a range of cut-offs, or uplift models' curves at every 5% of rows, as a table and a chart"),
    Statement(
      keyword: "pick", syntax: ["pick artwork for member M title T with P"],
      summary: "a policy's artwork choice and every arm's probability"),
    Statement(
      keyword: "simulate", syntax: ["simulate P, … on artwork for N impressions [seed S]"],
      summary: "play policies online against the demo's true take probabilities"),
    Statement(
      keyword: "replay", syntax: ["replay P, … on TABLE"], summary: "offline replay of policies on logged impressions"),
    Statement(
      keyword: "estimate", syntax: ["estimate P, … on TABLE with ips, snips, dm, dr [clip W] [interval bootstrap|normal]"],
      summary: "off-policy estimates with 95% intervals"),
    Statement(
      keyword: "abtest",
      syntax: [
        "abtest A vs B on SPLIT [split 50/50] [seed S] [metrics M, …]",
        "abtest on TABLE group COL metric COL [control \"X\"]",
      ], summary: "compare two pages, or the groups of a logged experiment"),
    Statement(
      keyword: "search", syntax: ["search \"QUERY\" for member M [with popular|truth] [limit N] [at TIME]"],
      summary: "a member's search results, ranked"),
    Statement(
      keyword: "cluster", syntax: ["cluster titles|members into K by plays [seed S]"],
      summary: "k-means clusters of titles or members by who plays what"),
    Statement(
      keyword: "uplift",
      syntax: [
        "uplift of T on OUTCOME by KEY [treat C] [within D]",
        "uplift NAME = tlearner|response(logistic(F, …)) on T [treat C] [outcome C [within D]] [propensity C]",
      ],
      summary: "the effect of showing on plays from a randomised holdout, per key or as a model per member and title"),
    Statement(
      keyword: "import", syntax: ["import \"FILE\""],
      summary: "run a file's definitions; data statements in it are refused"),
    Statement(
      keyword: "export", syntax: ["export page P to \"FILE\""],
      summary: "write a page and the definitions it needs to a file, formatted"),
  ]

  /// The topics `.help` knows: the two lists, every statement keyword and every dot-command.
  static var topics: [String] {
    ["statements", "dot-commands"] + statements.map(\.keyword) + DotCommand.all.map(\.name)
  }

  /// `.help` with no topic.
  static var overview: String {
    """
    Type a statement (see '.help statements') or a dot-command:

    \(dotCommands)
    '.help KEYWORD' shows a statement's syntax, e.g. '.help page'.

    """
  }

  /// The statement keywords, each with its summary.
  static var statementList: String {
    let width = statements.map(\.keyword.count).max() ?? 0
    return statements.map { pad($0.keyword, width) + "  " + $0.shownSummary + "\n" }.joined()
  }

  /// The dot-commands, each with its usage and summary, from `DotCommand.all`.
  static var dotCommands: String {
    let width = DotCommand.all.map(\.usage.count).max() ?? 0
    return DotCommand.all.map { pad($0.usage, width) + "  " + $0.summary + "\n" }.joined()
  }

  /// The text for `topic`, nil when there is no such topic.
  static func text(for topic: String) -> String? {
    switch topic {
    case "statements":
      return statementList
    case "dot-commands":
      return dotCommands
    default:
      if let statement = statements.first(where: { $0.keyword == topic }) {
        return statement.syntax.joined(separator: "\n") + "\n\n" + statement.shownSummary + "\n"
      }
      if let command = DotCommand.named(topic) {
        return command.usage + "\n\n" + command.summary + "\n"
      }
      return nil
    }
  }

  private static func pad(_ s: String, _ width: Int) -> String {
    s + String(repeating: " ", count: max(0, width - s.count))
  }
}
