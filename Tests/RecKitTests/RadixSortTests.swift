import Testing

@testable import RecKit
@testable import RecEngine

@Suite struct RadixSortTests {
  /// The stable order of rows by comparisons, missing last: what `sort` must give.
  private func reference(_ values: [Double], descending: Bool) -> [Int] {
    values.indices.sorted { a, b in
      let (x, y) = (values[a], values[b])
      if x.isNaN || y.isNaN { return !x.isNaN && y.isNaN ? true : x.isNaN == y.isNaN && a < b }
      if x == y { return a < b }
      return (x < y) != descending
    }
  }

  private func radixOrder(_ column: Column, descending: Bool) -> [Int] {
    let order = RadixSort.stableOrder(refining: nil, by: SortCodes(column, descending: descending))
    return order.map { $0.map(Int.init) } ?? Array(0..<column.count)
  }

  @Test func integersOfEveryWidthWithNegativesAndMissing() {
    var random = SeededRandom(seed: 5)
    // A small range (one counting pass), a 30-bit range (two passes), a 50-bit range (64-bit codes).
    for range in [100, 1 << 30, 1 << 50] {
      let ints = (0..<5_000).map { _ in random.below(20) == 0 ? Int.min : random.below(range) - range / 2 }
      let values = ints.map { $0 == Int.min ? Double.nan : Double($0) }
      for descending in [false, true] {
        #expect(radixOrder(Column(type: .int, ints: ints), descending: descending) == reference(values, descending: descending))
      }
    }
  }

  @Test func floatsWithNegativeZeroAndMissing() {
    var random = SeededRandom(seed: 9)
    let floats = (0..<5_000).map { _ -> Float in
      switch random.below(10) {
      case 0: .nan
      case 1: -0.0
      case 2: 0
      default: Float(random.below(10) + 1) / 2 * (random.below(3) == 0 ? -1 : 1)
      }
    }
    let values = floats.map(Double.init)
    for descending in [false, true] {
      let order = radixOrder(Column(type: .float, storage: .float32(floats)), descending: descending)
      #expect(order == reference(values, descending: descending))
    }
  }

  /// From 2^16 rows each pass counts and scatters two halves at once, and a digit that is the
  /// same in every code is skipped: doubles with many ties whose middle bits never vary (values
  /// k · 2^40 plus a small integer), ordered after a refining order that is not the row order.
  @Test func manyRowsInTwoHalvesWithAConstantDigit() {
    var random = SeededRandom(seed: 17)
    let n = 200_003
    let ints = (0..<n).map { _ in random.below(4) << 40 + random.below(300) - (random.below(2) << 41) }
    let values = ints.map(Double.init)
    let refining = (0..<Int32(n)).map { ($0 &* 7_919) % Int32(n) }
    for descending in [false, true] {
      let whole = radixOrder(Column(type: .float, storage: .float64(values)), descending: descending)
      #expect(whole == reference(values, descending: descending))
      let refined = RadixSort.stableOrder(
        refining: refining, by: SortCodes(Column(type: .int, ints: ints), descending: descending))
      let expected = refining.map(Int.init).enumerated().sorted { a, b in
        let (x, y) = (values[a.element], values[b.element])
        return x == y ? a.offset < b.offset : (x < y) != descending
      }.map(\.element)
      #expect(refined.map { $0.map(Int.init) } == expected)
    }
  }

  @Test func equalKeysKeepTheirOrder() {
    let same = Column(type: .int, ints: [4, 4, 4])
    #expect(RadixSort.stableOrder(refining: nil, by: SortCodes(same, descending: true)) == nil)
    let missing = Column(type: .int, ints: [Int.min, Int.min])
    #expect(RadixSort.stableOrder(refining: [1, 0], by: SortCodes(missing, descending: false)) == [1, 0])
    let refined = RadixSort.stableOrder(refining: [2, 0, 1], by: SortCodes(Column(type: .int, ints: [1, 0, 1]), descending: false))
    #expect(refined == [1, 2, 0])
  }

  @Test func engineSortsByTextThenIntegerWithBoolsAndNulls() throws {
    let t = Table([
      ("s", Column(type: .string, values: [.string("b"), .null, .string("a"), .string("b"), .string("a"), .null])),
      ("k", Column(type: .int, ints: [2, 9, Int.min, 7, 3, 1])),
      ("f", Column(type: .bool, storage: .bool([1, 0, -1, 0, 1, 1]))),
    ])
    let sorted = try TinyData.run(pipe("t", .sort([asc(col("s")), desc(col("k"))])), ["t": t])
    #expect(sorted.values("k") == [.int(3), .null, .int(7), .int(2), .int(9), .int(1)])
    let byFlag = try TinyData.run(pipe("t", .sort([desc(col("f"))])), ["t": t])
    #expect(byFlag.values("k") == [.int(2), .int(3), .int(1), .int(9), .int(7), .null])
  }
}
