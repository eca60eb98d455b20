import RecCore

extension Parser {
  /// The words that begin a statement, most used first (ties in "did you mean" go to the first).
  static let statementKeywords = [
    "load", "from", "let", "save", "split", "set", "row", "page", "diversity", "model", "metric", "policy",
    "ranker", "show", "explain", "eval", "sweep", "pick", "simulate", "replay", "estimate", "abtest", "search",
    "cluster", "uplift", "import", "export",
  ]

  /// ```
  /// statement = load | save | split | pipeline | let | set | row | page | diversity | model
  ///           | metric | policy | ranker | show | explain | eval | sweep | pick | simulate | replay
  ///           | estimate | abtest | search | cluster | uplift | import | export ;
  /// ```
  mutating func parseStatement() throws(Diagnostic) -> Statement {
    let start = token.range.lowerBound
    guard at(.identifier) else { throw failure(expected: "statement") }
    let kind: Statement.Kind
    switch text {
    case "load": kind = .load(try parseLoad())
    case "save": kind = try parseSave()
    case "split": kind = .split(try parseSplit())
    case "from": kind = .query(try parsePipeline())
    case "let": kind = try parseLet()
    case "set": kind = try parseSet()
    case "row": kind = .row(try parseRow())
    case "page": kind = .page(try parsePage())
    case "diversity": kind = .diversity(try parseDiversity())
    case "model": kind = .model(try parseModel())
    case "metric": kind = .metric(try parseMetric())
    case "policy": kind = .policy(try parsePolicy())
    case "ranker": kind = .ranker(try parseRanker())
    case "show": kind = try parseShow()
    case "explain": kind = try parseExplain()
    case "eval": kind = .eval(try parseEval())
    case "sweep": kind = try parseSweep()
    case "pick": kind = try parsePick()
    case "simulate": kind = try parseSimulate()
    case "replay": kind = try parseReplay()
    case "estimate": kind = try parseEstimate()
    case "abtest": kind = .abtest(try parseABTest())
    case "search": kind = try parseSearch()
    case "cluster": kind = try parseCluster()
    case "uplift": kind = try parseUplift()
    case "import": kind = try parseImport()
    case "export": kind = try parseExport()
    default:
      throw Diagnostic(.unknownStatement(text, known: Self.statementKeywords), at: range(token.range))
    }
    try expectEndOfLine()
    return Statement(kind, range(from: start))
  }

  /// One of the given words, or a diagnostic listing them.
  mutating func expectOneOf(_ words: [String]) throws(Diagnostic) -> Identifier {
    guard at(.identifier), words.contains(text) else {
      let listed = words.map { "'\($0)'" }
      throw failure(expected: listed.dropLast().joined(separator: ", ") + " or " + listed.last!)
    }
    return identifier(try advance())
  }

  /// `names = name { "," name } ;`
  mutating func parseNames(_ what: String) throws(Diagnostic) -> [Identifier] {
    try commaSeparated { p throws(Diagnostic) in try p.expectName(what) }
  }

  // MARK: - Data

  static let loadKinds = ["demo", "movielens", "recbole", "obd", "table"]
  static let demoOptions = ["members", "titles", "seed"]

