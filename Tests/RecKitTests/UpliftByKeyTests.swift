import Testing

@testable import RecEngine

/// `uplift of`'s counts and intervals, against figures worked out here by hand.
@Suite struct UpliftByKeyTests {
  /// Title 10: shown 3 (2 plays), held 2 (0 plays); title 20: shown 2 (1), held 2 (1); title 30:
  /// shown 2 (1), never held; one row without a title.
  static let keys = Column(type: .int, values: [10, 20, 10, 20, 10, 30, 10, 20, 30, 20, 10].map(Value.int) + [.null])
  static let treated = [true, false, true, true, true, true, false, false, true, true, false, false]
  static let played = [true, true, true, false, false, true, false, false, false, true, false, true]

  @Test func countsEachArmPerKeyAndInTotal() {
    let u = UpliftByKey(keys: Self.keys, treated: Self.treated, played: Self.played, truth: nil)
    #expect(u.groups.map(\.key) == [.int(10), .int(20), .int(30)])
    #expect(u.groups.map { [$0.shown, $0.shownPlays, $0.held, $0.heldPlays] } == [[3, 2, 2, 0], [2, 1, 2, 1], [2, 1, 0, 0]])
    #expect([u.total.shown, u.total.shownPlays, u.total.held, u.total.heldPlays] == [7, 4, 5, 2])
    #expect(u.missingKeys == 1)
    #expect(u.groups[2].difference == nil && !u.groups[2].hasBothArms)
  }

  /// The interval is the unpooled normal one: 2/3 − 0 ± 1.959964 · √((2/3)(1/3)/3).
  @Test func intervalIsTheDifferenceOfProportions() throws {
    let u = UpliftByKey(keys: Self.keys, treated: Self.treated, played: Self.played, truth: nil)
    let d = try #require(u.groups[0].difference)
    let se = (2.0 / 3 * (1.0 / 3) / 3).squareRoot()
    #expect(d.diff == 2.0 / 3)
    #expect(abs(d.low - (2.0 / 3 - 1.959963984540054 * se)) < 1e-12)
    #expect(abs(d.high - (2.0 / 3 + 1.959963984540054 * se)) < 1e-12)
  }

  /// The same rows through `abtest on`'s analysis give the same interval, digit for digit.
  @Test func agreesWithTheABTestOfA01Metric() throws {
    let rows = Self.keys.count
    let title10 = (0..<rows).filter { Self.keys.int(at: $0) == 10 }
    let ab = try #require(
      ABAnalysis(
        values: title10.map { Self.played[$0] ? 1 : 0 }, groups: title10.map { Self.treated[$0] ? "shown" : "held" },
        control: "held"))
    let u = UpliftByKey(keys: Self.keys, treated: Self.treated, played: Self.played, truth: nil)
    let d = try #require(u.groups[0].difference)
    #expect(ab.groups[1].diff == d.diff && ab.groups[1].low == d.low && ab.groups[1].high == d.high)
  }

  /// The truth column is the mean over the key's rows with a known truth.
  @Test func truthIsTheMeanOverTheKeysRows() {
    let truth = [0.1, 0.2, 0.3, 0.2, 0.5, 0.0, 0.1, .nan, 0.3, 0.2, 0.0, 1.0]
    let u = UpliftByKey(keys: Self.keys, treated: Self.treated, played: Self.played, truth: truth)
    #expect(u.groups[0].truth == (0.1 + 0.3 + 0.5 + 0.1 + 0.0) / 5)
    #expect(u.groups[1].truth == (0.2 + 0.2 + 0.2) / 3)
    #expect(u.total.truthCount == 11)
  }
}
