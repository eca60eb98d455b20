import Testing

@testable import RecEngine

/// The casts of `int()`, `float()`, `text()`, `time()` and the `types` load clause: each present
/// value converts or becomes missing, and the rows that did not convert are named.
@Suite struct ColumnCastTests {
  @Test func textToNumbersAndTimes() {
    let texts: [Value] = [.string("12"), .string(" 7 "), .string("1990.0"), .string("1.5"), .string("x"), .null]
    let column = Column(type: .string, values: texts)
    let (ints, failed) = column.cast(to: .int)
    let wantedInts: [Value] = [.int(12), .int(7), .int(1990), .null, .null, .null]
    #expect((0..<6).map { ints.value(at: $0) } == wantedInts)
    #expect(failed == [3, 4])
    let (floats, bad) = column.cast(to: .float)
    let wantedFloats: [Value] = [.float(12), .float(7), .float(1990), .float(1.5), .null, .null]
    #expect((0..<6).map { floats.value(at: $0) } == wantedFloats)
    #expect(bad == [4])
    let times = Column(type: .string, values: [.string("2025-01-03"), .string("2025-01-03T10:30"), .string("soon")])
    let (t, late) = times.cast(to: .time)
    let wantedTimes: [Value] = [.time(1_735_862_400), .time(1_735_900_200), .null]
    #expect((0..<3).map { t.value(at: $0) } == wantedTimes)
    #expect(late == [2])
  }

  @Test func numbersTruncateTowardZeroAndOutOfRangeIsMissing() {
    let column = Column(type: .float, storage: .float64([2.9, -2.9, 1e300, .nan]))
    let (ints, failed) = column.cast(to: .int)
    let wanted: [Value] = [.int(2), .int(-2), .null, .null]
    #expect((0..<4).map { ints.value(at: $0) } == wanted)
    #expect(failed == [2])
  }

  @Test func anythingToTextAsCSVWritesIt() {
    let column = Column(type: .time, ints: [1_735_900_200, Int.min])
    let (text, failed) = column.cast(to: .string)
    let wanted: [Value] = [.string("2025-01-03T10:30"), .null]
    #expect((0..<2).map { text.value(at: $0) } == wanted)
    #expect(failed.isEmpty)
  }

  @Test func missingFlagsFollowEachStorage() {
    #expect(Column(type: .int, ints: [1, Int.min]).missingFlags() == [0, 1])
    #expect(Column(type: .float, storage: .float64([.nan, 0])).missingFlags() == [1, 0])
    #expect(Column(type: .string, values: [.string("a"), .null]).missingFlags() == [0, 1])
  }
}