  /// ```
  /// load = "load" ( "demo" { ( "members" | "titles" | "seed" ) expression }
  ///               | ( "movielens" | "recbole" | "obd" ) string
  ///               | "table" name "from" string [ "as" name ] [ "map" mapping { "," mapping } ] ) ;
  /// mapping = name "=" name ;
  /// ```
  mutating func parseLoad() throws(Diagnostic) -> Load {
    try expect("load")
    let kind = try expectName("dataset kind ('demo', 'movielens', 'recbole', 'obd' or 'table')")
    switch kind.text {
    case "demo":
      var options: [(Identifier, Expr)] = []
      var progress = LoopProgress()
      while progress.check(index), !atEndOfLine {
        let option = try expectName("option")
        guard Self.demoOptions.contains(option.text) else {
          throw Diagnostic(.unknownOption(option.text, in: "load demo", known: Self.demoOptions), at: option.range)
        }
        options.append((option, try parseExpression()))
      }
      return .demo(options: options)
    case "movielens", "recbole", "obd":
      return .dataset(format: kind, path: try expectStringLiteral("folder path in quotes"))
    case "table":
      let name = try expectName("table name")
      try expect("from")
      let path = try expectStringLiteral("file path in quotes")
      let format = try consume(if: "as") != nil ? try expectOneOf(["csv", "tsv", "jsonl", "parquet"]) : nil
      var map: [(to: Identifier, from: Identifier)] = []
      if try consume(if: "map") != nil {
        map = try commaSeparated { p throws(Diagnostic) in
          let to = try p.expectName("column name")
          try p.expect(.equal, "'='")
          return (to, try p.expectName("column name"))
        }
      }
      var missing: [StringLiteral] = []
      if try consume(if: "na") != nil {
        missing = try commaSeparated { p throws(Diagnostic) in try p.expectStringLiteral("a missing-value marker in quotes") }
      }
      var types: [(column: Identifier, type: Identifier)] = []
      if try consume(if: "types") != nil {
        types = try commaSeparated { p throws(Diagnostic) in
          let column = try p.expectName("column name")
          try p.expect(.colon, "':'")
          return (column, try p.expectName("type ('int', 'float', 'bool', 'text', 'date' or 'time')"))
        }
      }
      return .table(name: name, path: path, format: format, map: map, missing: missing, types: types)
    default:
      throw Diagnostic(.unknownLoadKind(kind.text, known: Self.loadKinds), at: kind.range)
    }
  }

  /// `save = "save" name "to" string ;`
  mutating func parseSave() throws(Diagnostic) -> Statement.Kind {
    try expect("save")
    let table = try expectTableName()
    try expect("to")
    return .save(table: table, path: try expectStringLiteral("file path in quotes"))
  }

  /// ```
  /// split = "split" name ( "by" "time" "at" expression | "by" "member" "last" expression
  ///                      | "random" expression [ "seed" expression ] ) "into" name "," name ;
  /// ```
  mutating func parseSplit() throws(Diagnostic) -> Split {
    try expect("split")
    let table = try expectName("table name")
    let method: Split.Method
    if try consume(if: "random") != nil {
      let fraction = try parseExpression()
      let seed = try consume(if: "seed") != nil ? try parseExpression() : nil
      method = .random(fraction: fraction, seed: seed)
    } else {
      _ = try expectOneOf(["by", "random"])
      if try expectOneOf(["time", "member"]).text == "time" {
        try expect("at")
        method = .time(at: try parseExpression())
      } else {
        try expect("last")
        method = .memberLast(try parseExpression())
      }
    }
    try expect("into")
    let train = try expectName("table name")
    try expect(.comma, "','")
    return Split(table: table, method: method, train: train, test: try expectName("table name"))
  }

  // MARK: - Queries

  static let transforms = ["where", "select", "derive", "group", "sort", "take", "join", "distinct"]

  /// `pipeline = "from" name { "|" transform } ;` — a `|` may begin the next line, or end a line
  /// that the next line continues.
  mutating func parsePipeline() throws(Diagnostic) -> Pipeline {
    let start = token.range.lowerBound
    try expect("from")
    let source = try expectTableName()
    var steps: [Transform] = []
    var progress = LoopProgress()
    while progress.check(index), try consumePipe() {
      steps.append(try parseTransform())
    }
    return Pipeline(source: source, steps: steps, range: range(from: start))
  }

  /// Consumes a `|` on this line or at the start of the next, moving past a line break after it.
  private mutating func consumePipe() throws(Diagnostic) -> Bool {
    if kind == .endOfLine, token.kind == .pipe, !token.followsBlankLine { enterLine() }
    guard try consume(if: .pipe) != nil else { return false }
    if kind == .endOfLine, !token.followsBlankLine { enterLine() }
    if kind == .endOfFile && endsInput {
      throw Diagnostic(.unexpectedEndOfInput("transform after '|'"), at: range(previousEnd..<previousEnd))
    }
    return true
  }

