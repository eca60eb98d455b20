import Foundation
import RecCore
import RecEngine
import RecSyntax
import Testing

@testable import RecKit

@Suite struct CompletionTests {
  /// A session with the tables `plays`, `members`, `truth.titles` and `truth.take`, the rows `top`
  /// and `continue`, the page `home_rules`, the rule `balanced` and the policy `uniform`, reading
  /// files from `directory`.
  private func session(directory: String = ".") -> Session {
    let s = CapturedSession(directory: directory)
    s.addTables()
    s.addDefinitions()
    for name in ["truth.titles", "truth.take"] {
      s.session.tables[name] = Table([("title", Column(type: .int, ints: [10]))])
    }
    for text in [
      "row continue \"Continue watching\"\n  from continue_watching()", "diversity balanced\n  unique titles",
      "policy uniform = random",
    ] {
      #expect(s.session.run(SourceFile(name: "defs.rec", text: text)) == nil, "\(text)")
    }
    return s.session
  }

  private func complete(_ line: String, in s: Session, at cursor: Int? = nil, after entry: String = "") -> [String] {
    s.completions(line: line, cursor: cursor ?? line.utf8.count, entry: entry)
  }

  private let allTables = ["members", "plays", "truth.take", "truth.titles"]

  @Test func statementKeywordsOnlyAtTheStartOfAStatement() {
    let s = session()
    #expect(complete("lo", in: s) == ["load"])
    #expect(complete("  lo", in: s) == ["load"])
    #expect(complete("se", in: s) == ["search", "set"])
    #expect(complete("", in: s).count == 27)
    #expect(complete("ex", in: s) == ["explain", "export"])
  }

