import RecCore

/// What kind of word may stand where the cursor is, as far as the words before it tell:
/// the grammar's half of tab completion. The session fills each slot with the names it knows.
package enum CompletionSlot: Equatable, Sendable {
  /// One of these words: clause keywords, options, fixed choices.
  case words([String])
  case table
  /// A definition of this kind: `row`, `page`, `diversity`, `model`, `metric`, `policy`.
  case definition(String)
  /// A metric reference: a metric's name, `@` where it takes a cut-off.
  case metric
  /// A search ranker: `popular`, `truth`.
  case ranker
  /// The algorithm after `=` in a `policy` or `model` definition, named by its keyword.
  case algorithm(String)
  /// A row's source (`from …`) or what it expands over (`for x in …`).
  case rowSource, rowExpansion
  /// An off-policy estimator, or the kind of interval `estimate` gives.
  case estimator, interval
  /// An expression over these tables: their columns, functions and aggregates.
  case expression(tables: [String])
}

extension CompletionSlot {
  /// The slots for the word that would follow `text`: the entry typed so far (its earlier lines
  /// included, joined with `\n`) up to the start of the word being completed.
  ///
  /// Reads the text with the lexer, so strings and comments are skipped as the parser skips
  /// them; any input gives an answer, empty when nothing fits (inside a comment, say).
  /// - Complexity: O(n) in the length of `text`.
  package static func slots(before text: String) -> [CompletionSlot] {
    let file = SourceFile(name: "<completion>", text: text)
    var lexer = Lexer(file)
    let tokens = lexer.tokenize().dropLast()
    // A comment reaching the cursor: the word is part of it.
    if let comment = lexer.comments.last, comment.upperBound >= file.bytes.count { return [] }
    let statement = CompletionSlot.words(Parser.statementKeywords)
    guard let first = tokens.first else { return [statement] }
    let head = file.text(first.range)
    let lineStart = file.lineRange(file.line(of: file.bytes.count)).lowerBound
    let line = Array(tokens.drop { $0.range.lowerBound < lineStart })
    let onHeaderLine = first.range.lowerBound >= lineStart
    if line.isEmpty {
      let clauses = onHeaderLine ? nil : clauseWords.first { $0.statement == head }?.words
      return [clauses.map { .words($0) } ?? statement]
    }
    let words = line.map { file.text($0.range) }
    // A pipeline, from `from` on (after `let x =` too): its table, and the tables it joins.
    if let from = tokens.firstIndex(where: { file.text($0.range) == "from" }), head == "from" || head == "let" {
      return pipelineSlots(Array(tokens[from...]).map { file.text($0.range) })
    }
    if words.last == "=" && (head == "policy" || head == "model") { return [.algorithm(head)] }
    if isInsideCall(words) { return [.expression(tables: [])] }
    // A clause line on its own (no header before it) is read as the statement that owns it.
    let owner = anchors[head] != nil ? head : clauseWords.first { $0.words.contains(head) }?.statement
    // `uplift NAME = …` and `uplift of …` share their head word; the definition has an `=`.
    if head == "uplift", tokens.contains(where: { $0.kind == .equal }) || !onHeaderLine {
      return slots(after: words, anchors: upliftModelAnchors)
    }
    return slots(after: words, anchors: owner.flatMap { anchors[$0] } ?? [:])
  }

  /// Reads `words` left to right: each anchor says what follows it; a value after it (or after
  /// each comma of its list) is passed over; words inside brackets are passed over.
  private static func slots(after words: [String], anchors: [String: Anchor]) -> [CompletionSlot] {
    var current: Anchor?
    var expectsValue = false
    var depth = 0
    for word in words {
      if word == "(" || word == "[" { depth += 1 }
      if word == ")" || word == "]" { depth = max(0, depth - 1) }
      guard depth == 0, word != ")", word != "]" else { continue }
      if let anchor = anchors[word], !expectsValue || current?.offers(word) == true {
        current = anchor
        expectsValue = !anchor.isExpression
      } else if word == ",", let list = current, !list.slots.isEmpty {
        expectsValue = true
      } else {
        expectsValue = false
      }
    }
    guard let current else { return [] }
    if current.isExpression || expectsValue { return current.slots }
    return current.next.map { [.words($0)] } ?? []
  }

  /// Whether the words end inside a call's open `(`: an argument.
  private static func isInsideCall(_ words: [String]) -> Bool {
    var depth = 0
    for w in words {
      if w == "(" { depth += 1 } else if w == ")" { depth = max(0, depth - 1) }
    }
    return depth > 0
  }