  /// ```
  /// transform = "where" expression | "select" bindings | "derive" bindings
  ///           | "group" "by" [ bindings ] [ "(" bindings ")" ] | "sort" sortKey { "," sortKey }
  ///           | "take" expression | "join" name "on" expression | "distinct" [ bindings ] ;
  /// ```
  mutating func parseTransform() throws(Diagnostic) -> Transform {
    let start = token.range.lowerBound
    let keyword = try expectName("transform")
    let kind: Transform.Kind
    switch keyword.text {
    case "where": kind = .filter(try parseExpression())
    case "select": kind = .select(try parseBindings())
    case "derive": kind = .derive(try parseBindings())
    case "group":
      try expect("by")
      let keys = at(.leftParen) ? [] : try parseBindings()
      var aggregates: [Binding] = []
      if at(.leftParen) {
        try open(.leftParen, "'('")
        aggregates = try parseBindings()
        try close(.rightParen, "',' or ')'")
      }
      kind = .group(keys: keys, aggregates: aggregates)
    case "sort": kind = .sort(try commaSeparated { p throws(Diagnostic) in try p.parseSortKey() })
    case "take": kind = .take(try parseExpression())
    case "join":
      let table = try expectTableName()
      try expect("on")
      kind = .join(table: table, on: try parseExpression())
    case "distinct": kind = .distinct(atEndOfLine || at(.pipe) ? [] : try parseBindings())
    default:
      throw Diagnostic(.unknownTransform(keyword.text, known: Self.transforms), at: keyword.range)
    }
    return Transform(kind, range(from: start))
  }

  /// `bindings = binding { "," binding } ; binding = [ name "=" ] expression ;`
  mutating func parseBindings() throws(Diagnostic) -> [Binding] {
    try commaSeparated { p throws(Diagnostic) in
      var name: Identifier?
      if p.at(.identifier), p.peek(1) == .equal {
        name = p.identifier(try p.advance())
        try p.advance()
      }
      return Binding(name: name, expr: try p.parseExpression())
    }
  }

  /// `let = "let" name "=" pipeline ;`
  mutating func parseLet() throws(Diagnostic) -> Statement.Kind {
    try expect("let")
    let name = try expectName("result name")
    try expect(.equal, "'='")
    return .assign(name, try parsePipeline())
  }

  /// `set = "set" name expression ;`
  mutating func parseSet() throws(Diagnostic) -> Statement.Kind {
    try expect("set")
    let name = try expectName("setting name")
    return .set(name, try parseExpression())
  }

  // MARK: - Pages and evaluation

  /// `forMember = "for" "member" expression ;`
  mutating func parseForMember() throws(Diagnostic) -> Expr {
    try expect("for")
    try expect("member")
    return try parseExpression()
  }

  /// `show = "show" ( "page" | "row" ) name forMember ;`
  mutating func parseShow() throws(Diagnostic) -> Statement.Kind {
    try expect("show")
    let what = try expectOneOf(["page", "row"])
    let name = try expectName("\(what.text) name")
    return .show(what: what, name: name, member: try parseForMember())
  }

  /// ```
  /// explain = "explain" ( "page" name forMember
  ///                     | "search" expression forMember [ "with" name ] [ "limit" expression ] ) ;
  /// ```
  mutating func parseExplain() throws(Diagnostic) -> Statement.Kind {
    try expect("explain")
    if try expectOneOf(["page", "search"]).text == "search" {
      let query = try parseExpression()
      let member = try parseForMember()
      let ranker = try consume(if: "with") != nil ? try expectName("ranker name") : nil
      let limit = try consume(if: "limit") != nil ? try parseExpression() : nil
      return .explainSearch(query: query, member: member, ranker: ranker, limit: limit)
    }
    let page = try expectName("page name")
    return .explain(page: page, member: try parseForMember())
  }

