import Foundation
import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecOutput
@testable import RecSyntax
@testable import RecCore

@Suite struct FormatterTests {
  static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Every `.rec` of the examples, the contract copies, the README's fixtures and the golden scripts.
  static var corpus: [String] {
    var found: [String] = []
    for root in ["examples", "Tests/RecCLITests/Contract", "Tests/RecCLITests/Readme", "Tests/RecCLITests/Scripts"] {
      let folder = package.appendingPathComponent(root).path
      guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
      for case let path as String in walker where path.hasSuffix(".rec") { found.append(root + "/" + path) }
    }
    return found.sorted()
  }

  private func formatted(_ text: String) throws -> String {
    try format(SourceFile(name: "t.rec", text: text))
  }

  @Test func messyInputGetsTheCanonicalLayout() throws {
    let messy = """
      load   demo members 1_000   seed 7
      from plays|where completion>0.9|group by title (n=count())|sort -n|take 10
      let x = from plays
          |where (a+b)*c>=2 and not d
        |   select name,n
      row because "Because you watched {seed.name}"
          limit 20
          for seed in recent_plays(limit:3)
          from similar(seed,by:covisit)
          exclude watched,shown
          order by affinity(member,title) desc, x asc
      diversity balanced
         unique titles
         max 2 rows per genre
         penalty 0.30
      page p "P"
        rows because
        size 10x20
      eval p on test metrics recall@4x5,ndcg@20 per member
      eval p,q on test  long baseline p
      policy ts     =   thompson(prior:beta(1,1))   context country
      split plays random 20% seed 7 into train,test
      show page p for member -(1+2)
      save top   to  "out\\"1\\".csv"
      """
    #expect(
      try formatted(messy) == """
        load demo members 1_000 seed 7
        from plays | where completion > 0.9 | group by title (n = count()) | sort -n | take 10
        let x = from plays
          | where (a + b) * c >= 2 and not d
          | select name, n

        row because "Because you watched {seed.name}"
          for seed in recent_plays(limit: 3)
          from similar(seed, by: covisit)
          order by affinity(member, title) desc, x
          exclude watched, shown
          limit 20

        diversity balanced
          unique titles
          max 2 rows per genre
          penalty 0.30

        page p "P"
          rows because
          size 10 x 20

        eval p on test
          metrics recall@4x5, ndcg@20
          per member
        eval p, q on test
          baseline p
          long
        policy ts = thompson(prior: beta(1, 1)) context country
        split plays random 20% seed 7 into train, test
        show page p for member -(1 + 2)
        save top to "out\\"1\\".csv"

        """)
  }

  @Test func parenthesesFollowTheTreeAndTheSource() throws {
    #expect(try formatted("from t | where not (a or b) and (c)") == "from t | where not (a or b) and (c)\n")
    #expect(try formatted("from t | derive x = a - (b - c), y = (a - b) - c") == "from t | derive x = a - (b - c), y = (a - b) - c\n")
    #expect(try formatted("from t | derive x = -(a*b), y = (a+b).c") == "from t | derive x = -(a * b), y = (a + b).c\n")
  }

  @Test func missingTestsAndLoadClausesFormat() throws {
    #expect(try formatted("from t | where a+b is   missing and not c is not missing") == "from t | where a + b is missing and not c is not missing\n")
    #expect(try formatted("from t | where (a = b) is missing") == "from t | where (a = b) is missing\n")
    #expect(
      try formatted("load table t from \"f.csv\" map a=b na \"NA\",\"\" types a:int,  at : time")
        == "load table t from \"f.csv\" map a = b na \"NA\", \"\" types a: int, at: time\n")
  }

  /// A name that is not a plain word, or is an operator word, keeps its backquotes; a plain
  /// word written in them loses them.
  @Test func quotedNamesKeepTheirBackquotesWhereTheyNeedThem() throws {
    #expect(
      try formatted("from _ | select `recall@4x5`, `country`, `and`=1, `Δ ndcg@10` | sort -`recall@4x5`")
        == "from _ | select `recall@4x5`, country, `and` = 1, `Δ ndcg@10` | sort -`recall@4x5`\n")
    #expect(try formatted("from t | where m.`a b` > 0") == "from t | where m.`a b` > 0\n")
  }

  @Test func rankerAndExplainSearchFormat() throws {
    #expect(
      try formatted("ranker r = mlp(hidden: [8,4]) candidates genre,cast limit 5 title popularity negatives all trained on before")
        == "ranker r = mlp(hidden: [8, 4])\n  candidates genre, cast limit 5\n  title popularity\n  negatives all\n  trained on before\n")
    #expect(
      try formatted(#"explain  search "x" for member 1 with r limit 2"#) == "explain search \"x\" for member 1 with r limit 2\n")
  }

  @Test func searchAndItsEvalClausesFormat() throws {
    #expect(
      try formatted(#"search   "the k"  for member 42 with truth limit 5 at 2026-06-15T20:00"#)
        == "search \"the k\" for member 42 with truth limit 5 at 2026-06-15T20:00\n")
    #expect(try formatted("eval popular on after metrics mrr@10 per search") == "eval popular on after\n  metrics mrr@10\n  per search\n")
  }

  @Test func upliftAndItsClausesFormat() throws {
    #expect(
      try formatted("uplift of  exposures on played by member.country   treat shown")
        == "uplift of exposures on played by member.country treat shown\n")
    #expect(try formatted("uplift of impressions on plays by title within 7d") == "uplift of impressions on plays by title within 7d\n")
  }

  @Test func upliftSweepsFormatOnOneLine() throws {
    #expect(try formatted(#"sweep  qini over causal,naive  on ex_test to  "q.svg""#) == "sweep qini over causal, naive on ex_test to \"q.svg\"\n")
    #expect(try formatted("sweep gain over m on t") == "sweep gain over m on t\n")
  }

  @Test func upliftModelsFormatOnOneLine() throws {
    #expect(
      try formatted("uplift  causal =  tlearner(logistic(affinity(member,title), title.popularity))  on ex_train\n  treat shown\n  outcome played")
        == "uplift causal = tlearner(logistic(affinity(member, title), title.popularity)) on ex_train treat shown outcome played\n")
    #expect(
      try formatted("uplift n = response(logistic(title.popularity)) on t propensity p outcome plays within 7d")
        == "uplift n = response(logistic(title.popularity)) on t outcome plays within 7d propensity p\n")
    #expect(
      try formatted("eval a, b on t metrics qini[no_negative], uplift@10%[by_group], uplift@500, true_uplift@2.5%")
        == "eval a, b on t\n  metrics qini[no_negative], uplift@10%[by_group], uplift@500, true_uplift@2.5%\n")
  }

  @Test func literalsKeepTheirSpelling() throws {
    let text = "from t | where a in [1_000, 0.50, 2.5%, 90s, 2w, 2026-06-01, 2026-06-01T18:30, 4x5, true] and b in 1 .. 10\n"
    #expect(
      try formatted(text)
        == "from t | where a in [1_000, 0.50, 2.5%, 90s, 2w, 2026-06-01, 2026-06-01T18:30, 4x5, true] and b in 1..10\n")
  }

  @Test func commentsStayWhereTheyBelong() throws {
    let text = "# header\n\n\n# about the demo\nload  demo   # small\nfrom plays\n    # before where\n"
      + "    |where x>1   # keep\ndiversity d\t# header note\n    unique titles # once\n  # before penalty\n"
      + "    penalty 0.3\n# closing   \n"
    #expect(
      try formatted(text) == """
        # header

        # about the demo
        load demo  # small
        from plays
          # before where
          | where x > 1  # keep

        diversity d  # header note
          unique titles  # once
          # before penalty
          penalty 0.3

        # closing

        """)
  }

  @Test func trailingCommentFollowsAClauseThatMovesToItsOwnLine() throws {
    let text = "eval a on test metrics recall@4x5  # the grid\n"
    #expect(try formatted(text) == "eval a on test\n  metrics recall@4x5  # the grid\n")
    #expect(try formatted(try formatted(text)) == "eval a on test\n  metrics recall@4x5  # the grid\n")
  }

  @Test func oneLineDefinitionsStayTogetherAndBlankLinesCollapse() throws {
    let text = "policy a = random\npolicy b = greedy\n\n\n\nload demo\n"
    #expect(try formatted(text) == "policy a = random\npolicy b = greedy\n\nload demo\n")
    #expect(try formatted("") == "")
  }

  @Test func aFileThatDoesNotParseThrowsItsFirstError() {
    #expect(throws: Diagnostic.self) { try formatted("row a\n  from popular(\n") }
    do throws(Diagnostic) {
      _ = try format(SourceFile(name: "t.rec", text: "load demo\nfrom plays | wher x\n"))
      Issue.record("expected an error")
    } catch {
      #expect(error.message == "unknown transform 'wher'; did you mean 'where'?")
    }
  }

  /// Found while fuzzing `rec fmt`: comparing the syntax trees described every enum node by
  /// printing its whole subtree again, so the contract's chain of 5,000 `or`s took 5 s in a debug
  /// build (over a minute under the address sanitizer); each node is now described once (1.5 s).
  @Test func aLongFlatChainFormats() throws {
    let terms = (0..<5000).map { "title = \($0)" }.joined(separator: " or ")
    #expect(try formatted("from plays | where \(terms) | take 1\n") == "from plays | where \(terms) | take 1\n")
  }

  /// Found by the `format` fuzz target (Tests/Fuzz/Corpus/format/crash-comment-carriage-return):
  /// a comment ending in a carriage return and blanks kept the carriage return, which the next
  /// formatting read as the end of a CRLF line and dropped.
  @Test func aCarriageReturnEndingACommentGoes() throws {
    #expect(try formatted("#$\r\t\t") == "#$\n")
    #expect(try formatted("load demo # x\r \nfrom plays\r\n") == "load demo  # x\nfrom plays\n")
    #expect(try formatted("#$\n") == "#$\n")
  }

  @Test(arguments: corpus)
  func formattingIsIdempotentAndKeepsTheStatements(_ relative: String) throws {
    let text = try String(contentsOf: Self.package.appendingPathComponent(relative), encoding: .utf8)
    let file = SourceFile(name: relative, text: text)
    let (program, problems) = parse(file)
    guard problems.isEmpty else {
      // Scripts that show a syntax error cannot be formatted; they must say so.
      #expect(throws: Diagnostic.self) { try format(file) }
      return
    }
    let once = try format(file)
    let twice = try format(SourceFile(name: relative, text: once))
    #expect(once == twice)
    let (reparsed, again) = parse(SourceFile(name: relative, text: once))
    #expect(again.isEmpty)
    #expect(reparsed.statements.map(\.keyword) == program.statements.map(\.keyword))
    let comments = text.split(separator: "\n").filter { $0.contains("#") && !$0.contains("\"") }.count
    let kept = once.split(separator: "\n").filter { $0.contains("#") && !$0.contains("\"") }.count
    #expect(kept == comments)
  }
}