  /// A pipeline's words from `from` to the cursor.
  private static func pipelineSlots(_ words: [String]) -> [CompletionSlot] {
    guard words.count > 1 else { return [.table] }
    var tables = [words[1]]
    for (i, w) in words.enumerated() where w == "join" && i > 0 && i + 1 < words.count && words[i - 1] == "|" {
      tables.append(words[i + 1])
    }
    guard let pipe = words.lastIndex(of: "|") else { return [] }
    let step = words[(pipe + 1)...]
    guard let verb = step.first else { return [.words(Parser.transforms)] }
    switch (verb, step.count) {
    case ("join", 1): return [.table]
    case ("join", 2): return [.words(["on"])]
    case ("group", 1): return [.words(["by"])]
    case ("take", _): return []
    default: return Parser.transforms.contains(verb) ? [.expression(tables: tables)] : []
    }
  }

  /// The words a statement's clause lines begin with; a word two statements share goes to the first.
  private static let clauseWords: [(statement: String, words: [String])] = [
    ("row", Parser.rowClauses), ("page", Parser.pageClauses), ("diversity", Parser.diversityClauses),
    ("policy", Parser.policyClauses), ("uplift", Parser.upliftModelClauses), ("eval", Parser.evalClauses), ("ranker", Parser.rankerClauses),
  ]

  /// A word that says what follows it in a statement: `slots` right after it (and after each
  /// comma of a list it begins), then, once a value has followed, the words in `next`. After an
  /// anchor that begins an expression, the expression goes on to the cursor.
  private struct Anchor {
    var slots: [CompletionSlot]
    var next: [String]?
    var isExpression = false

    /// Whether `word` is one of the words this anchor offers (`show` offers `page`, itself an anchor).
    func offers(_ word: String) -> Bool {
      slots.contains { if case .words(let words) = $0 { words.contains(word) } else { false } }
    }

    static func expression(_ tables: [String], next: [String]? = nil) -> Anchor {
      Anchor(slots: [.expression(tables: tables)], next: next, isExpression: true)
    }
  }

  private static func choice(_ words: [String], next: [String]? = nil) -> Anchor {
    Anchor(slots: [.words(words)], next: next)
  }

  private static func value(next: [String]) -> Anchor {
    Anchor(slots: [], next: next)
  }

  /// Per statement keyword, its anchors: the words of `grammar/rec.ebnf` that say what comes
  /// next, so that the last one before the cursor tells the slot. Pipelines are read apart.
  /// `uplift NAME = LEARNER on T` and its clauses.
  private static let upliftModelAnchors: [String: Anchor] = [
    "=": choice(Parser.upliftLearners), "on": Anchor(slots: [.table], next: Parser.upliftModelClauses),
    "treat": value(next: Parser.upliftModelClauses), "outcome": value(next: Parser.upliftModelClauses),
    "propensity": value(next: Parser.upliftModelClauses),
  ]