  static let evalClauses = ["metrics", "baseline", "by", "per", "long", "test"]

  /// ```
  /// eval = "eval" names "on" name { evalClause } { clauseLine evalClause { evalClause } } ;
  /// evalClause = "metrics" metricRef { "," metricRef } | "baseline" name | "by" expression
  ///            | "per" ( "member" | "search" ) | "long" | "test" name ;
  /// ```
  mutating func parseEval() throws(Diagnostic) -> Evaluation {
    let indentation = token.indentation
    try expect("eval")
    let pages = try parseNames("page name")
    try expect("on")
    var eval = Evaluation(
      pages: pages, split: try expectName("split name"), metrics: [], baseline: nil, segment: nil,
      perMember: false, long: false, test: nil)
    var seen: Set<String> = []
    var progress = LoopProgress()
    while progress.check(index),
      let clause = try nextClause(under: indentation, in: "eval", known: Self.evalClauses, seen: &seen)
    {
      switch clause.text {
      case "metrics": eval.metrics = try commaSeparated { p throws(Diagnostic) in try p.parseMetricRef() }
      case "baseline": eval.baseline = try expectName("page name")
      case "by": eval.segment = try parseExpression()
      case "per", "long":
        // Both choose the table's layout, and `per member` or `per search` already has one row
        // per metric.
        guard !seen.isSuperset(of: ["per", "long"]) else {
          throw Diagnostic(.conflictingClauses("long", "per member", in: "eval"), at: clause.range)
        }
        if clause.text == "long" {
          eval.long = true
        } else if try expectOneOf(["member", "search"]).text == "member" {
          eval.perMember = true
        } else {
          eval.perSearch = true
        }
      default: eval.test = try expectOneOf(["fisher", "t"])
      }
    }
    return eval
  }

  /// The curves `sweep` draws of uplift models.
  static let upliftCurves = ["qini", "gain", "uplift"]

  /// ```
  /// sweep = "sweep" metricRef "for" name "in" expression "over" names "on" name [ "to" string ]
  ///       | "sweep" ( "qini" | "gain" | "uplift" ) "over" names "on" name [ "to" string ] ;
  /// ```
  /// A curve's word followed by `over` selects the second form.
  mutating func parseSweep() throws(Diagnostic) -> Statement.Kind {
    try expect("sweep")
    if at(.identifier), Self.upliftCurves.contains(text), peek(1, is: "over") {
      let curve = try expectOneOf(Self.upliftCurves)
      try expect("over")
      let models = try parseNames("uplift model name")
      try expect("on")
      let table = try expectName("table name")
      return .upliftSweep(UpliftCurveSweep(curve: curve, models: models, table: table, output: try parseChartFile()))
    }
    let metric = try parseMetricRef()
    try expect("for")
    let variable = try expectName("variable name")
    try expect("in")
    let values = try parseExpression()
    try expect("over")
    let pages = try parseNames("page name")
    try expect("on")
    let split = try expectName("split name")
    return .sweep(
      Sweep(metric: metric, variable: variable, values: values, pages: pages, split: split, output: try parseChartFile()))
  }

  /// `[ "to" string ]`: the SVG file a sweep's chart goes to.
  private mutating func parseChartFile() throws(Diagnostic) -> StringLiteral? {
    try consume(if: "to") != nil ? try expectStringLiteral("file path in quotes") : nil
  }

  // MARK: - Artwork, experiments, search, causal, sharing

  /// `pick = "pick" "artwork" forMember "title" expression "with" name ;`
  mutating func parsePick() throws(Diagnostic) -> Statement.Kind {
    try expect("pick")
    try expect("artwork")
    let member = try parseForMember()
    try expect("title")
    let title = try parseExpression()
    try expect("with")
    return .pick(member: member, title: title, policy: try expectName("policy name"))
  }

