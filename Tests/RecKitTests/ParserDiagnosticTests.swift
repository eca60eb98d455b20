import Foundation
import Testing

@testable import RecKit
@testable import RecCore
@testable import RecEngine
@testable import RecSyntax

@Suite struct ParserDiagnosticTests {
  // MARK: - The contract's error cases

  @Test func unterminatedStringAtItsOpeningQuote() {
    expectDiagnostic(
      "load demo\nrow top 1️⃣\"Top 10\n  from popular(window: 7d)\n",
      "unterminated string: a string must close with '\"' on the same line", id: "unterminatedString")
  }

  @Test func misspeltClauseSuggestsTheNearestOne() {
    expectDiagnostic(
      "load demo\nrow top \"Top\"\n  from popular(window: 7d)\n  1️⃣limt 10\n",
      "unknown clause 'limt' in row definition; did you mean 'limit'?", id: "unknownClause")
    expectDiagnostic(
      "page p\n  rows a\n  1️⃣sise 4x5", "unknown clause 'sise' in page definition; did you mean 'size'?")
    expectDiagnostic("diversity d\n  1️⃣zzz", "unknown clause 'zzz' in diversity definition")
  }

  @Test func malformedUpliftModels() {
    expectDiagnostic(
      "uplift m = tlearner(logistic(x)) on t\n  1️⃣tret shown",
      "unknown clause 'tret' in uplift definition; did you mean 'treat'?", id: "unknownClause")
    expectDiagnostic("uplift m = tlearner(logistic(x)) on t treat a 1️⃣treat b", "duplicate clause 'treat' in uplift definition")
    expectDiagnostic("uplift m = tlearner(logistic(x))1️⃣", "expected 'on' after ')'")
    expectDiagnostic("eval m on t metrics uplift@1️⃣%", "expected cut-off such as '20', '4x5' or '10%' after '@', found '%'")
  }

  @Test func unknownStatementsAndKinds() {
    expectDiagnostic("1️⃣lod demo", "unknown statement 'lod'; did you mean 'load'?", id: "unknownStatement")
    expectDiagnostic("load 1️⃣movielen \"d\"", "unknown load kind 'movielen'; did you mean 'movielens'?")
    expectDiagnostic("load demo 1️⃣member 5", "unknown option 'member' in 'load demo'; did you mean 'members'?")
    expectDiagnostic("from plays | 1️⃣wher x > 1", "unknown transform 'wher'; did you mean 'where'?")
    expectDiagnostic("1️⃣| take 3", "expected statement, found '|'")
  }

  @Test(arguments: [
    ("misspelt-clause.rec", 4, 3, "unknown clause 'limt' in row definition; did you mean 'limit'?"),
    ("unterminated-string.rec", 2, 9, "unterminated string: a string must close with '\"' on the same line"),
  ])
  func contractErrorFiles(name: String, line: Int, column: Int, message: String) throws {
    let folder = try #require(ParserTests.contractFolder(), "shared/contract not found")
    let text = try String(contentsOf: folder.appendingPathComponent("errors/\(name)"), encoding: .utf8)
    let file = SourceFile(name: name, text: text)
    let (_, diagnostics) = parse(file)
    #expect(diagnostics.map(\.message) == [message])
    let location = diagnostics.first?.range.map { file.location(of: $0.bytes.lowerBound) }
    #expect(location?.line == line && location?.column == column)
  }

