import RecCore

/// The per-member split (`split T by member last …`, LANGUAGE.md §2): each member's rows in
/// order of time, ties by title id, then by row; the last `count(n)` of a member's n rows go
/// to test, and the first of those is the member's "now".
///
/// Each row of a member gets one packed key — time, title and its position among the
/// member's rows, each as an offset from its smallest value, a missing time or title after
/// every present one — whenever the three fit in 64 bits together, as they do for real data
/// (MovieLens-25M: 30 + 18 + 15 bits). A member's test rows are then its `count(n)` largest
/// keys, found by selection (expected linear time) instead of a sort, and the smallest of them
/// is its first test row; members are shared out over the cores. Keys that do not fit (or
/// titles that are not integers) take `reference`, the same order by comparisons.
package enum MemberSplit {
  /// Which rows go to test, and each member's first test time (seconds) by member id.
  struct Result {
    var toTest: [Bool]
    var firstTest: [Int: Int]
  }

  /// A table's rows grouped by member: group g holds the rows at positions
  /// `offsets[g]..<offsets[g + 1]` of `order` (of the table itself when `order` is nil), in
  /// table order; `ids[g]` is its member id, `Int.min` for the rows without a member.
  struct Groups {
    var offsets: [Int]
    var order: [Int32]?
    var ids: [Int]

    var count: Int { ids.count }

    @inline(__always)
    func row(_ position: Int) -> Int { order.map { Int($0[position]) } ?? position }

    /// Whether position and row are the same (each member's rows one range of the table).
    var isInTableOrder: Bool { order == nil }
  }

  /// Splits the rows of `members`, `times` (`scale` seconds a unit) and `titles` (nil: ties
  /// by row alone), sending the last `count(n)` rows of each member's n to test.
  /// - Complexity: O(n) expected.
  static func lastRows(
    members: Column, times: Column, titles: Column?, scale: Int, count: (Int) -> Int,
    cancellation: Cancellation = .never
  ) throws(Diagnostic) -> Result {
    guard let memberValues = members.integers, let timeValues = times.integers else {
      return Result(toTest: [Bool](repeating: false, count: times.count), firstTest: [:])
    }
    let titleValues = titles?.integers
    let groups = try Self.groups(memberValues, column: members)
    guard titles == nil || titleValues != nil, let packing = Packing(times: timeValues, titles: titleValues, groups: groups)
    else {
      return reference(groups, times: timeValues, titles: titles, scale: scale, count: count)
    }
    var toTest = [Bool](repeating: false, count: times.count)
    let parts = Self.parts(groups.offsets, count: 16)
    var firsts = [[(member: Int, time: Int)]](repeating: [], count: parts.count)
    toTest.withUnsafeMutableBufferPointer { flags in
      firsts.withUnsafeMutableBufferPointer { firsts in
        let out = UncheckedSendable((flags, firsts))
        inParallel(parts.count) { p in
          var keys = [UInt64](repeating: 0, count: packing.largestGroup)
          var mine: [(member: Int, time: Int)] = []
          mine.reserveCapacity(parts[p].count)
          keys.withUnsafeMutableBufferPointer { keys in
            for g in parts[p] {
              if g % 1024 == 0 && cancellation.isCancelled { break }
              let start = groups.offsets[g]
              let n = groups.offsets[g + 1] - start
              let k = min(max(count(n), 0), n)
              guard k > 0 else { continue }
              if groups.isInTableOrder {
                // The member's rows are one range of the table: each column read straight through.
                let rows = start..<(start + n)
                timeValues.forEach(in: rows) { j, time in keys[j] = packing.key(time: time, position: j) }
                titleValues?.forEach(in: rows) { j, title in keys[j] |= packing.titlePart(title) }
              } else {
                for j in 0..<n {
                  let r = groups.row(start + j)
                  keys[j] = packing.key(time: timeValues[r], position: j) | packing.titlePart(titleValues?[r] ?? 0)
                }
              }
              let member = UnsafeMutableBufferPointer(rebasing: keys[0..<n])
              select(member, n - k)
              for j in (n - k)..<n { out.value.0[groups.row(start + packing.position(member[j]))] = true }
              let first = groups.row(start + packing.position(member[n - k]))
              if groups.ids[g] != Int.min {
                let t = timeValues[first]
                mine.append((groups.ids[g], t == Int.min ? Int.min : Splitter.seconds(t, scale: scale)))
              }
            }
          }
          out.value.1[p] = mine
        }
      }
    }
    try cancellation.check()
    var firstTest: [Int: Int] = [:]
    firstTest.reserveCapacity(groups.count)
    for part in firsts { for (member, time) in part { firstTest[member] = time } }
    return Result(toTest: toTest, firstTest: firstTest)
  }

  /// Rows by member: runs of equal values when the column never decreases (a table sorted by
  /// member, as rating files are), otherwise a counting sort on the groups of `Grouping`.
  /// - Complexity: O(n).
  static func groups(_ members: IntegerValues, column: Column) throws(Diagnostic) -> Groups {
    let n = members.count
    if let (starts, ids) = members.runs() {
      return Groups(offsets: starts + [n], order: nil, ids: ids)
    }
    let grouping = try Grouping.by(column, cancellation: .never)
    var offsets = [Int](repeating: 0, count: grouping.count + 1)
    for g in grouping.ids { offsets[Int(g) + 1] += 1 }
    for g in 0..<grouping.count { offsets[g + 1] += offsets[g] }
    var next = offsets
    var order = [Int32](repeating: 0, count: n)
    for (i, g) in grouping.ids.enumerated() {
      order[next[Int(g)]] = Int32(truncatingIfNeeded: i)
      next[Int(g)] += 1
    }
    return Groups(offsets: offsets, order: order, ids: grouping.firstRows.map { members[$0] })
  }

  /// How a row's time, title and position pack into one key ordered as the split orders rows.
  struct Packing {
    private let timeLow: Int
    private let timeMissing: UInt64
    private let titleLow: Int
    private let titleMissing: UInt64
    private let timeShift: Int
    private let titleShift: Int
    private let positionMask: UInt64
    let largestGroup: Int

    /// Nil when the three parts need more than 64 bits, or the table has too many rows to number.
    init?(times: IntegerValues, titles: IntegerValues?, groups: Groups) {
      guard times.count <= Int(Int32.max) else { return nil }
      func span(_ values: IntegerValues?) -> (low: Int, missing: UInt64, bits: Int)? {
        guard let values, let (lo, hi) = values.bounds() else { return (0, 0, 0) }
        let (width, overflow) = hi.subtractingReportingOverflow(lo)
        guard !overflow, width < Int.max else { return nil }
        let missing = UInt64(width + 1)
        return (lo, missing, UInt64.bitWidth - missing.leadingZeroBitCount)
      }
      guard let time = span(times), let title = span(titles) else { return nil }
      var largest = 0
      for g in 0..<groups.count { largest = max(largest, groups.offsets[g + 1] - groups.offsets[g]) }
      let positionBits = UInt64.bitWidth - UInt64(max(largest - 1, 0)).leadingZeroBitCount
      guard time.bits + title.bits + positionBits <= UInt64.bitWidth else { return nil }
      (timeLow, timeMissing, titleLow, titleMissing) = (time.low, time.missing, title.low, title.missing)
      titleShift = positionBits
      timeShift = positionBits + title.bits
      positionMask = positionBits == 0 ? 0 : UInt64.max >> (UInt64.bitWidth - positionBits)
      largestGroup = largest
    }

    /// The key of a row without its title part.
    @inline(__always)
    func key(time: Int, position: Int) -> UInt64 {
      let t = time == Int.min ? timeMissing : UInt64(time &- timeLow)
      return t << timeShift | UInt64(position)
    }

    /// A title's part of the key.
    @inline(__always)
    func titlePart(_ title: Int) -> UInt64 {
      (title == Int.min ? titleMissing : UInt64(title &- titleLow)) << titleShift
    }

    @inline(__always)
    func position(_ key: UInt64) -> Int { Int(key & positionMask) }
  }

  /// Puts the `k`-th smallest of `a` (distinct values) at index k, the smaller ones before it
  /// and the larger after: quickselect on a median-of-three pivot with a partition that moves
  /// every value without a branch on it (the comparisons of random keys would mispredict half
  /// the time); a sort once the range is small, or when partitions keep coming out lopsided.
  /// - Complexity: O(n) expected, O(n log n) at worst.
  static func select(_ a: UnsafeMutableBufferPointer<UInt64>, _ k: Int) {
    var lo = 0
    var hi = a.count - 1
    var rounds = 0
    while hi - lo > 16 && rounds < 48 {
      rounds += 1
      // The median of three goes to `hi`, as the pivot.
      let mid = lo + (hi - lo) / 2
      if a[mid] < a[lo] { a.swapAt(mid, lo) }
      if a[hi] < a[lo] { a.swapAt(hi, lo) }
      if a[mid] < a[hi] { a.swapAt(hi, mid) }
      let pivot = a[hi]
      // a[lo..<store] < pivot ≤ a[store..<i]
      var store = lo
      for i in lo..<hi {
        let v = a[i]
        a[i] = a[store]
        a[store] = v
        store &+= v < pivot ? 1 : 0
      }
      a.swapAt(store, hi)
      if k < store {
        hi = store &- 1
      } else if k > store {
        lo = store &+ 1
      } else {
        return
      }
    }
    if hi > lo {
      var rest = UnsafeMutableBufferPointer(rebasing: a[lo...hi])
      rest.sort()
    }
  }

  /// Consecutive group ranges of about equal rows, at most `count` of them.
  static func parts(_ offsets: [Int], count: Int) -> [Range<Int>] {
    let groups = offsets.count - 1
    let rows = offsets[groups]
    let n = max(1, min(count, groups))
    var ranges: [Range<Int>] = []
    var start = 0
    for p in 1...n {
      var end = start
      let target = rows / n * p + min(p, rows % n)
      while end < groups, offsets[end + 1] <= target || p == n { end += 1 }
      ranges.append(start..<end)
      start = end
    }
    return ranges
  }

  /// The rule written out with comparisons: each member's rows sorted by (time, title, row),
  /// missing values last, titles ordered by `SortCodes` (text titles by their text).
  static func reference(
    _ groups: Groups, times: IntegerValues, titles: Column?, scale: Int, count: (Int) -> Int
  ) -> Result {
    let title = titles.map { SortCodes($0, descending: false).codes }
    var toTest = [Bool](repeating: false, count: times.count)
    var firstTest: [Int: Int] = [:]
    for g in 0..<groups.count {
      let rows = (groups.offsets[g]..<groups.offsets[g + 1]).map(groups.row)
      let ordered = rows.sorted { a, b in
        let (x, y) = (times[a], times[b])
        if x != y { return x == Int.min ? false : y == Int.min ? true : x < y }
        if let title, title[a] != title[b] { return title[a] < title[b] }
        return a < b
      }
      let k = min(max(count(ordered.count), 0), ordered.count)
      for r in ordered.suffix(k) { toTest[r] = true }
      if let first = ordered.suffix(k).first, groups.ids[g] != Int.min {
        firstTest[groups.ids[g]] = times[first] == Int.min ? Int.min : Splitter.seconds(times[first], scale: scale)
      }
    }
    return Result(toTest: toTest, firstTest: firstTest)
  }
}