  /// `simulate = "simulate" names "on" "artwork" "for" expression "impressions" [ "seed" expression ] ;`
  mutating func parseSimulate() throws(Diagnostic) -> Statement.Kind {
    try expect("simulate")
    let policies = try parseNames("policy name")
    try expect("on")
    try expect("artwork")
    try expect("for")
    let count = try parseExpression()
    try expect("impressions")
    let seed = try consume(if: "seed") != nil ? try parseExpression() : nil
    return .simulate(policies: policies, impressions: count, seed: seed)
  }

  /// `replay = "replay" names "on" name ;`
  mutating func parseReplay() throws(Diagnostic) -> Statement.Kind {
    try expect("replay")
    let policies = try parseNames("policy name")
    try expect("on")
    return .replay(policies: policies, table: try expectName("table name"))
  }

  /// `estimate = "estimate" names "on" name "with" names [ "clip" expression ] [ "interval" name ] ;`
  mutating func parseEstimate() throws(Diagnostic) -> Statement.Kind {
    try expect("estimate")
    let policies = try parseNames("policy name")
    try expect("on")
    let table = try expectName("table name")
    try expect("with")
    let estimators = try parseNames("estimator name")
    let clip = try consume(if: "clip") != nil ? try parseExpression() : nil
    let interval = try consume(if: "interval") != nil ? try expectName("'bootstrap' or 'normal'") : nil
    return .estimate(policies: policies, table: table, estimators: estimators, clip: clip, interval: interval)
  }

  static let abtestOptions = ["split", "seed", "metrics"]

  /// ```
  /// abtest = "abtest" "on" name "group" name "metric" name [ "control" expression ] [ "unit" name ]
  ///        | "abtest" name "vs" name "on" name { "split" integer "/" integer | "seed" expression
  ///                                            | "metrics" metricRef { "," metricRef } } ;
  /// ```
  mutating func parseABTest() throws(Diagnostic) -> ABTest {
    try expect("abtest")
    if try consume(if: "on") != nil {
      let table = try expectName("table name")
      try expect("group")
      let group = try expectName("column name")
      try expect("metric")
      let metric = try expectName("column name")
      let control = try consume(if: "control") != nil ? try parseExpression() : nil
      let unit = try consume(if: "unit") != nil ? try expectName("'member' or 'row'") : nil
      return .logged(table: table, group: group, metric: metric, control: control, unit: unit)
    }
    let control = try expectName("page name or 'on'")
    try expect("vs")
    let treatment = try expectName("page name")
    try expect("on")
    let split = try expectName("split name")
    var ratio: (Int, Int)?
    var seed: Expr?
    var metrics: [MetricRef] = []
    var progress = LoopProgress()
    while progress.check(index), !atEndOfLine {
      let option = try expectName("option")
      switch option.text {
      case "split":
        let first = try integerValue(try expect(.integer, "integer"))
        try expect(.slash, "'/'")
        ratio = (first, try integerValue(try expect(.integer, "integer")))
      case "seed": seed = try parseExpression()
      case "metrics": metrics = try commaSeparated { p throws(Diagnostic) in try p.parseMetricRef() }
      default:
        throw Diagnostic(.unknownOption(option.text, in: "abtest", known: Self.abtestOptions), at: option.range)
      }
    }
    return .pages(control: control, treatment: treatment, split: split, ratio: ratio, seed: seed, metrics: metrics)
  }

  /// `search = "search" expression forMember [ "with" name ] [ "limit" expression ] [ "at" expression ] ;`
  mutating func parseSearch() throws(Diagnostic) -> Statement.Kind {
    try expect("search")
    let query = try parseExpression()
    let member = try parseForMember()
    let ranker = try consume(if: "with") != nil ? try expectName("ranker name") : nil
    let limit = try consume(if: "limit") != nil ? try parseExpression() : nil
    let at = try consume(if: "at") != nil ? try parseExpression() : nil
    return .search(SearchStatement(query: query, member: member, ranker: ranker, limit: limit, at: at))
  }

