/// The plays of a history grouped by member for `HistoryIndex`: member m's plays are the
/// positions `offsets[m]..<offsets[m + 1]`, in table order.
struct PlaySlices: Sendable {
  /// Member m's plays are at `offsets[m]..<offsets[m + 1]`; `offsets` has members + 1 entries.
  let offsets: [Int]
  /// The table row of each position; nil when the rows come grouped by member in member order
  /// (a rating file sorted by user), so that position and row are the same.
  private let order: [Int32]?

  /// Groups the rows by `memberOfPlay` (a dense member number, -1 for a row that is not a play).
  /// - Complexity: O(rows + members).
  init(memberOfPlay: [Int32], members: Int) {
    // Plays per member, and whether the rows stand in runs of ascending members, on both cores.
    var halves = [(counts: [Int], grouped: Bool)](repeating: ([], true), count: 2)
    halves.withUnsafeMutableBufferPointer { halves in
      let shared = UncheckedSendable(halves)
      inHalves(memberOfPlay.indices) { half, rows in
        var counts = [Int](repeating: 0, count: members + 1)
        var grouped = true
        // A row that is not a play (-1) breaks the runs too.
        var previous: Int32 = rows.lowerBound == 0 ? 0 : memberOfPlay[rows.lowerBound - 1]
        for i in rows {
          let m = memberOfPlay[i]
          if m >= 0 { counts[Int(m) + 1] &+= 1 }
          if m < previous { grouped = false }
          previous = m
        }
        shared.value[half] = (counts, grouped)
      }
    }
    var offsets = halves[0].counts
    if !halves[1].counts.isEmpty { for m in offsets.indices { offsets[m] += halves[1].counts[m] } }
    let grouped = halves[0].grouped && halves[1].grouped
    for m in 0..<members { offsets[m + 1] += offsets[m] }
    self.offsets = offsets
    // Every row a play and the members already in order: positions are rows.
    if grouped {
      order = nil
      return
    }
    var cursor = offsets
    var order = [Int32](repeating: 0, count: offsets[members])
    for (i, m) in memberOfPlay.enumerated() where m >= 0 {
      order[cursor[Int(m)]] = Int32(truncatingIfNeeded: i)
      cursor[Int(m)] += 1
    }
    self.order = order
  }

  /// The table row at `position`.
  @inline(__always)
  func row(_ position: Int) -> Int { order.map { Int($0[position]) } ?? position }

  /// Whether every position is its own row.
  var isInTableOrder: Bool { order == nil }

  /// Every member's plays ordered by time (a missing time first), then title, then table row.
  ///
  /// A play's time, title and place among its member's plays pack into one integer when they
  /// fit in 64 bits together (MovieLens-25M: 30 + 16 + 15 bits), so a member's plays sort as
  /// plain integers; members are sorted on every core. Wider keys sort by comparisons.
  /// - Complexity: O(n log d) for n plays and d plays per member.
  func sortedByTime(titles: [Int32], titleCount: Int, times: PlayTimes, completion: Column?) -> OrderedPlays {
    let members = offsets.count - 1
    let total = offsets[members]
    var largest = 0
    for m in 0..<members { largest = max(largest, offsets[m + 1] - offsets[m]) }
    func bits(_ x: Int) -> Int { UInt64.bitWidth - UInt64(max(0, x)).leadingZeroBitCount }
    // Time codes: 0 for a missing time, then 1… from the earliest.
    let (lo, hi) = times.bounds() ?? (0, 0)
    let (span, overflow) = hi.subtractingReportingOverflow(lo)
    let timeBits = overflow || span > Int.max - 2 ? Int.max : bits(span + 1)
    let (titleBits, positionBits) = (bits(titleCount - 1), bits(largest - 1))
    let completions = Self.completions(completion)
    var outTitles = [Int32](repeating: 0, count: total)
    var outTimes = [Int](repeating: Int.min, count: total)
    var outCompletion = [Float](repeating: .nan, count: total)
    let parts = MemberSplit.parts(offsets, count: 16)
    outTitles.withUnsafeMutableBufferPointer { outTitles in
      outTimes.withUnsafeMutableBufferPointer { outTimes in
        outCompletion.withUnsafeMutableBufferPointer { outCompletion in
          let out = UncheckedSendable((outTitles, outTimes, outCompletion))
          guard timeBits <= UInt64.bitWidth - titleBits - positionBits else {
            // Keys too wide to pack: the same order by comparisons (a stable sort keeps positions).
            inParallel(parts.count) { p in
              for m in parts[p] {
                var plays = (offsets[m]..<offsets[m + 1]).map { (position: $0, at: times[$0], title: titles[$0]) }
                plays.sort { $0.at != $1.at ? $0.at < $1.at : $0.title < $1.title }
                for (k, play) in plays.enumerated() {
                  out.value.0[offsets[m] + k] = play.title
                  out.value.1[offsets[m] + k] = play.at
                  out.value.2[offsets[m] + k] = completions?[row(play.position)] ?? .nan
                }
              }
            }
            return
          }
          let titleShift = UInt64(positionBits)
          let timeShift = UInt64(positionBits + titleBits)
          let positionMask = positionBits == 0 ? 0 : UInt64.max >> UInt64(UInt64.bitWidth - positionBits)
          let titleMask = titleBits == 0 ? 0 : UInt64.max >> UInt64(UInt64.bitWidth - titleBits)
          inParallel(parts.count) { p in
            var keys = [UInt64](repeating: 0, count: largest)
            keys.withUnsafeMutableBufferPointer { keys in
              for m in parts[p] {
                let start = offsets[m]
                let n = offsets[m + 1] - start
                for j in 0..<n {
                  let at = times[start + j]
                  let code = at == Int.min ? 0 : UInt64(at &- lo) &+ 1
                  keys[j] = code << timeShift | UInt64(UInt32(bitPattern: titles[start + j])) << titleShift | UInt64(j)
                }
                var member = UnsafeMutableBufferPointer(rebasing: keys[0..<n])
                member.sort()
                for k in 0..<n {
                  let key = member[k]
                  let code = key >> timeShift
                  out.value.0[start + k] = Int32(truncatingIfNeeded: key >> titleShift & titleMask)
                  out.value.1[start + k] = code == 0 ? Int.min : Int(code - 1) &+ lo
                  if let completions { out.value.2[start + k] = completions[row(start + Int(key & positionMask))] }
                }
              }
            }
          }
        }
      }
    }
    return OrderedPlays(titles: outTitles, times: outTimes, completion: outCompletion)
  }

  /// The completion of every row as a float, NaN where missing; nil without a column.
  private static func completions(_ column: Column?) -> [Float]? {
    guard let column else { return nil }
    if case .float32(let values) = column.storage { return values }
    return (0..<column.count).map { column.double(at: $0).map(Float.init) ?? .nan }
  }
}

/// The time of each play position of a history, read from the plays table through the
/// positions' rows (`Int.min` when unknown or without an `at` column).
struct PlayTimes: Sendable {
  let at: IntegerValues?
  let slices: PlaySlices

  @inline(__always)
  subscript(position: Int) -> Int { at.map { $0[slices.row(position)] } ?? Int.min }

  /// The earliest and latest present time of the table, nil when there is none.
  func bounds() -> (lo: Int, hi: Int)? { at?.bounds() }
}

/// Every member's plays in time order, ties by title id, then table order, at the positions of
/// `HistoryIndex.plays(of:)`.
struct OrderedPlays: Sendable {
  let titles: [Int32]
  /// `Int.min` when unknown.
  let times: [Int]
  /// Completion in 0…1, NaN when unknown.
  let completion: [Float]
}
