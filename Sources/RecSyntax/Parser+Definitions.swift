import RecCore

extension Parser {
  /// Reads the keyword of the next clause, nil when the definition has ended.
  ///
  /// A clause is taken from the rest of the current line, or else from the next clause line:
  /// a line indented deeper than the header's `indentation` with no blank line before it.
  /// An unknown keyword is an error with the nearest known one as a suggestion; so is a clause
  /// given twice, unless `repeatable`.
  mutating func nextClause(
    under indentation: Int, in definition: String, known: [String], seen: inout Set<String>,
    repeatable: Bool = false
  ) throws(Diagnostic) -> Identifier? {
    if atEndOfLine {
      guard atClauseLine(under: indentation) else { return nil }
      enterLine()
    }
    let keyword = try expectName("clause")
    guard known.contains(keyword.text) else {
      throw Diagnostic(.unknownClause(keyword.text, in: definition, known: known), at: keyword.range)
    }
    guard repeatable || seen.insert(keyword.text).inserted else {
      throw Diagnostic(.duplicateClause(keyword.text, in: definition), at: keyword.range)
    }
    return keyword
  }

  /// A `row`, `page` or `diversity` header must be followed by clause lines. At the end of the
  /// input their absence is an unexpected end, so that the REPL reads the clause lines next.
  mutating func requireClauseLines(under indentation: Int, header: String) throws(Diagnostic) {
    try expectEndOfLine()
    guard !atClauseLine(under: indentation) else { return }
    let needed = "indented clause lines after '\(header)'"
    let here = range(previousEnd..<previousEnd)
    throw Diagnostic(kind == .endOfFile && endsInput ? .unexpectedEndOfInput(needed) : .expected(needed), at: here)
  }

  /// The optional title after a definition's name: a string, possibly interpolated.
  private mutating func titleIfPresent() throws(Diagnostic) -> Expr? {
    at(.string) ? try parseString() : nil
  }

  static let rowClauses = ["for", "from", "where", "order", "exclude", "limit"]

  /// ```
  /// row = "row" name [ string ] clauseLine rowClause { clauseLine rowClause } ;
  /// rowClause = "for" name "in" expression | "from" expression [ "where" expression ]
  ///           | "where" expression | "order" "by" sortKey { "," sortKey }
  ///           | "exclude" names | "limit" expression ;
  /// ```
  mutating func parseRow() throws(Diagnostic) -> RowDefinition {
    let indentation = token.indentation
    let start = token.range.lowerBound
    try expect("row")
    let name = try expectName("row name")
    var row = RowDefinition(name: name, title: try titleIfPresent(), range: range(from: start))
    try requireClauseLines(under: indentation, header: "row \(name.text)")
    var seen: Set<String> = []
    var progress = LoopProgress()
    while progress.check(index),
      let clause = try nextClause(under: indentation, in: "row", known: Self.rowClauses, seen: &seen)
    {
      switch clause.text {
      case "for":
        let variable = try expectName("loop variable")
        try expect("in")
        row.expansion = (variable, try parseExpression())
      case "from":
        row.source = try parseExpression()
        if let filter = try consume(if: "where") {
          guard seen.insert("where").inserted else {
            throw Diagnostic(.duplicateClause("where", in: "row"), at: filter.range)
          }
          row.filter = try parseExpression()
        }
      case "where": row.filter = try parseExpression()
      case "order":
        try expect("by")
        row.order = try commaSeparated { p throws(Diagnostic) in try p.parseSortKey() }
      case "exclude": row.exclude = try parseNames("'watched', 'shown' or a table name")
      default: row.limit = try parseExpression()
      }
      try expectEndOfLine()
    }
    row.range = range(from: start)
    return row
  }

  static let pageClauses = ["rows", "candidates", "utility", "diversity", "size"]

