import Testing

@testable import RecCore
@testable import RecEngine

/// `PlayAttribution` against the rule read literally, one play at a time over every exposure, on
/// seeded logs small enough for that to be quick and dense enough for ties (several exposures of a
/// member and title at one time), plays at an exposure's time and plays exactly D later.
@Suite struct PlayAttributionTests {
  /// A log of `rows` rows with member and title among 3 each and times among 0, 5, …, 60.
  static func log(_ rows: Int, _ random: inout SeededRandom) -> Table {
    var columns: [[Int]] = [[], [], []]
    for _ in 0..<rows {
      columns[0].append(random.below(3))
      columns[1].append(random.below(3))
      columns[2].append(5 * random.below(13))
    }
    return Table(zip(LogKeys.columns, columns).map { ($0, Column(type: .int, ints: $1)) })
  }

  /// Each exposure's outcome by the rule as written: a play goes to the exposure of its member and
  /// title with the greatest (time, row) not after it, and counts when less than `window` later.
  static func literal(_ exposures: LogKeys, _ plays: LogKeys, window: Int) -> (played: [Bool], credited: Int) {
    var played = [Bool](repeating: false, count: exposures.count)
    var credited = 0
    for p in 0..<plays.count {
      var best: Int?
      for e in 0..<exposures.count
      where exposures.member[e] == plays.member[p] && exposures.title[e] == plays.title[p] && exposures.at[e] <= plays.at[p] {
        if let b = best, exposures.at[b] > exposures.at[e] { continue }
        best = e
      }
      guard let e = best, plays.at[p] - exposures.at[e] < window else { continue }
      played[e] = true
      credited += 1
    }
    return (played, credited)
  }

  @Test func equalsTheRuleReadLiterally() throws {
    var random = SeededRandom(seed: 11)
    for round in 0..<300 {
      let exposures = try LogKeys(Self.log(random.below(40), &random), name: "exposures", kind: .exposures, at: nil)
      let plays = try LogKeys(Self.log(random.below(40), &random), name: "plays", kind: .plays, at: nil)
      let window = 5 * (1 + random.below(4))
      let fast = try PlayAttribution(exposures: exposures, plays: plays, window: window)
      let slow = Self.literal(exposures, plays, window: window)
      #expect(fast.played == slow.played, "round \(round)")
      #expect(fast.creditedPlays == slow.credited, "round \(round)")
    }
  }

  @Test func emptyLogsCreditNothing() throws {
    let empty = try LogKeys(Table(LogKeys.columns.map { ($0, Column(type: .int, ints: [])) }), name: "e", kind: .exposures, at: nil)
    var random = SeededRandom(seed: 3)
    let some = try LogKeys(Self.log(10, &random), name: "p", kind: .plays, at: nil)
    #expect(try PlayAttribution(exposures: empty, plays: some, window: 10).played.isEmpty)
    let none = try PlayAttribution(exposures: some, plays: empty, window: 10)
    #expect(none.played == [Bool](repeating: false, count: 10) && none.creditedPlays == 0)
  }
}
