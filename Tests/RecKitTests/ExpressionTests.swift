import Testing

@testable import RecKit
@testable import RecCore
@testable import RecEngine
@testable import RecSyntax

@Suite struct ExpressionTests {
  /// The values of `e` over `table` (the tiny plays by default), as one selected column.
  func eval(
    _ e: Expr, over table: String = "plays", _ tables: [String: Table] = TinyData.tables, now: Int? = nil
  ) throws(Diagnostic) -> [Value] {
    try TinyData.run(pipe(table, .select([named("v", e)])), tables, now: now).values("v")
  }

  @Test func integerArithmeticStaysIntegerAndDivisionGivesFloat() throws {
    #expect(try eval(bin(.add, col("title"), int(1))).prefix(3) == [.int(2), .int(5), .int(3)])
    #expect(try eval(bin(.remainder, col("title"), int(3))).prefix(3) == [.int(1), .int(1), .int(2)])
    #expect(try eval(bin(.divide, col("title"), int(4))).prefix(2) == [.float(0.25), .float(1)])
    #expect(try eval(bin(.multiply, col("completion"), int(2))).prefix(2) == [.float(2), .float(0.8)])
    #expect(try eval(neg(col("title"))).prefix(2) == [.int(-1), .int(-4)])
    #expect(try eval(bin(.remainder, col("title"), int(0))).first == .null)
  }

  @Test func comparisonsAcrossIntAndFloat() throws {
    #expect(try eval(bin(.less, col("title"), float(1.5))).prefix(3) == [.bool(true), .bool(false), .bool(false)])
    #expect(try eval(bin(.greaterEqual, col("completion"), int(1))).prefix(3) == [.bool(true), .bool(false), .bool(false)])
    // A constant on the left mirrors the operator.
    #expect(try eval(bin(.less, int(3), col("title"))).prefix(3) == [.bool(false), .bool(true), .bool(false)])
    #expect(
      try eval(bin(.and, bin(.greater, col("title"), int(1)), bin(.less, col("completion"), float(0.5)))).prefix(2)
        == [.bool(false), .bool(true)])
  }

  @Test func textComparesByValue() throws {
    let names = try eval(bin(.less, col("name"), str("M")), over: "titles")
    #expect(names == [false, true, false, false, true, true, true, false, false, true].map { .bool($0) })
  }

  @Test func datesMeetTimesAtMidnight() throws {
    let after = try TinyData.run(pipe("plays", .filter(bin(.greaterEqual, col("at"), date(2026, 6, 1)))))
    #expect(after.count == 9)
    let gap = try eval(bin(.subtract, col("at"), datetime("2026-03-02T00:00")))
    #expect(gap.first == .duration(20 * 3600))
    let later = try eval(bin(.add, col("at"), duration(86400)))
    #expect(later.first == .time(seconds("2026-03-03T20:00")))
    let released = try eval(bin(.subtract, col("released"), date(2019, 2, 28)), over: "titles")
    #expect(released.first == .duration(86400))
  }

  @Test func withinLooksBackFromNow() throws {
    let now = seconds("2026-06-21T00:00")
    let recent = try TinyData.run(pipe("plays", .filter(bin(.within, col("at"), duration(7 * 86400)))), now: now)
    #expect(recent.values("title") == [.int(10)])
    let new = try TinyData.run(pipe("titles", .filter(bin(.within, col("released"), duration(90 * 86400)))), now: now)
    #expect(new.values("id") == [.int(9), .int(10)])
  }

  @Test func membershipInListColumnsAndLiterals() throws {
    let dramas = try TinyData.run(pipe("titles", .filter(bin(.in, str("Drama"), col("genres")))))
    #expect(dramas.values("id") == [1, 3, 4, 5, 10].map { .int($0) })
    let some = try TinyData.run(pipe("plays", .filter(bin(.in, col("title"), list(int(9), int(10))))))
    #expect(some.values("title") == [.int(9), .int(10)])
    let kinds = try TinyData.run(pipe("titles", .filter(bin(.in, col("kind"), list(str("series"))))))
    #expect(kinds.count == 4)
  }

  @Test func scalarFunctions() throws {
    let t = Table([
      ("a", Column(type: .list, values: [.list(["a", "b"]), .list(["x"]), .list([])])),
      ("b", Column(type: .list, values: [.list(["c", "b"]), .list(["x"]), .list([])])),
      ("n", Column(type: .int, ints: [-2, Int.min, 5])),
      ("f", Column(type: .float, storage: .float64([1.5, 0, .nan]))),
    ])
    let tables = ["t": t]
    #expect(try eval(call("jaccard", col("a"), col("b")), over: "t", tables) == [.float(1.0 / 3), .float(1), .float(0)])
    #expect(try eval(call("len", col("a")), over: "t", tables) == [.int(2), .int(1), .int(0)])
    #expect(try eval(call("abs", col("n")), over: "t", tables) == [.int(2), .null, .int(5)])
    #expect(try eval(call("coalesce", col("n"), int(0)), over: "t", tables) == [.int(-2), .int(0), .int(5)])
    #expect(try eval(call("max", col("n"), col("f")), over: "t", tables) == [.float(1.5), .float(0), .float(5)])
    #expect(try eval(call("min", col("n"), int(1)), over: "t", tables) == [.int(-2), .int(1), .int(1)])
    #expect(try eval(call("exp", col("f")), over: "t", tables).dropFirst() == [.float(1), .null])
    #expect(try eval(call("log", call("exp", col("f"))), over: "t", tables).dropFirst() == [.float(0), .null])
    #expect(try eval(call("log", col("n")), over: "t", tables).prefix(2) == [.null, .null])  // log(-2) is no number
  }

  @Test func calendarFunctionsUseTheDataNow() throws {
    let now = seconds("2026-06-21T00:00")
    #expect(try eval(call("year", col("released")), over: "titles").prefix(2) == [.int(2019), .int(2021)])
    #expect(try eval(call("year", col("at"))).first == .int(2026))
    let days = try eval(call("days_since", col("at")), now: now)
    #expect(days.last == .float(0.5))
    #expect(try eval(call("days_since", col("released")), over: "titles", now: now).last == .float(32))
  }

  @Test func daysSinceWithoutANowIsALocatedError() {
    let src = Marked("from plays | select v = days_since(at)")
    #expect {
      _ = try TinyData.run(pipe("plays", .select([named("v", call("days_since", col("at"), at: src["days_since(at)"]))])))
    } throws: { error in
      let d = error as? Diagnostic
      return d?.message == "'days_since' needs the data's 'now', but no loaded table has times"
        && d?.range == src["days_since(at)"]
    }
  }

  @Test func randomIsSeededUniformAndPerCallSite() throws {
    let a = try eval(call("random"))
    let b = try eval(call("random"))
    #expect(a == b)
    #expect(a.allSatisfy { ($0.number ?? -1) >= 0 && ($0.number ?? 2) < 1 })
    var rng = SeededRandom(seed: 7, stream: 0)
    #expect(a.first == .float(rng.uniform()))
    let tables = TinyData.tables
    let other = try QueryEngine(table: { tables[$0] }, now: nil, seed: 8)
      .run(try TinyData.bind(pipe("plays", .select([named("v", call("random"))]))), cancellation: .never)
    #expect(other.values("v") != a)
  }
}
