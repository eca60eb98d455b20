import Testing

@testable import RecKit
@testable import RecEngine

@Suite struct GroupCountsTests {
  /// Counts per group the slow way: number the rows with `Grouping`, then count the numbers.
  private func reference(_ column: Column) throws -> GroupCounts {
    let grouping = try Grouping.by(column, cancellation: .never)
    var counts = [Int](repeating: 0, count: grouping.count)
    for g in grouping.ids { counts[Int(g)] += 1 }
    return GroupCounts(firstRows: grouping.firstRows, counts: counts)
  }

  @Test func negativeIdsAndMissingKeysInOrderOfFirstAppearance() throws {
    let keys = Column(type: .int, ints: [5, -3, Int.min, 5, 7, -3, Int.min, 5])
    let counted = try #require(try GroupCounts.of(keys, cancellation: .never))
    #expect(counted.firstRows == [0, 1, 2, 4])
    #expect(counted.counts == [3, 2, 2, 1])
  }

  @Test func denseKeysAcrossBothHalvesMatchTheGrouping() throws {
    // Keys from -50 to 949 with about a tenth missing, long enough to count in two halves.
    var random = SeededRandom(seed: 11)
    let ints = (0..<300_000).map { _ in random.below(10) == 0 ? Int.min : random.below(1_000) - 50 }
    let keys = Column(type: .int, ints: ints)
    let counted = try #require(try GroupCounts.of(keys, cancellation: .never))
    let expected = try reference(keys)
    #expect(counted.firstRows == expected.firstRows)
    #expect(counted.counts == expected.counts)
    #expect(counted.counts.reduce(0, +) == ints.count)
  }

  @Test func sparseKeysWithinTheRangeLimitAndStringCodes() throws {
    // Ids up to 200_000 over 60_000 rows: sparse, yet one array still holds them.
    var random = SeededRandom(seed: 3)
    let ids = Column(type: .int, ints: (0..<60_000).map { _ in random.below(200_000) })
    let counted = try #require(try GroupCounts.of(ids, cancellation: .never))
    let expected = try reference(ids)
    #expect(counted.firstRows == expected.firstRows)
    #expect(counted.counts == expected.counts)

    let names = Column(type: .string, values: [.string("b"), .null, .string("a"), .string("b"), .null])
    let byName = try #require(try GroupCounts.of(names, cancellation: .never))
    #expect(byName.firstRows == [0, 1, 2])
    #expect(byName.counts == [2, 2, 1])
  }

  @Test func tooWideOrNonIntegerKeysAreLeftToTheGrouping() throws {
    let wide = Column(type: .int, ints: [0, 1 << 40, 7])
    #expect(try GroupCounts.of(wide, cancellation: .never)?.counts == nil)
    let floats = Column(type: .float, storage: .float64([1, 2, 1]))
    #expect(try GroupCounts.of(floats, cancellation: .never)?.counts == nil)
  }

  @Test func engineGroupsOnTheFusedAndGeneralPathsAlike() throws {
    let t = Table([
      ("k", Column(type: .int, ints: [3, -1, Int.min, 3, 1 << 40, -1, 3])),
      ("j", Column(type: .int, ints: [1, 2, 1, 1, 2, 2, 2])),
    ])
    // Dense keys with only counts take the fused path; a second aggregate, the general one.
    let fused = try TinyData.run(pipe("t", .group(keys: [named(nil, col("j"))], aggregates: [named("n", call("count"))])), ["t": t])
    #expect(fused.values("j") == [.int(1), .int(2)])
    #expect(fused.values("n") == [.int(3), .int(4)])
    let general = try TinyData.run(
      pipe("t", .group(keys: [named(nil, col("k"))], aggregates: [named("n", call("count")), named("s", call("sum", col("j")))])),
      ["t": t])
    #expect(general.values("k") == [.int(3), .int(-1), .null, .int(1 << 40)])
    #expect(general.values("n") == [.int(3), .int(2), .int(1), .int(1)])
    let pairs = try TinyData.run(
      pipe("t", .group(keys: [named(nil, col("j")), named(nil, col("k"))], aggregates: [named("n", call("count"))])), ["t": t])
    #expect(pairs.values("j") == [.int(1), .int(2), .int(1), .int(2), .int(2)])
    #expect(pairs.values("k") == [.int(3), .int(-1), .null, .int(1 << 40), .int(3)])
    #expect(pairs.values("n") == [.int(2), .int(2), .int(1), .int(1), .int(1)])
  }
}