  private static let anchors: [String: [String: Anchor]] = [
    "load": [
      "load": choice(Parser.loadKinds), "demo": choice(Parser.demoOptions, next: Parser.demoOptions),
      "members": value(next: Parser.demoOptions), "titles": value(next: Parser.demoOptions),
      "seed": value(next: Parser.demoOptions), "table": value(next: ["from"]), "from": value(next: ["as", "map"]),
      "as": choice(["csv", "tsv", "jsonl", "parquet"], next: ["map"]),
    ],
    "save": ["save": Anchor(slots: [.table], next: ["to"]), "to": Anchor(slots: [])],
    "split": [
      "split": Anchor(slots: [.table], next: ["by", "random"]), "by": choice(["time", "member"]),
      "time": choice(["at"]), "member": choice(["last"]), "at": value(next: ["into"]),
      "last": value(next: ["into"]), "random": value(next: ["seed", "into"]), "seed": value(next: ["into"]),
      "into": Anchor(slots: []),
    ],
    "set": ["set": choice(["seed", "memory"])],
    "let": ["=": choice(["from"])],
    "row": [
      "for": value(next: ["in"]), "in": Anchor(slots: [.rowExpansion]),
      "from": Anchor(slots: [.rowSource], next: ["where"]), "where": .expression(["titles"]),
      "order": choice(["by"]), "by": .expression(["titles"]),
      "exclude": Anchor(slots: [.words(["watched", "shown"]), .table]),
    ],
    "page": [
      "page": value(next: ["from"]), "from": choice(["table"]), "table": Anchor(slots: [.table]),
      "rows": Anchor(slots: [.definition("row")]), "candidates": Anchor(slots: [.definition("row")]),
      "utility": Anchor(slots: [.words(["model", "uplift"])]), "model": Anchor(slots: [.definition("model")]),
      "uplift": Anchor(slots: [.definition("uplift")]), "diversity": Anchor(slots: [.definition("diversity")]),
    ],
    "diversity": [
      "unique": choice(["titles"]), "max": choice(["similarity"], next: ["rows"]), "rows": choice(["per"]),
      "similarity": value(next: ["by"]), "by": choice(["titles", "genres"]), "min": choice(["row"]),
      "row": choice(["length"]),
    ],
    "model": ["on": Anchor(slots: [.table])],
    "metric": ["on": choice(["pages"])],
    "policy": [
      "=": value(next: Parser.policyClauses), "context": .expression(["impressions"], next: Parser.policyClauses),
      "features": .expression(["impressions"], next: Parser.policyClauses), "trained": choice(["on"]),
      "on": Anchor(slots: [.table], next: Parser.policyClauses), "learning": value(next: Parser.policyClauses),
    ],
    "show": [
      "show": choice(["page", "row"]), "page": Anchor(slots: [.definition("page")], next: ["for"]),
      "row": Anchor(slots: [.definition("row")], next: ["for"]), "for": choice(["member"]),
    ],
    "explain": [
      "explain": choice(["page", "search"]), "page": Anchor(slots: [.definition("page")], next: ["for"]),
      "for": choice(["member"]), "with": Anchor(slots: [.ranker], next: ["limit"]),
    ],
    "ranker": [
      "=": choice(["logistic", "mlp"], next: Parser.rankerClauses),
      "candidates": choice(["prefix", "genre", "cast", "directors"], next: ["limit"]),
      "context": choice(["query_length", "intent", "country", "language", "hour"], next: Parser.rankerClauses),
      "title": choice(["popularity", "recency", "genres", "kind"], next: Parser.rankerClauses),
      "context_title": choice(
        ["prefix_match", "query_clicks", "prefix_clicks", "affinity", "genre_affinity", "seen", "country_popularity"],
        next: Parser.rankerClauses),
      "negatives": choice(["all"], next: Parser.rankerClauses), "trained": choice(["on"]),
      "on": Anchor(slots: [.table], next: Parser.rankerClauses),
    ],
    "eval": [
      "eval": Anchor(slots: [.definition("page"), .ranker], next: ["on"]),
      "on": Anchor(slots: [.table], next: Parser.evalClauses),
      "metrics": Anchor(slots: [.metric], next: Parser.evalClauses),
      "baseline": Anchor(slots: [.definition("page"), .ranker], next: Parser.evalClauses),
      "by": .expression(["members", "searches"]), "per": choice(["member", "search"], next: Parser.evalClauses),
      "test": choice(["fisher", "t"], next: Parser.evalClauses),
    ],
    "sweep": [
      "sweep": Anchor(slots: [.metric, .words(Parser.upliftCurves)], next: ["for", "over"]), "for": value(next: ["in"]),
      "in": value(next: ["over"]), "over": Anchor(slots: [.definition("page"), .definition("uplift")], next: ["on"]),
      "on": Anchor(slots: [.table], next: ["to"]),
      "to": Anchor(slots: []),
    ],
    "pick": [
      "pick": choice(["artwork"]), "artwork": choice(["for"]), "for": choice(["member"]),
      "member": value(next: ["title"]), "title": value(next: ["with"]), "with": Anchor(slots: [.definition("policy")]),
    ],
    "simulate": [
      "simulate": Anchor(slots: [.definition("policy")], next: ["on"]), "on": choice(["artwork"]),
      "artwork": choice(["for"]), "for": value(next: ["impressions"]), "impressions": value(next: ["seed"]),
    ],
    "replay": [
      "replay": Anchor(slots: [.definition("policy")], next: ["on"]), "on": Anchor(slots: [.table]),
    ],
    "estimate": [
      "estimate": Anchor(slots: [.definition("policy")], next: ["on"]),
      "on": Anchor(slots: [.table], next: ["with"]), "with": Anchor(slots: [.estimator], next: ["clip", "interval"]),
      "clip": value(next: ["interval"]), "interval": Anchor(slots: [.interval]),
    ],
    "abtest": [
      "abtest": Anchor(slots: [.words(["on"]), .definition("page")], next: ["vs"]),
      "vs": Anchor(slots: [.definition("page")], next: ["on"]), "on": Anchor(slots: [.table]),
      "metrics": Anchor(slots: [.metric]), "unit": choice(["member", "row"]),
    ],
    "search": [
      "search": value(next: ["for"]), "for": choice(["member"]), "member": value(next: ["with", "limit", "at"]),
      "with": Anchor(slots: [.ranker], next: ["limit", "at"]), "limit": value(next: ["at"]), "at": Anchor(slots: []),
    ],
    "cluster": [
      "cluster": choice(["titles", "members"], next: ["into"]), "into": value(next: ["by"]),
      "by": Anchor(slots: [.table], next: ["seed"]),
    ],
    "uplift": [
      "uplift": choice(["of"]), "of": Anchor(slots: [.table], next: ["on"]), "on": value(next: ["by"]),
      "by": value(next: Parser.upliftClauses), "treat": Anchor(slots: []),
    ],
    "import": ["import": value(next: ["replacing"])],
    "export": ["export": choice(["page"]), "page": Anchor(slots: [.definition("page")], next: ["to"]),
      "to": Anchor(slots: []),
    ],
  ]
}
