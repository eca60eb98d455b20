import Testing

@testable import RecCore
@testable import RecEngine

/// `incremental@RxC` and the demo's true uplift of any (member, title, moment) it reads.
@Suite struct IncrementalTests {
  /// The sum over the distinct titles of the area, each read at the member's "now", recomputed
  /// by hand from a truth that records what it was asked.
  @Test func sumsTheTruthOverTheDistinctTitlesOfTheArea() {
    let page = PageGrid(rows: [
      .init(title: "a", titles: [1, 2, 3]), .init(title: "b", titles: [2, 4]), .init(title: "c", titles: [5, 6, 7]),
    ])
    var judge = Judge(
      test: Table([("member", Column(type: .int, ints: [1])), ("title", Column(type: .int, ints: [9]))]),
      train: Table(), titles: nil, now: .cut(1_780_000_000))
    judge.upliftTruth = { member, title, at in
      member == 1 && at == 1_780_000_000 ? Double(title) / 100 - 0.03 : .nan
    }
    func incremental(_ rows: Int, _ columns: Int) -> Double {
      Metric(kind: .incremental, grid: .init(rows: rows, columns: columns))
        .score(page: page, list: RankedList(reading: page), member: 0, judge: judge, width: 3)
    }
    // Rows a and b, two columns: 1, 2 and 4 (2 once): 0.01 + 0.02 + 0.04 − 3 · 0.03.
    #expect(abs(incremental(2, 2) - (-0.02)) < 1e-15)
    // Every title once, 1 to 7: 0.28 − 7 · 0.03; negative uplift counts against the page.
    #expect(abs(incremental(10, 10) - 0.07) < 1e-15)
    #expect(incremental(1, 1) < 0)
  }

  /// For an exposure whose title the member had not played before it, the generator's record
  /// in `truth.exposures` is the uplift `trueUplift` gives with `done` false, to the last bit.
  @Test func trueUpliftAgreesWithTheExposuresTruth() throws {
    let world = DemoWorld.generate(members: 40, titles: 30, seed: 5)
    let tables = Dictionary(world.tables.map { ($0.name, $0.table) }, uniquingKeysWith: { a, _ in a })
    let exposures = try #require(tables["exposures"])
    let truth = try #require(tables["truth.exposures"])
    let plays = try #require(tables["plays"])
    var firstPlay: [Pair: Int] = [:]
    for i in 0..<plays.count {
      guard let m = plays["member"]?.int(at: i), let t = plays["title"]?.int(at: i), let at = plays["at"]?.int(at: i)
      else { continue }
      firstPlay[Pair(member: m, title: t)] = min(firstPlay[Pair(member: m, title: t)] ?? .max, at)
    }
    var compared = 0
    for i in 0..<exposures.count {
      let m = try #require(exposures["member"]?.int(at: i))
      let t = try #require(exposures["title"]?.int(at: i))
      let at = try #require(exposures["at"]?.int(at: i))
      guard (firstPlay[Pair(member: m, title: t)] ?? .max) >= at else { continue }
      let recorded = try #require(truth["uplift"]?.double(at: i))
      #expect(world.trueUplift(member: m, title: t, at: at, done: false) == recorded)
      compared += 1
    }
    #expect(compared > 100)
    #expect(world.trueUplift(member: 0, title: 1, at: 0, done: false) == 0)  // unknown member
  }

  private struct Pair: Hashable {
    var member: Int
    var title: Int
  }
}