  /// ```
  /// page = "page" name [ string ] ( "from" "table" name | clauseLine pageClause { clauseLine pageClause } ) ;
  /// pageClause = "rows" names | "candidates" names
  ///            | "utility" ( "model" name | "uplift" [ name ] | expression ) | "diversity" name | "size" size ;
  /// ```
  mutating func parsePage() throws(Diagnostic) -> PageDefinition {
    let indentation = token.indentation
    let start = token.range.lowerBound
    try expect("page")
    let name = try expectName("page name")
    var page = PageDefinition(name: name, title: try titleIfPresent(), range: range(from: start))
    if try consume(if: "from") != nil {
      try expect("table")
      page.layout = .table(try expectName("table name"))
      page.range = range(from: start)
      return page
    }
    try requireClauseLines(under: indentation, header: "page \(name.text)")
    var seen: Set<String> = []
    var progress = LoopProgress()
    while progress.check(index),
      let clause = try nextClause(under: indentation, in: "page", known: Self.pageClauses, seen: &seen)
    {
      switch clause.text {
      case "rows", "candidates":
        guard page.layout == nil else { throw Diagnostic(.duplicateClause(clause.text, in: "page"), at: clause.range) }
        let names = try parseNames("row name")
        page.layout = clause.text == "rows" ? .rows(names) : .candidates(names)
      case "utility":
        if at("model"), peek(1) == .identifier {
          try advance()
          page.utility = .model(try expectName("model name"))
        } else if at("uplift"), [.endOfLine, .endOfFile, .identifier].contains(peek(1)) {
          let word = range(try advance().range)
          page.utility = .uplift(at(.identifier) ? try expectName("uplift model name") : nil, word)
        } else {
          page.utility = .formula(try parseExpression())
        }
      case "diversity": page.diversity = try expectName("diversity name")
      default: page.size = try parseSize()
      }
      try expectEndOfLine()
    }
    page.range = range(from: start)
    return page
  }

  /// `size = grid | integer "x" integer ;` (`10x20` or `10 x 20`)
  private mutating func parseSize() throws(Diagnostic) -> (rows: Int, columns: Int, range: SourceRange) {
    let start = token.range.lowerBound
    if at(.grid) {
      let sides = digits(token).split(separator: "x")
      let size = (try integerValue(token, sides[0]), try integerValue(token, sides[1]))
      try advance()
      return (size.0, size.1, range(from: start))
    }
    let rows = try integerValue(try expect(.integer, "rows by columns, like '10 x 20'"))
    try expect("x")
    let columns = try integerValue(try expect(.integer, "number of columns"))
    return (rows, columns, range(from: start))
  }

  static let diversityClauses = ["unique", "max", "penalty", "min"]

  /// ```
  /// diversity = "diversity" name clauseLine diversityRule { clauseLine diversityRule } ;
  /// diversityRule = "unique" "titles" | "max" expression "rows" "per" name
  ///               | "max" "similarity" expression "by" name | "penalty" expression
  ///               | "min" "row" "length" expression ;
  /// ```
  mutating func parseDiversity() throws(Diagnostic) -> DiversityDefinition {
    let indentation = token.indentation
    let start = token.range.lowerBound
    try expect("diversity")
    let name = try expectName("diversity name")
    try requireClauseLines(under: indentation, header: "diversity \(name.text)")
    var rules: [(rule: DiversityDefinition.Rule, range: SourceRange)] = []
    var seen: Set<String> = []
    var progress = LoopProgress()
    while progress.check(index),
      let clause = try nextClause(
        under: indentation, in: "diversity", known: Self.diversityClauses, seen: &seen, repeatable: true)
    {
      let rule: DiversityDefinition.Rule
      switch clause.text {
      case "unique":
        try expect("titles")
        rule = .uniqueTitles
      case "max" where at("similarity"):
        try advance()
        let threshold = try parseExpression()
        try expect("by")
        rule = .maxSimilarity(threshold, by: try expectOneOf(["titles", "genres"]))
      case "max":
        let count = try parseExpression()
        try expect("rows")
        try expect("per")
        rule = .maxRowsPer(count, key: try expectName("column name"))
      case "penalty":
        rule = .penalty(try parseExpression())
      default:
        try expect("row")
        try expect("length")
        rule = .minRowLength(try parseExpression())
      }
      rules.append((rule, range(from: clause.range.bytes.lowerBound)))
      try expectEndOfLine()
    }
    return DiversityDefinition(name: name, rules: rules, range: range(from: start))
  }