  @Test func clauseLinesOfferTheClausesOfTheirStatement() {
    let s = session()
    #expect(complete("  ", in: s, after: "page p \"P\"") == ["candidates", "diversity", "rows", "size", "utility"])
    #expect(complete("  ro", in: s, after: "page p \"P\"") == ["rows"])
    #expect(
      complete("  ", in: s, after: "row r\n  from popular()") == ["exclude", "for", "from", "limit", "order", "where"])
    #expect(complete("  m", in: s, after: "diversity d") == ["max", "min"])
    #expect(complete("  ", in: s, after: "eval home_rules on test") == ["baseline", "by", "long", "metrics", "per", "test"])
    // A dot at the start of a clause line is not a dot-command.
    #expect(complete("  .t", in: s, after: "page p") == [])
  }

  @Test func pageClausesTakeRowsAndDefinitions() {
    let s = session()
    #expect(complete("  rows ", in: s, after: "page p \"P\"") == ["continue", "top"])
    #expect(complete("  rows co", in: s, after: "page p \"P\"") == ["continue"])
    #expect(complete("  rows top, c", in: s, after: "page p \"P\"") == ["continue"])
    #expect(complete("  candidates ", in: s, after: "page p\n  utility relevance") == ["continue", "top"])
    // Without its header, a clause line is read as the statement it belongs to.
    #expect(complete("rows co", in: s) == ["continue"])
    #expect(complete("  diversity ", in: s, after: "page p") == ["balanced"])
    #expect(complete("  utility ", in: s, after: "page p") == ["model", "uplift"])
    #expect(complete("page shown from ", in: s) == ["table"])
    #expect(complete("page shown from table ", in: s) == allTables)
  }

  @Test func tablePositionsOfferTablesDottedNamesIncluded() {
    let s = session()
    #expect(complete("from ", in: s) == allTables)
    #expect(complete("from truth.", in: s) == ["truth.take", "truth.titles"])
    #expect(complete("from truth.ta", in: s) == ["truth.take"])
    #expect(complete("from plays | join ", in: s) == allTables)
    #expect(complete("from plays | join members ", in: s) == ["on"])
    #expect(complete("let top = from pl", in: s) == ["plays"])
    #expect(complete("let top = ", in: s) == ["from"])
    #expect(complete("eval home_rules on ", in: s) == allTables)
    #expect(complete("replay uniform on tr", in: s) == ["truth.take", "truth.titles"])
    #expect(complete("split pl", in: s) == ["plays"])
    #expect(complete("save m", in: s) == ["members"])
    #expect(complete("save members ", in: s) == ["to"])
  }

  @Test func metricsWithTheirCutOffForms() {
    let s = session()
    #expect(
      complete("eval home_rules on test metrics ", in: s) == [
        "coverage", "diversity", "duplicates", "freshness", "hit@", "incremental@", "map@", "mrr@", "ndcg@", "novelty", "precision@",
        "recall@", "short_rows",
      ])
    #expect(complete("eval home_rules on test metrics recall@4x5, nd", in: s) == ["ndcg@"])
    #expect(complete("  metrics re", in: s, after: "eval home_rules on test") == ["recall@"])
    #expect(complete("sweep re", in: s) == ["recall@"])
    #expect(complete("sweep qi", in: s) == ["qini"])
    #expect(complete("sweep gain ", in: s) == ["for", "over"])
    #expect(complete("abtest home_rules vs home_rules on test metrics n", in: s) == ["ndcg@", "novelty"])
    #expect(complete("eval home_rules on test metrics ndcg@20 ", in: s) == ["baseline", "by", "long", "metrics", "per", "test"])
  }

  @Test func definitionsAfterTheirKeywords() {
    let s = session()
    #expect(complete("eval ", in: s) == ["home_rules", "popular", "truth"])
    #expect(complete("eval home_rules, h", in: s) == ["home_rules"])
    #expect(complete("show ", in: s) == ["page", "row"])
    #expect(complete("show page ", in: s) == ["home_rules"])
    #expect(complete("show row ", in: s) == ["continue", "top"])
    #expect(complete("show page home_rules ", in: s) == ["for"])
    #expect(complete("explain page home_rules for mem", in: s) == ["member"])
    #expect(complete("simulate ", in: s) == ["uniform"])
    #expect(complete("estimate uniform on plays with ", in: s) == ["dm", "dr", "ips", "snips"])
    #expect(complete("export page h", in: s) == ["home_rules"])
  }

  @Test func clusterWords() {
    let s = session()
    #expect(complete("cluster ", in: s) == ["members", "titles"])
    #expect(complete("cluster titles ", in: s) == ["into"])
    #expect(complete("cluster titles into 40 ", in: s) == ["by"])
    #expect(complete("cluster titles into 40 by pl", in: s) == ["plays"])
    #expect(complete("cluster titles into 40 by plays ", in: s) == ["seed"])
  }

  @Test func algorithmsAfterTheEqualsSign() {
    let s = session()
    #expect(
      complete("policy p = ", in: s) == [
        "epsilon_greedy", "greedy", "lin_thompson", "linucb", "logged", "random", "thompson", "ucb",
      ])
    #expect(complete("policy p = th", in: s) == ["thompson"])
    #expect(complete("model m = ", in: s) == ["logistic"])
    #expect(complete("policy p = thompson() ", in: s) == ["context", "features", "learning", "trained"])
    #expect(complete("policy p = thompson() trained ", in: s) == ["on"])
  }

  @Test func rowClausesOfferSourcesAndChoices() {
    let s = session()
    #expect(
      complete("  from ", in: s, after: "row r \"R\"") == [
        "continue_watching", "new_releases", "popular", "similar", "titles", "top_picks", "trending",
      ])
    #expect(complete("  for seed in ", in: s, after: "row r") == ["recent_plays", "top_genres"])
    #expect(complete("  exclude ", in: s, after: "row r") == (["shown", "watched"] + allTables).sorted())
    #expect(complete("  order ", in: s, after: "row r") == ["by"])
  }

  @Test func columnsAfterAPipelinesVerbs() {
    let s = session()
    #expect(
      complete("from plays | ", in: s) == ["derive", "distinct", "group", "join", "select", "sort", "take", "where"])
    #expect(complete("from plays | where comp", in: s) == ["completion"])
    #expect(complete("from plays | group ", in: s) == ["by"])
    // A grouping key is an expression, so the cast function `time` is offered beside the column.
    #expect(complete("from plays | group by ti", in: s) == ["time", "title"])
    let playsCo = ["coalesce", "completion", "count", "count_distinct"]
    #expect(complete("from plays | group by title (n = co", in: s) == playsCo)
    #expect(complete("from members | select co", in: s) == ["coalesce", "count", "count_distinct", "country"])
    #expect(complete("from plays | sort -me", in: s) == ["-median", "-member"])
    #expect(complete("from plays | join members on co", in: s) == playsCo + ["country"])
    #expect(complete("  | where co", in: s, after: "from plays") == playsCo)
    #expect(complete("from plays | take ", in: s) == [])
    // `co` is not a column until the pipeline names a table that has one.
    #expect(!complete("from nowhere | where co", in: s).contains("country"))
  }

  @Test func dottedNamesCompleteToColumnsAlongKeys() {
    let s = session()
    #expect(complete("from plays | group by member.cou", in: s) == ["member.country"])
    #expect(complete("from plays | select plays.", in: s) == ["plays.completion", "plays.member", "plays.title"])
    #expect(complete("from plays | where x.", in: s) == [])
  }

  @Test func dotCommandsAtTheStartOfALine() {
    let s = session()
    #expect(complete(".ta", in: s) == [".tables"])
    #expect(complete("  .s", in: s) == [".save", ".save!", ".schema", ".show"])
    #expect(complete(".", in: s).count == DotCommand.all.count)
  }

  @Test func dotCommandArgumentsFollowTheTable() {
    let s = session()
    #expect(complete(".schema pl", in: s) == ["plays"])
    #expect(complete(".schema ", in: s) == allTables)
    #expect(complete(".show h", in: s) == ["home_rules"])
    #expect(complete(".mode c", in: s) == ["csv"])
    #expect(complete(".timer o", in: s) == ["off", "on"])
    #expect(complete(".help sp", in: s) == ["split"])
    #expect(complete(".tables x", in: s) == [])
    #expect(complete(".schema plays ti", in: s) == [])
  }

  @Test func theCursorNeedNotBeAtTheEnd() {
    let s = session()
    #expect(complete("from pl | take 3", in: s, at: 7) == ["plays"])
    #expect(complete("lo demo", in: s, at: 2) == ["load"])
  }

  @Test func fileNamesInsideStrings() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-complete-\(UUID())").path
    try FileManager.default.createDirectory(atPath: folder + "/data/ml-small", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for file in ["data.csv", ".hidden", "data/ml-small/ratings.csv", "data/plays.tsv"] {
      _ = FileManager.default.createFile(atPath: folder + "/" + file, contents: Data())
    }
    let s = session(directory: folder)
    #expect(complete("load table plays from \"da", in: s) == ["data.csv", "data/"])
    #expect(complete("load movielens \"data/", in: s) == ["data/ml-small/", "data/plays.tsv"])
    #expect(complete("load movielens \"data/ml-small/r", in: s) == ["data/ml-small/ratings.csv"])
    #expect(complete("import \"", in: s) == ["data.csv", "data/"])
    #expect(complete("import \".h", in: s) == [".hidden"])
    #expect(complete(".read da", in: s) == ["data.csv", "data/"])
    #expect(complete(".read \"da", in: s) == ["data.csv", "data/"])
    // A closed string puts the cursor back among the statement's words.
    #expect(complete("load table t from \"data.csv\" ", in: s) == ["as", "map"])
    #expect(complete("load table t from \"data.csv\" as ", in: s) == ["csv", "jsonl", "parquet", "tsv"])
  }

  @Test func commentsOfferNothing() {
    let s = session()
    #expect(complete("from plays # co", in: s) == [])
    #expect(complete("# lo", in: s) == [])
  }

  /// Whatever is typed, wherever the cursor is (mid-character too), completion answers.
  @Test func oddInputNeverFails() {
    let s = session()
    let lines = [
      "\"unterminated", "load table t from \"da", "row ünïcødé \"tïtle {", "from plays | where (((((((",
      "🎬 from 🎬 |",
      "\u{0}\u{1}\u{7F}", "policy x = \"", "eval a on b metrics recall@@@,,,", "\\", "from | | | join on on on",
      "page p from table", "  rows ,,,", "= = =", ")))", "\"\\\"", "split plays by member last 20% into a, b",
      String(repeating: "(", count: 500), "abtest on on on metrics", "load demo members 3 titles",
    ]
    for line in lines {
      for cursor in -2...(line.utf8.count + 2) {
        _ = s.completions(line: line, cursor: cursor)
        _ = s.completions(line: line, cursor: cursor, entry: "page p \"é\nrow")
        _ = s.completions(line: line, cursor: cursor, entry: line)
      }
    }
  }

  @Test func upliftModelsOfferLearnersTablesAndClauses() {
    let s = session()
    #expect(complete("uplift m = ", in: s) == ["response", "tlearner"])
    // Completion's list is the checker's.
    #expect(Parser.upliftLearners.sorted() == UpliftModel.Learner.allCases.map(\.rawValue).sorted())
    #expect(complete("uplift m = tlearner(logistic(title.popularity)) on ", in: s) == allTables)
    #expect(complete("uplift m = tlearner(logistic(title.popularity)) on plays ", in: s) == [
      "outcome", "propensity", "treat", "within",
    ])
    #expect(complete("  ", in: s, after: "uplift m = response(logistic(title.popularity)) on plays") == [
      "outcome", "propensity", "treat", "within",
    ])
    // The `of` form keeps its own words.
    #expect(complete("uplift ", in: s) == ["of"])
    #expect(complete("uplift of plays on played by title ", in: s) == ["treat", "within"])
  }
}

/// Search: the rankers after `with`, and beside the pages after `eval` and `baseline`.
@Suite struct SearchCompletionTests {
  @Test func rankersFollowWithEvalAndBaseline() {
    let s = CapturedSession(directory: ".")
    s.addTables()
    s.addDefinitions()
    let complete = { (line: String) in s.session.completions(line: line, cursor: line.utf8.count, entry: "") }
    #expect(complete(#"search "the k" for member 1 with p"#) == ["popular"])
    #expect(complete(#"search "the k" for member 1 "#) == ["at", "limit", "with"])
    #expect(complete("eval t").contains("truth"))
    #expect(complete("eval popular on test baseline p").contains("popular"))
    #expect(complete("eval popular on test per ") == ["member", "search"])
  }
}