  /// `cluster = "cluster" name "into" expression "by" name [ "seed" expression ] ;`
  mutating func parseCluster() throws(Diagnostic) -> Statement.Kind {
    try expect("cluster")
    let what = try expectName("'titles' or 'members'")
    try expect("into")
    let count = try parseExpression()
    try expect("by")
    let table = try expectTableName()
    let seed = try consume(if: "seed") != nil ? try parseExpression() : nil
    return .cluster(what: what, count: count, by: table, seed: seed)
  }

  static let upliftClauses = ["treat", "within"]
  static let upliftModelClauses = ["treat", "outcome", "within", "propensity"]
  /// The learners of `uplift NAME = …`, for completion (the checker reads them).
  package static let upliftLearners = ["tlearner", "response"]

  /// ```
  /// uplift       = "uplift" "of" name "on" name "by" postfix { upliftOfClause }
  ///              | "uplift" name "=" expression "on" name { upliftClause } { clauseLine upliftClause { upliftClause } } ;
  /// upliftOfClause = "treat" name | "within" expression ;
  /// upliftClause = "treat" name | "outcome" name | "within" expression | "propensity" name ;
  /// ```
  mutating func parseUplift() throws(Diagnostic) -> Statement.Kind {
    let indentation = token.indentation
    let start = token.range.lowerBound
    try expect("uplift")
    // `uplift of = …` defines a model named `of`.
    if !at("of") || peek(1) == .equal { return .upliftModel(try parseUpliftModel(indentation: indentation, start: start)) }
    try expect("of")
    let table = try expectName("table name")
    try expect("on")
    let outcome = try expectName("column name")
    try expect("by")
    var uplift = UpliftOf(table: table, outcome: outcome, key: try parsePostfix(), treat: nil, within: nil)
    var progress = LoopProgress()
    while progress.check(index), !atEndOfLine {
      let clause = try expectName("'treat' or 'within'")
      switch clause.text {
      case "treat": uplift.treat = try expectName("column name")
      case "within": uplift.within = try parseExpression()
      default:
        throw Diagnostic(.unknownOption(clause.text, in: "uplift", known: Self.upliftClauses), at: clause.range)
      }
    }
    return .uplift(uplift)
  }

  /// The definition form of `uplift`, after its keyword.
  private mutating func parseUpliftModel(indentation: Int, start: Int) throws(Diagnostic) -> UpliftModelDefinition {
    let name = try expectName("uplift model name or 'of'")
    try expect(.equal, "'='")
    let learner = try parseExpression()
    try expect("on")
    var model = UpliftModelDefinition(
      name: name, learner: learner, table: try expectName("table name"), range: range(from: start))
    var seen: Set<String> = []
    var progress = LoopProgress()
    while progress.check(index),
      let clause = try nextClause(under: indentation, in: "uplift", known: Self.upliftModelClauses, seen: &seen)
    {
      switch clause.text {
      case "treat": model.treat = try expectName("column name")
      case "outcome": model.outcome = try expectName("column name")
      case "within": model.within = try parseExpression()
      default: model.propensity = try expectName("column name")
      }
    }
    model.range = range(from: start)
    return model
  }

  /// `import = "import" string [ "replacing" ] ;`
  mutating func parseImport() throws(Diagnostic) -> Statement.Kind {
    try expect("import")
    let path = try expectStringLiteral("file path in quotes")
    return .importFile(path, replacing: try consume(if: "replacing") != nil)
  }

  /// `export = "export" "page" name "to" string ;`
  mutating func parseExport() throws(Diagnostic) -> Statement.Kind {
    try expect("export")
    try expect("page")
    let page = try expectName("page name")
    try expect("to")
    return .export(page: page, path: try expectStringLiteral("file path in quotes"))
  }
}
