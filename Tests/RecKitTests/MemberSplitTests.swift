import Testing

@testable import RecKit
@testable import RecEngine

/// The per-member split on packed keys against the rule written out with comparisons, on
/// random tables with every kind of tie and gap; the selection and the table partition it uses.
@Suite struct MemberSplitTests {
  @Test func selectionPutsTheKthSmallestInPlace() {
    var rng = SeededRandom(seed: 5)
    for n in [1, 2, 3, 10, 24, 25, 26, 60, 200, 1000, 5000] {
      for _ in 0..<20 {
        // Distinct keys, sometimes in runs that come out sorted or reversed.
        var keys = Array(Set((0..<n).map { _ in UInt64(rng.below(4 * n + 10)) }))
        switch rng.below(3) {
        case 0: keys.sort()
        case 1: keys.sort(by: >)
        default: break
        }
        let k = rng.below(keys.count)
        let sorted = keys.sorted()
        keys.withUnsafeMutableBufferPointer { MemberSplit.select($0, k) }
        #expect(keys[k] == sorted[k])
        #expect(keys[..<k].allSatisfy { $0 < sorted[k] })
        #expect(keys[(k + 1)...].allSatisfy { $0 > sorted[k] })
      }
    }
  }

  /// A random plays table: `members` members (ids with gaps, some missing), titles with ties
  /// and gaps (some missing), times from a few values (many ties, some missing), rows in a
  /// random order or grouped by member.
  static func table(rows: Int, members: Int, grouped: Bool, seed: UInt64, wide: Bool = false) -> Table {
    var rng = SeededRandom(seed: seed)
    var data = (0..<rows).map { _ -> (Int, Int, Int) in
      let member = rng.below(50) == 0 ? Int.min : 7 * rng.below(members) - 20
      let title = rng.below(40) == 0 ? Int.min : 3 * rng.below(30) + (wide ? 5_000_000_000 : 0)
      let at = rng.below(30) == 0 ? Int.min : 1_700_000_000 + 60 * rng.below(8) + (wide ? 1 << 40 : 0)
      return (member, title, at)
    }
    if grouped { data.sort { $0.0 < $1.0 } }
    return Table([
      ("member", Column(type: .int, ints: data.map(\.0))), ("title", Column(type: .int, ints: data.map(\.1))),
      ("at", Column(type: .time, ints: data.map(\.2))),
    ])
  }

  static func bothWays(_ t: Table, count: (Int) -> Int) throws -> (fast: MemberSplit.Result, reference: MemberSplit.Result) {
    let members = try #require(t["member"])
    let fast = try MemberSplit.lastRows(members: members, times: t["at"]!, titles: t["title"], scale: 1, count: count)
    let groups = try MemberSplit.groups(try #require(members.integers), column: members)
    let reference = MemberSplit.reference(groups, times: t["at"]!.integers!, titles: t["title"], scale: 1, count: count)
    return (fast, reference)
  }

  @Test func packedKeysSplitAsTheComparisonRule() throws {
    for seed in 1...12 as ClosedRange<UInt64> {
      for grouped in [false, true] {
        let t = Self.table(rows: 3000, members: 40, grouped: grouped, seed: seed)
        for count in [{ (n: Int) in max(1, n / 5) }, { (n: Int) in min(3, n) }, { (n: Int) in n }] {
          let (fast, reference) = try Self.bothWays(t, count: count)
          #expect(fast.toTest == reference.toTest)
          #expect(fast.firstTest == reference.firstTest)
        }
      }
    }
  }

  @Test func keysTooWideForOneIntegerTakeTheComparisonRule() throws {
    // Times 2^61 apart need 62 bits, titles and places among a member's rows a dozen more.
    var t = Self.table(rows: 500, members: 10, grouped: false, seed: 9, wide: true)
    let at = t["at"]!.intValues!.enumerated().map { $0.offset % 2 == 0 || $0.element == Int.min ? $0.element : -(1 << 61) }
    t.set("at", Column(type: .time, ints: at))
    let (fast, reference) = try Self.bothWays(t) { max(1, $0 / 5) }
    #expect(fast.toTest == reference.toTest)
    #expect(fast.firstTest == reference.firstTest)
  }

  @Test func textTitlesBreakTiesByTheirText() throws {
    let t = Table([
      ("member", Column(type: .int, ints: [1, 1, 1])), ("title", Column(type: .string, values: ["b", "c", "a"].map(Value.string))),
      ("at", Column(type: .time, ints: [100, 100, 100])),
    ])
    let r = try Splitter.split(t, by: .memberLastCount(1), name: "plays", at: nil)
    #expect(r.test["title"]?.value(at: 0) == .string("c"))
  }

  @Test func partitionKeepsTableOrderInBothHalves() {
    var rng = SeededRandom(seed: 2)
    let n = 70_000
    let t = Table([
      ("i32", Column(type: .int, ints: (0..<n).map { $0 % 7 == 0 ? Int.min : $0 })),
      ("i64", Column(type: .int, ints: (0..<n).map { $0 << 33 })),
      ("f32", Column(type: .float, storage: .float32((0..<n).map { Float($0) / 3 }))),
      ("f64", Column(type: .float, values: (0..<n).map { .float(Double($0) / 7) })),
      ("b", Column(type: .bool, values: (0..<n).map { .bool($0 % 3 == 0) })),
      ("s", Column(type: .string, values: (0..<n).map { .string("v\($0 % 11)") })),
      ("l", Column(type: .list, values: (0..<n).map { .list(Array(repeating: "g\($0 % 5)", count: $0 % 3)) })),
    ])
    let flags = (0..<n).map { _ in rng.below(5) == 0 }
    let (kept, picked) = t.partitioned(by: flags)
    let expectedKept = t.gather(flags.indices.filter { !flags[$0] })
    let expectedPicked = t.gather(flags.indices.filter { flags[$0] })
    for name in t.names {
      #expect((0..<kept.count).allSatisfy { kept[name]!.value(at: $0) == expectedKept[name]!.value(at: $0) }, "\(name)")
      #expect((0..<picked.count).allSatisfy { picked[name]!.value(at: $0) == expectedPicked[name]!.value(at: $0) }, "\(name)")
    }
    #expect(kept.count == expectedKept.count)
    #expect(picked.count == expectedPicked.count)
  }
}