  /// `model = "model" name "=" name "(" expression { "," expression } ")" "on" name ;`
  mutating func parseModel() throws(Diagnostic) -> ModelDefinition {
    let start = token.range.lowerBound
    try expect("model")
    let name = try expectName("model name")
    try expect(.equal, "'='")
    let kind = try expectName("model kind, like 'logistic'")
    try open(.leftParen, "'('")
    let features = try commaSeparated { p throws(Diagnostic) in try p.parseExpression() }
    try close(.rightParen, "',' or ')'")
    try expect("on")
    let table = try expectName("table name")
    return ModelDefinition(name: name, kind: kind, features: features, table: table, range: range(from: start))
  }

  /// `metric = "metric" name "=" expression "on" name ;`
  mutating func parseMetric() throws(Diagnostic) -> MetricDefinition {
    let start = token.range.lowerBound
    try expect("metric")
    let name = try expectName("metric name")
    try expect(.equal, "'='")
    let formula = try parseExpression()
    try expect("on")
    let table = try expectName("table name")
    return MetricDefinition(name: name, formula: formula, table: table, range: range(from: start))
  }

  static let policyClauses = ["context", "features", "trained", "learning"]

  /// ```
  /// policy = "policy" name "=" expression { policyClause } { clauseLine policyClause { policyClause } } ;
  /// policyClause = "context" expression { "," expression } | "features" expression { "," expression }
  ///              | "trained" "on" name | "learning" ;
  /// ```
  mutating func parsePolicy() throws(Diagnostic) -> PolicyDefinition {
    let indentation = token.indentation
    let start = token.range.lowerBound
    try expect("policy")
    let name = try expectName("policy name")
    try expect(.equal, "'='")
    var policy = PolicyDefinition(name: name, algorithm: try parseExpression(), range: range(from: start))
    var seen: Set<String> = []
    var progress = LoopProgress()
    while progress.check(index),
      let clause = try nextClause(under: indentation, in: "policy", known: Self.policyClauses, seen: &seen)
    {
      switch clause.text {
      case "context": policy.context = try commaSeparated { p throws(Diagnostic) in try p.parseExpression() }
      case "features": policy.features = try commaSeparated { p throws(Diagnostic) in try p.parseExpression() }
      case "learning": policy.learning = clause
      default:
        try expect("on")
        policy.trainedOn = try expectName("table name")
      }
    }
    policy.range = range(from: start)
    return policy
  }

  static let rankerClauses = ["candidates", "context", "title", "context_title", "negatives", "trained"]

  /// ```
  /// ranker = "ranker" name "=" expression { rankerClause } { clauseLine rankerClause { rankerClause } } ;
  /// rankerClause = "candidates" expression { "," expression } [ "limit" expression ]
  ///              | ( "context" | "title" | "context_title" ) expression { "," expression }
  ///              | "negatives" expression | "trained" "on" name ;
  /// ```
  mutating func parseRanker() throws(Diagnostic) -> RankerDefinition {
    let indentation = token.indentation
    let start = token.range.lowerBound
    try expect("ranker")
    let name = try expectName("ranker name")
    try expect(.equal, "'='")
    var ranker = RankerDefinition(name: name, model: try parseExpression(), range: range(from: start))
    var seen: Set<String> = []
    var progress = LoopProgress()
    while progress.check(index),
      let clause = try nextClause(under: indentation, in: "ranker", known: Self.rankerClauses, seen: &seen)
    {
      switch clause.text {
      case "candidates":
        ranker.candidates = try commaSeparated { p throws(Diagnostic) in try p.parseExpression() }
        if try consume(if: "limit") != nil { ranker.limit = try parseExpression() }
      case "context", "title", "context_title":
        ranker.families.append((clause, try commaSeparated { p throws(Diagnostic) in try p.parseExpression() }))
      case "negatives": ranker.negatives = try parseExpression()
      default:
        try expect("on")
        ranker.trainedOn = try expectName("table name")
      }
    }
    ranker.range = range(from: start)
    return ranker
  }
}
