import RecCore

/// `outcome plays within D`: the outcome of each exposure read from a table of plays rather than
/// from a column of the log.
///
/// Each play is credited to the latest exposure of the same member and title at or before it —
/// among exposures at the same time, the last in the log's order — provided the play comes less
/// than D after that exposure (at ≤ play < at + D). An exposure's outcome is whether at least one
/// play was credited to it. Shown and held-out exposures are credited alike: a held-out
/// exposure's later plays are what the member did unshown.
package struct PlayAttribution {
  /// Per exposure, in the log's order: whether a play was credited to it.
  package let played: [Bool]
  /// The plays credited to some exposure.
  package let creditedPlays: Int

  /// Credits the plays of `plays` to the exposures of `exposures` within `window` seconds.
  /// - Complexity: O(E + P) hashing of (member, title), plus sorting each pair's exposures by
  ///   time and one binary search per play: O((E + P) log E) at worst.
  package init(exposures: LogKeys, plays: LogKeys, window: Int, cancellation: Cancellation = .never) throws(Diagnostic) {
    let groups = ExposureGroups(exposures)
    var played = [Bool](repeating: false, count: exposures.count)
    var credited = 0
    for p in 0..<plays.count {
      if p % 65_536 == 0 { try cancellation.check() }
      let time = plays.at[p]
      guard let row = groups.latest(member: plays.member[p], title: plays.title[p], atOrBefore: time) else { continue }
      // time ≥ exposure time, so the gap is not negative; a gap too wide for 64 bits is no credit.
      let (gap, overflow) = time.subtractingReportingOverflow(exposures.at[row])
      guard !overflow, gap < window else { continue }
      played[row] = true
      credited += 1
    }
    self.played = played
    creditedPlays = credited
  }
}

/// The rows of a log of exposures grouped by (member, title), each group's rows ordered by time and
/// then by row: the last row of a group at or before a time is the one a play at that time is
/// credited to.
private struct ExposureGroups {
  private struct Pair: Hashable {
    var member: Int
    var title: Int
  }

  private let times: [Int]
  /// The log's rows, group after group; `starts[g]..<starts[g + 1]` are group g's.
  private let rows: [Int]
  private let starts: [Int]
  private let group: [Pair: Int]

  init(_ log: LogKeys) {
    var group: [Pair: Int] = [:]
    var groupOf = [Int](repeating: 0, count: log.count)
    var sizes: [Int] = []
    for i in 0..<log.count {
      let pair = Pair(member: log.member[i], title: log.title[i])
      let g: Int
      if let known = group[pair] {
        g = known
      } else {
        g = sizes.count
        group[pair] = g
        sizes.append(0)
      }
      groupOf[i] = g
      sizes[g] += 1
    }
    var starts = [0]
    starts.reserveCapacity(sizes.count + 1)
    for size in sizes { starts.append(starts[starts.count - 1] + size) }
    var next = Array(starts.dropLast())
    var rows = [Int](repeating: 0, count: log.count)
    // Rows enter their group in log order, so equal times stay in log order after sorting by time.
    for i in 0..<log.count {
      rows[next[groupOf[i]]] = i
      next[groupOf[i]] += 1
    }
    for g in 0..<sizes.count where sizes[g] > 1 {
      rows[starts[g]..<starts[g + 1]].sort { (log.at[$0], $0) < (log.at[$1], $1) }
    }
    self.times = log.at
    self.rows = rows
    self.starts = starts
    self.group = group
  }

  /// The row of the latest exposure of `member` to `title` at or before `time` (the last in log
  /// order among equal times); nil when there is none.
  func latest(member: Int, title: Int, atOrBefore time: Int) -> Int? {
    guard let g = group[Pair(member: member, title: title)] else { return nil }
    // The first row of the group later than `time`; the one before it is the answer.
    var (low, high) = (starts[g], starts[g + 1])
    while low < high {
      let middle = low + (high - low) / 2
      if times[rows[middle]] <= time { low = middle + 1 } else { high = middle }
    }
    return low > starts[g] ? rows[low - 1] : nil
  }
}