  @Test func renderedContractDiagnostics() {
    #expect(
      rendered(
        "load demo\nrow top \"Top\"\n  from popular(window: 7d)\n  limt 10\n", name: "misspelt-clause.rec") == """
        misspelt-clause.rec:4:3: error: unknown clause 'limt' in row definition; did you mean 'limit'?
          |
        4 |   limt 10
          |   ^~~~

        """)
    #expect(
      rendered("load demo\nrow top \"Top 10\n  from popular(window: 7d)\n", name: "unterminated-string.rec") == """
        unterminated-string.rec:2:9: error: unterminated string: a string must close with '"' on the same line
          |
        2 | row top "Top 10
          |         ^

        """)
  }

  @Test func renderedMissingTokenPointsJustAfterThePreviousOne() {
    #expect(
      rendered("save top \"x.csv\"") == """
        test.rec:1:10: error: expected 'to' after 'top', found '"x.csv"'
          |
        1 | save top "x.csv"
          |          ^~~~~~~

        """)
    #expect(
      rendered("split plays by time at 2026-06-01 into train") == """
        test.rec:1:45: error: expected ',' after 'train'
          |
        1 | split plays by time at 2026-06-01 into train
          |                                             ^

        """)
  }

  // MARK: - Brackets and unexpected end

  @Test func unclosedBracketAtEndOfLineNamesItsLine() {
    expectDiagnostic(
      "load demo\nfrom plays | where x in [1, 21️⃣\nload demo", "expected ']' (to close '[' at line 2)",
      id: "expected")
    expectDiagnostic("set x f(1, g(21️⃣\nload demo", "expected ')' (to close '(' at line 1)")
  }

  /// Brackets never span lines: an open one at the end of input is an error, not a reason
  /// for the REPL to read on.
  @Test func endOfInputInsideBracketsIsAnError() {
    expectDiagnostic(
      "from plays | where count(1️⃣", "expected ')' (to close '(' at line 1)", id: "expected")
  }

  @Test func trailingPipeAtEndOfInputIsUnexpectedEnd() {
    expectDiagnostic("from plays | take 3 |1️⃣", "unexpected end of input, expected transform after '|'",
      id: "unexpectedEndOfInput")
  }

  @Test func definitionHeaderAtEndOfInputIsUnexpectedEnd() {
    expectDiagnostic(
      "row top \"Top\"1️⃣", "unexpected end of input, expected indented clause lines after 'row top'",
      id: "unexpectedEndOfInput")
    expectDiagnostic(
      "diversity d1️⃣\n\n", "unexpected end of input, expected indented clause lines after 'diversity d'",
      id: "unexpectedEndOfInput")
    expectDiagnostic("page p1️⃣\nload demo", "expected indented clause lines after 'page p'", id: "expected")
  }

  @Test func replEntryStatus() {
    func status(_ text: String) -> EntryStatus { entryStatus(SourceFile(name: "<stdin>", text: text)) }
    #expect(status("row top \"Top\"") == .unfinished)
    #expect(status("row top \"Top\"\n  from popular()") == .open)
    #expect(status("from plays |") == .unfinished)
    #expect(status("from plays | where f(1,") == .complete)
    #expect(status("from plays | take 3") == .complete)
    #expect(status("page shown from table pages") == .complete)
    #expect(status("page p \"P\"\n  rows a, b") == .open)
    #expect(status("diversity d\n  unique titles") == .open)
    #expect(status("lod demo") == .complete)
    #expect(status("policy u = random") == .complete)
    #expect(status("eval p on test") == .open)
    #expect(status("eval p on test\n  metrics ndcg@10") == .open)
  }

  // MARK: - Literals, strings, nesting

  @Test func invalidDatesAndTimes() {
    expectDiagnostic(
      "split plays by time at 1️⃣2026-02-30 into a, b", "invalid date '2026-02-30': no such day in the calendar")
    expectDiagnostic("set t 1️⃣2026-06-01T24:00", "invalid time '2026-06-01T24:00': no such time of day")
    expectDiagnostic("set n 1️⃣99999999999999999999", "number '99999999999999999999' is too large")
    expectDiagnostic("set n 1️⃣10abc", "invalid number '10abc'")
  }

  @Test func badCharactersAndEscapes() {
    expectDiagnostic("from plays | where x 1️⃣$ 3", "unexpected character '$'", id: "invalidCharacter")
    expectDiagnostic("set s \"a1️⃣\\q\"", "unknown escape sequence '\\q' in string")
    expectDiagnostic("set s \"{1️⃣}\"", "expected expression")
    expectDiagnostic("set s \"{a 1️⃣b}\"", "expected '}' after 'a', found 'b'")
  }

  @Test func unclosedInterpolationBraceIsNotAnUnexpectedEnd() {
    expectDiagnostic("set s \"{f(a1️⃣}\"", "expected ')' (to close '(' at line 1)", id: "expected")
  }

  @Test func nestingIsCapped() {
    let deep = String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)
    let (_, diagnostics) = parse(SourceFile(name: "t.rec", text: "set x \(deep)"))
    #expect(diagnostics.map(\.message) == ["expression nested too deeply: more than 200 levels"])
    #expect(diagnostics.first?.range?.bytes.lowerBound == 6 + 200)
    let unary = String(repeating: "-", count: 500) + "1"
    #expect(parse(SourceFile(name: "t.rec", text: "set x \(unary)")).1.count == 1)
  }

  /// Found running the `format` fuzz target on deep hand-written inputs: a long `a.a.a…` chain
  /// parsed into as many nested member nodes with no cap, and the formatter ran out of stack at 20,000
  /// (Tests/Fuzz/Corpus/*/crash-member-chain.rec holds a shorter one).
  @Test func memberChainsAreCapped() {
    let chain = String(repeating: "a.", count: 198) + "a1️⃣." + String(repeating: "a.", count: 20_000) + "b"
    expectDiagnostic("from plays | select \(chain)", "expression nested too deeply: more than 200 levels", id: "nestingTooDeep")
    let fine = String(repeating: "a.", count: 198) + "b"
    #expect(parse(SourceFile(name: "t.rec", text: "from plays | select \(fine)")).1.isEmpty)
  }

  @Test func deeplyNestedStringsAreCapped() {
    let deep = String(repeating: "\"{", count: 5000) + String(repeating: "}\"", count: 5000)
    let (_, diagnostics) = parse(SourceFile(name: "t.rec", text: "set x \(deep)"))
    #expect(diagnostics.map(\.id) == ["nestingTooDeep"])
  }

  @Test func duplicateClauses() {
    expectDiagnostic(
      "row r\n  from a\n  1️⃣from b", "duplicate clause 'from' in row definition", id: "duplicateClause")
    expectDiagnostic("row r\n  where x\n  from a 1️⃣where y", "duplicate clause 'where' in row definition")
  }

  @Test func evalTakesOneLayout() {
    expectDiagnostic(
      "eval p on test per member 1️⃣long", "'long' cannot be combined with 'per member' in 'eval'",
      id: "conflictingClauses")
    expectDiagnostic(
      "eval p on test\n  long\n  1️⃣per member", "'long' cannot be combined with 'per member' in 'eval'")
  }

  @Test func missingWordsSayWhatWasExpected() {
    expectDiagnostic(
      "load1️⃣", "expected dataset kind ('demo', 'movielens', 'recbole', 'obd' or 'table') after 'load'")
    expectDiagnostic("show 1️⃣pag x for member 1", "expected 'page' or 'row' after 'show', found 'pag'")
    expectDiagnostic("split t by 1️⃣day at 1 into a, b", "expected 'time' or 'member' after 'by', found 'day'")
    expectDiagnostic("page p\n  size 10 x1️⃣", "expected number of columns after 'x'")
  }

  @Test func extraTokensAtEndOfLine() {
    expectDiagnostic(
      "load demo\nsave top to \"t.csv\" 1️⃣now", "expected end of line after '\"t.csv\"', found 'now'")
    expectDiagnostic("row r\n  limit 10 1️⃣20", "expected end of line after '10', found '20'")
  }

  @Test func badMetricCutoff() {
    expectDiagnostic(
      "eval p on test metrics recall@1️⃣\"x\"", "expected cut-off such as '20', '4x5' or '10%' after '@', found '\"x\"'")
  }

  // MARK: - Recovery

  @Test func oneErrorPerStatementAndParsingGoesOn() {
    let source = MarkedSource(
      """
      1️⃣lod demo
      row top "Top"
        from popular(window: 7d)
        2️⃣limt 10
        order by x $ y
      from plays | take 3
      save x 3️⃣"f"
      load demo
      """)
    let (program, diagnostics) = parse(source.file)
    #expect(diagnostics.map(\.range?.bytes.lowerBound) == ["1️⃣", "2️⃣", "3️⃣"].map { source.offsets[$0] })
    #expect(program.statements.count == 2)
  }

  @Test func pipeLinesOfABrokenQueryAreSkipped() {
    let (program, diagnostics) = parse(SourceFile(name: "t.rec", text: "from plays | wher x\n| take 3\nload demo"))
    #expect(diagnostics.count == 1)
    #expect(program.statements.count == 1)
  }

  /// Random edits of a valid program: the parser must neither crash nor hang, every diagnostic
  /// lies inside the file, and there is at most one per line.
  @Test func randomEditsNeverCrash() {
    let program = Array(
      """
      from plays | where completion > 0.9 | group by title (n = count()) | sort -n | take 10
      row top10 "Top 10 in {member.country} today"
        from popular(window: 7d, by: member.country)
        limit 10
      page home "Home"
        candidates top10, new
        utility 0.7 * relevance + 0.3 * freshness
        size 10 x 20
      eval home on test
        metrics recall@4x5, ndcg@20[lenskit]
      split plays by time at 2026-06-01T18:30 into train, test
      """.utf8)
    let alphabet = Array(#"  "{}()[]|@#.x-%,:=\n1a"#.utf8) + [UInt8(ascii: "\n")]
    var random = SeededRandom(seed: 11)
    for _ in 0..<2000 {
      var bytes = program
      for _ in 0..<(1 + random.below(4)) {
        let at = random.below(bytes.count)
        if random.below(2) == 0 {
          bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(6)))
        } else {
          bytes.insert(alphabet[random.below(alphabet.count)], at: at)
        }
      }
      let file = SourceFile(name: "t.rec", bytes: bytes)
      let (_, diagnostics) = parse(file)
      #expect(diagnostics.count <= file.lineStarts.count)
      for d in diagnostics {
        guard let r = d.range else { Issue.record("no range: \(d.message)"); continue }
        #expect(r.bytes.lowerBound >= 0 && r.bytes.upperBound <= bytes.count)
      }
    }
  }

  @Test func garbageNeverCrashes() {
    let inputs = [
      "", "\n\n", "(", ")", "[[[", "\"", "\"{", "\"{\"", "row", "row r\n  for", "from", "from x |", "|||",
      "load table t from", "eval a on", "sweep x@", "page p\n  size 10 x", "set x 1..", "@@@", "é", "1..2..3",
      "diversity d\n  max", "abtest a vs b on c split 50", "policy p = f(\n  context x",
    ]
    for text in inputs {
      let (_, diagnostics) = parse(SourceFile(name: "t.rec", text: text))
      #expect(diagnostics.count <= 1, "\(text): \(diagnostics.map(\.message))")
      #expect(diagnostics.allSatisfy { $0.range != nil })
    }
  }
}
