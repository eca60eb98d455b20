import Testing

@testable import RecKit
@testable import RecSyntax
@testable import RecEngine
@testable import RecCore

@Suite struct QueryEngineTests {
  @Test func groupsPlaysByMemberWithCountAndMean() throws {
    let p = pipe(
      "plays",
      .group(keys: [named(nil, col("member"))], aggregates: [
        named("n", call("count")), named("done", call("avg", col("completion"))),
      ]),
      .sort([asc(col("member"))]))
    let t = try TinyData.run(p)
    #expect(t.names == ["member", "n", "done"])
    #expect(t.values("member") == [.int(1), .int(2), .int(3), .int(4)])
    #expect(t.values("n") == [.int(6), .int(4), .int(6), .int(1)])
    #expect(
      t.values("done") == [
        .float((1.0 + 0.4 + 0.95 + 1.0 + 0.5 + 1.0) / 6), .float((1.0 + 0.2 + 0.3 + 1.0) / 4),
        .float((1.0 + 0.7 + 1.0 + 0.8 + 1.0 + 0.6) / 6), .float(1.0),
      ])
  }

  @Test func groupsInOrderOfFirstAppearanceAndSortsStably() throws {
    // Titles with a near-complete play: 1, 2, 5, 3 twice each, then 9 and 8 once.
    let p = pipe(
      "plays", .filter(bin(.greater, col("completion"), float(0.9))),
      .group(keys: [named(nil, col("title"))], aggregates: [named("n", call("count"))]))
    let grouped = try TinyData.run(p)
    #expect(grouped.values("title") == [1, 2, 5, 3, 9, 8].map { .int($0) })
    let sorted = try TinyData.run(Pipeline(source: p.source, steps: p.steps + [
      Transform(.sort([desc(col("n"))]), nowhere), Transform(.take(int(5)), nowhere),
    ], range: nowhere))
    #expect(sorted.values("title") == [1, 2, 5, 3, 9].map { .int($0) })
    #expect(sorted.values("n") == [2, 2, 2, 2, 1].map { .int($0) })
  }

  @Test func sortsByTextThenNumberDescending() throws {
    let t = try TinyData.run(pipe(
      "titles", .sort([asc(col("kind")), desc(col("year")), asc(col("id"))]), .select([named(nil, col("id"))])))
    // movies by year down (2026, 2025, 2023, 2020, 2019, 2018), then series (2026, 2024, 2022, 2021).
    #expect(t.values("id") == [9, 8, 6, 3, 1, 4, 10, 7, 5, 2].map { .int($0) })
  }

  @Test func dottedAccessFollowsKeysInGroupKeysAndFilters() throws {
    let byCountry = try TinyData.run(pipe(
      "plays",
      .group(keys: [named(nil, dot(col("member"), "country"))], aggregates: [
        named("plays", call("count")), named("members", call("count_distinct", col("member"))),
      ])))
    #expect(byCountry.names == ["country", "plays", "members"])
    #expect(byCountry.values("country") == [.string("US"), .string("BR")])
    #expect(byCountry.values("plays") == [.int(10), .int(7)])
    #expect(byCountry.values("members") == [.int(2), .int(2)])

    let series = try TinyData.run(pipe("plays", .filter(bin(.equal, dot(col("title"), "kind"), str("series")))))
    #expect(series.values("title") == [2, 5, 2, 7, 2, 2, 5, 10].map { .int($0) })
  }

  @Test func dottedAccessChainsAndMissingKeysAreNull() throws {
    var plays = TinyData.plays.gather([0, 7])
    plays.set("member", Column(type: .int, ints: [1, 99]))
    let t = try TinyData.run(
      pipe("plays", .select([named(nil, dot(col("member"), "country")), named("g", dot(col("title"), "genres"))])),
      ["plays": plays, "members": TinyData.members, "titles": TinyData.titles])
    #expect(t.values("country") == [.string("US"), .null])
    #expect(t.values("g") == [.list(["Drama", "Thriller"]), .list(["Sci-Fi", "Drama"])])
  }

  @Test func joinsKeepLeftOrderAndDropTheRightKey() throws {
    let t = try TinyData.run(pipe(
      "plays", .filter(bin(.equal, col("member"), int(2))),
      .join(table: ident("titles"), on: bin(.equal, col("title"), col("id"))),
      .select([named(nil, col("name")), named(nil, col("completion"))])))
    #expect(t.values("name") == ["Harbor Lights", "Blue Circuit", "Laughs, Inc.", "Laughs, Inc."].map { .string($0) })
    #expect(t.values("completion") == [1.0, 0.2, 0.3, 1.0].map { .float($0) })
  }

  @Test func joinRenamesClashingColumnsAndMatchesEveryRightRow() throws {
    let left = Table([
      ("id", Column(type: .int, ints: [2, 1, 3])),
      ("name", Column(type: .string, values: [.string("b"), .string("a"), .string("c")])),
    ])
    let right = Table([
      ("key", Column(type: .int, ints: [1, 2, 1])),
      ("name", Column(type: .string, values: [.string("x"), .string("y"), .string("z")])),
    ])
    let t = try TinyData.run(
      pipe("l", .join(table: ident("r"), on: bin(.equal, col("key"), col("id")))), ["l": left, "r": right])
    #expect(t.names == ["id", "name", "r_name"])
    #expect(t.values("id") == [.int(2), .int(1), .int(1)])
    #expect(t.values("r_name") == [.string("y"), .string("x"), .string("z")])
  }

  @Test func joinsOnTextKeysAcrossDictionaries() throws {
    let left = Table([("c", Column(type: .string, values: ["BR", "FR", "US"].map { .string($0) }))])
    let right = Table([
      ("code", Column(type: .string, values: ["US", "BR"].map { .string($0) })),
      ("n", Column(type: .int, ints: [10, 20])),
    ])
    let t = try TinyData.run(pipe("l", .join(table: ident("r"), on: bin(.equal, col("c"), col("code")))), ["l": left, "r": right])
    #expect(t.values("c") == [.string("BR"), .string("US")])
    #expect(t.values("n") == [.int(20), .int(10)])
  }

  @Test func distinctOverColumnsOrWholeRows() throws {
    let members = try TinyData.run(pipe("plays", .distinct([named(nil, col("member"))])))
    #expect(members.names == ["member"])
    #expect(members.values("member") == [1, 2, 3, 4].map { .int($0) })

    let pairs = try TinyData.run(pipe("plays", .select([named(nil, col("member")), named(nil, col("title"))]), .distinct([])))
    #expect(pairs.count == 16)  // member 2 played title 2 twice
    #expect(pairs.values("title").prefix(3) == [.int(1), .int(4), .int(2)])
  }

  @Test func missingValuesPropagateAndAggregatesSkipThem() throws {
    let t = Table([
      ("g", Column(type: .string, values: [.string("a"), .string("a"), .string("b"), .string("a"), .string("b")])),
      ("x", Column(type: .float, storage: .float64([1, .nan, .nan, 3, .nan]))),
      ("k", Column(type: .int, ints: [5, Int.min, 2, 1, Int.min])),
    ])
    let grouped = try TinyData.run(
      pipe("t", .group(keys: [named(nil, col("g"))], aggregates: [
        named("rows", call("count")), named("xs", call("count", col("x"))), named("mean", call("avg", col("x"))),
        named("total", call("sum", col("k"))),
      ])), ["t": t])
    #expect(grouped.values("rows") == [.int(3), .int(2)])
    #expect(grouped.values("xs") == [.int(2), .int(0)])
    #expect(grouped.values("mean") == [.float(2), .null])
    #expect(grouped.values("total") == [.int(6), .int(2)])

    // A comparison with a missing value is false either way round.
    let above = try TinyData.run(pipe("t", .filter(bin(.greater, col("x"), float(0)))), ["t": t])
    let notAbove = try TinyData.run(pipe("t", .filter(not(bin(.greater, col("x"), float(0))))), ["t": t])
    let unequal = try TinyData.run(pipe("t", .filter(bin(.notEqual, col("k"), int(5)))), ["t": t])
    #expect(above.count == 2)
    #expect(notAbove.count == 3)
    #expect(unequal.values("k") == [.int(2), .int(1)])

    let sum = try TinyData.run(pipe("t", .select([named("y", bin(.add, col("k"), int(1)))])), ["t": t])
    #expect(sum.values("y") == [.int(6), .null, .int(3), .int(2), .null])

    // Missing values sort last in both directions.
    let up = try TinyData.run(pipe("t", .sort([asc(col("k"))])), ["t": t])
    let down = try TinyData.run(pipe("t", .sort([desc(col("k"))])), ["t": t])
    #expect(up.values("k") == [.int(1), .int(2), .int(5), .null, .null])
    #expect(down.values("k") == [.int(5), .int(2), .int(1), .null, .null])
  }

  @Test func everyAggregateAgainstHandComputation() throws {
    let t = Table([
      ("g", Column(type: .int, ints: [1, 2, 1, 1, 2, 1, 1])),
      ("v", Column(type: .int, ints: [4, 7, 1, 10, 7, 3, 2])),
      ("s", Column(type: .string, values: ["pear", "fig", "apple", "kiwi", "plum", "date", "lime"].map { .string($0) })),
    ])
    let r = try TinyData.run(
      pipe("t", .group(keys: [named(nil, col("g"))], aggregates: [
        named("n", call("count")), named("d", call("count_distinct", col("v"))), named("sum", call("sum", col("v"))),
        named("avg", call("avg", col("v"))), named("lo", call("min", col("v"))), named("hi", call("max", col("v"))),
        named("first", call("min", col("s"))), named("last", call("max", col("s"))),
        named("med", call("median", col("v"))), named("p90", call("p90", col("v"))),
        named("p25", call("p25", col("v"))),
      ])), ["t": t])
    // Group 1 holds 4, 1, 10, 3, 2 (sorted 1 2 3 4 10); group 2 holds 7, 7.
    #expect(r.values("n") == [.int(5), .int(2)])
    #expect(r.values("d") == [.int(5), .int(1)])
    #expect(r.values("sum") == [.int(20), .int(14)])
    #expect(r.values("avg") == [.float(4), .float(7)])
    #expect(r.values("lo") == [.int(1), .int(7)])
    #expect(r.values("hi") == [.int(10), .int(7)])
    #expect(r.values("first") == [.string("apple"), .string("fig")])
    #expect(r.values("last") == [.string("pear"), .string("plum")])
    #expect(r.values("med") == [.float(3), .float(7)])
    // numpy: percentile([1, 2, 3, 4, 10], 90) = 4 + 0.6 · (10 − 4) = 7.6; percentile(…, 25) = 2.
    let p90 = r["p90"]!.double(at: 0)!
    #expect(abs(p90 - 7.6) < 1e-12)
    #expect(r.values("p25") == [.float(2), .float(7)])
  }

  @Test func aggregatesCombineInExpressionsAndMultipleKeys() throws {
    let t = try TinyData.run(pipe(
      "plays",
      .group(keys: [named(nil, dot(col("member"), "country")), named(nil, dot(col("title"), "kind"))], aggregates: [
        named("share", bin(.divide, call("sum", col("completion")), call("count"))),
      ]),
      .sort([asc(col("country")), asc(col("kind"))])))
    #expect(t.names == ["country", "kind", "share"])
    #expect(t.values("country") == ["BR", "BR", "US", "US"].map { .string($0) })
    #expect(t.values("kind") == ["movie", "series", "movie", "series"].map { .string($0) })
    // BR series plays: member 3 on titles 2, 5 and 10, in table order.
    let brSeries = (0.7 + 1.0 + 0.6) / 3
    #expect(t["share"]!.double(at: 1)! == brSeries)
  }

  @Test func derivedColumnsSeeEarlierOnesAndTakeLimits() throws {
    let t = try TinyData.run(pipe(
      "plays", .derive([named("half", bin(.divide, col("title"), int(2))), named("twice", bin(.multiply, col("half"), int(2)))]),
      .take(int(2))))
    #expect(t.names == ["member", "title", "at", "completion", "half", "twice"])
    #expect(t.values("half") == [.float(0.5), .float(2)])
    #expect(t.values("twice") == [.float(1), .float(4)])
  }

  @Test func interruptionStopsTheRun() {
    #expect {
      let stop = Cancellation()
      stop.cancel()
      let tables = TinyData.tables
      _ = try QueryEngine(table: { tables[$0] }, now: nil, seed: 7)
        .run(try TinyData.bind(pipe("plays", .take(int(1)))), cancellation: stop)
    } throws: { error in
      (error as? Diagnostic)?.message == "interrupted"
    }
  }
}
