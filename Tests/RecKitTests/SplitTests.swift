import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecCore
@testable import RecSyntax

@Suite struct SplitTests {
  /// The (member, title) pairs of a table, in order.
  func pairs(_ t: Table) -> [[Int]] {
    (0..<t.count).map { [t["member"]!.int(at: $0)!, t["title"]!.int(at: $0)!] }
  }

  func split(_ rule: SplitRule, _ t: Table = TinyData.plays) throws(Diagnostic) -> SplitResult {
    try Splitter.split(t, by: rule, name: "plays", at: nil)
  }

  @Test func timeCutSendsRowsAtOrAfterTheCutToTest() throws {
    let cut = CivilTime.days(year: 2026, month: 6, day: 1) * 86400
    let r = try split(.time(at: cut))
    #expect(r.train.count == 8)
    #expect(r.test.count == 9)
    #expect(pairs(r.test).first == [1, 3])
    #expect(pairs(r.train).last == [4, 3])
    #expect(r.now == .cut(cut))
  }

  @Test func perMemberFractionKeepsAtLeastOneTestRow() throws {
    // ⌊0.2·6⌋ = 1, ⌊0.2·4⌋ = 0 → 1, ⌊0.2·1⌋ = 0 → 1: each member's last play by time.
    let r = try split(.memberLastFraction(0.2))
    #expect(pairs(r.test) == [[4, 3], [1, 9], [2, 2], [3, 10]])
    #expect(r.train.count == 13)
    #expect(
      r.now == .perMember([
        1: seconds("2026-06-10T17:00"), 2: seconds("2026-06-04T20:00"), 3: seconds("2026-06-20T12:00"),
        4: seconds("2026-05-15T20:00"),
      ]))
  }

  @Test func fractionOfRowsIsFloorInIntegerArithmetic() {
    // In floating point 0.29 * 100 = 28.999999999999996, which floors to 28.
    #expect(Splitter.lastCount(fraction: 0.29, of: 100) == 29)
    #expect(Splitter.lastCount(fraction: 0.2, of: 100) == 20)
    #expect(Splitter.lastCount(fraction: 0.2, of: 99) == 19)
    #expect(Splitter.lastCount(fraction: 0.2, of: 4) == 0)
    #expect((1...1000).allSatisfy { Splitter.lastCount(fraction: 0.2, of: $0) == $0 / 5 })
    #expect(Splitter.lastCount(fraction: 0.125, of: 17) == 2)
    #expect(Splitter.lastCount(fraction: 1, of: 7) == 7)
  }

  @Test func perMemberCountTakesTheLastRowsInTableOrder() throws {
    let r = try split(.memberLastCount(3))
    #expect(pairs(r.test) == [[2, 6], [4, 3], [1, 3], [1, 7], [1, 9], [2, 2], [2, 2], [3, 6], [3, 8], [3, 10]])
    #expect(pairs(r.train) == [[1, 1], [1, 4], [1, 2], [2, 5], [3, 1], [3, 2], [3, 5]])
    #expect(r.now == .perMember([
      1: seconds("2026-06-02T20:00"), 2: seconds("2026-05-05T18:00"), 3: seconds("2026-06-05T10:00"),
      4: seconds("2026-05-15T20:00"),
    ]))
  }

  @Test func equalTimesBreakTiesByTitle() throws {
    let t = Table([
      ("member", Column(type: .int, ints: [1, 1, 1])),
      ("title", Column(type: .int, ints: [9, 3, 5])),
      ("at", Column(type: .time, ints: [100, 100, 50])),
    ])
    // By (at, title): 5 @50, 3 @100, 9 @100 — so the last one is title 9, the first row.
    let r = try split(.memberLastCount(1), t)
    #expect(pairs(r.test) == [[1, 9]])
    #expect(pairs(r.train) == [[1, 3], [1, 5]])
  }

  @Test func randomSplitIsSeededPerRow() throws {
    let r = try split(.random(fraction: 0.2, seed: 7))
    let keys = Splitter.rowKeys(TinyData.plays)
    let expected = (0..<17).filter { KeyedRandom.uniform(seed: 7, .split, unit: keys[$0], replicate: 0) < 0.2 }
    #expect(r.test.count == expected.count)
    #expect(pairs(r.test) == expected.map { pairs(TinyData.plays)[$0] })
    #expect(pairs(r.test) == [[1, 1], [2, 2]])
    #expect(r.train.count + r.test.count == 17)
    #expect(r.now == nil)
    #expect(try pairs(split(.random(fraction: 0.2, seed: 8)).test) != pairs(r.test))
  }

  /// A row's side is keyed by its identity (member, title, at), not its place: the table in
  /// another order splits into the same rows.
  @Test func shuffledTableSplitsIntoTheSameRows() throws {
    var random = SeededRandom(seed: 5)
    let n = 2_000
    let t = Table([
      ("member", Column(type: .int, ints: (0..<n).map { _ in random.below(300) })),
      ("title", Column(type: .int, ints: (0..<n).map { _ in random.below(500) })),
      ("at", Column(type: .time, ints: (0..<n).map { 1_700_000_000 + $0 * 37 })),
    ])
    func rows(_ t: Table) -> [[Value]] {
      (0..<t.count).map { i in t.columns.map { $0.value(at: i) } }.sorted { "\($0)" < "\($1)" }
    }
    let first = try Splitter.split(t, by: .random(fraction: 0.3, seed: 9), name: "t", at: nil)
    #expect(first.test.count > 500 && first.test.count < 700)
    for _ in 0..<3 {
      let shuffled = t.gather(Array(0..<n).shuffled(using: &random))
      let again = try Splitter.split(shuffled, by: .random(fraction: 0.3, seed: 9), name: "t", at: nil)
      #expect(rows(again.test) == rows(first.test))
      #expect(rows(again.train) == rows(first.train))
    }
  }

  /// The rule the checker reads from `split plays … into a, b`, with the session's seed `seed`.
  func rule(_ method: String, seed: UInt64 = 1) throws -> SplitRule {
    let (program, problems) = parse(SourceFile(name: "<test>", text: "split plays \(method) into a, b"))
    try #require(problems.isEmpty)
    var environment = Environment()
    environment.tables["plays"] = Schema(of: TinyData.plays)
    var checker = Checker(environment: environment, directory: ".", seed: seed, imports: ImportCache())
    guard case .split(let plan)? = try checker.check(program.statements[0])?.kind else {
      throw Diagnostic(.unchecked("split"), at: nil)
    }
    return plan.rule
  }

  @Test func rulesFromParsedLiterals() throws {
    #expect(try rule("by time at 2026-06-01") == .time(at: seconds("2026-06-01T00:00")))
    #expect(try rule("by member last 20%") == .memberLastFraction(0.2))
    #expect(try rule("by member last 3") == .memberLastCount(3))
    #expect(try rule("random 20%", seed: 5) == .random(fraction: 0.2, seed: 5))
    #expect(try rule("random 20% seed 7", seed: 5) == .random(fraction: 0.2, seed: 7))
    #expect {
      _ = try rule("by member last 0")
    } throws: { error in
      let d = error as? Diagnostic
      return d?.message == "expected a percentage above 0% and at most 100%, or a count of rows after 'last'"
        && d?.range?.text == "0"
    }
  }

  @Test func missingColumnsAreNamed() {
    let t = Table([("member", Column(type: .int, ints: [1])), ("when", Column(type: .time, ints: [1]))])
    #expect {
      _ = try split(.memberLastCount(1), t)
    } throws: { error in
      (error as? Diagnostic)?.message == "unknown column 'at' in 'plays'"
    }
  }
}
