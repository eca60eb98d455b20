import RecCore

/// A history of plays as distinct (member, title) pairs, each with how often the member played
/// the title: what the co-play embedding and the members' weighted means are computed from.
///
/// Titles and members are numbered densely in ascending id order, so that every per-title and
/// per-member array is in id order (and a cluster's "lowest id" is its lowest number). Pairs are
/// kept twice in CSR layout: by member (with play counts) and by title (the members only).
struct PlayPairs: Sendable {
  /// Title ids by dense number, ascending.
  let titleIDs: [Int]
  /// Member ids by dense number, ascending.
  let memberIDs: [Int]
  /// Plays (rows with a member and a title) of each title.
  let titlePlays: [Int]
  /// Plays of each member.
  let memberPlays: [Int]
  /// Member m's pairs are `memberOffsets[m]..<memberOffsets[m + 1]` of `pairTitles` and `pairPlays`.
  let memberOffsets: [Int]
  let pairTitles: [Int32]
  let pairPlays: [Int32]
  /// Title t's distinct members are `titleMembers[titleOffsets[t]..<titleOffsets[t + 1]]`.
  let titleOffsets: [Int]
  let titleMembers: [Int32]
  /// Rows that count as plays (a member and a title present).
  let plays: Int

  /// The distinct members who played title `t`.
  func memberCount(ofTitle t: Int) -> Int { titleOffsets[t + 1] - titleOffsets[t] }

  /// Reads the pairs of the integer columns `member` and `title`, row by row; a row with either
  /// missing is not a play.
  /// - Complexity: O(rows + ids · log ids): one pass to number, a counting sort by member, one
  ///   pass to merge repeats, a counting sort by title.
  init(member: IntegerValues, title: IntegerValues, cancellation: Cancellation = .never) throws(Diagnostic) {
    let rows = min(member.count, title.count)
    let titleNumbers = DenseIDs(title, rows: rows, other: member)
    let memberNumbers = DenseIDs(member, rows: rows, other: title)
    titleIDs = titleNumbers.ids
    memberIDs = memberNumbers.ids
    let titleCount = titleIDs.count
    let memberCount = memberIDs.count
    try cancellation.check()

    // Each play's dense member and title, -1 for a row that is not a play.
    var rowMember = [Int32](repeating: -1, count: rows)
    var rowTitle = [Int32](repeating: -1, count: rows)
    var titlePlays = [Int](repeating: 0, count: titleCount)
    var memberOffsets = [Int](repeating: 0, count: memberCount + 1)
    var plays = 0
    for i in 0..<rows {
      let m = member[i]
      let t = title[i]
      guard m != Int.min, t != Int.min, let mn = memberNumbers[m], let tn = titleNumbers[t] else { continue }
      rowMember[i] = mn
      rowTitle[i] = tn
      titlePlays[Int(tn)] += 1
      memberOffsets[Int(mn) + 1] += 1
      plays += 1
    }
    for m in 0..<memberCount { memberOffsets[m + 1] += memberOffsets[m] }
    self.titlePlays = titlePlays
    self.plays = plays
    memberPlays = (0..<memberCount).map { memberOffsets[$0 + 1] - memberOffsets[$0] }
    try cancellation.check()

    // The titles of each member's plays, members in order, then each member's repeats merged:
    // `slot[t]` is the pair of title t in the member being read, valid while `owner[t]` is it.
    var byMember = [Int32](repeating: 0, count: plays)
    var next = Array(memberOffsets.dropLast())
    for i in 0..<rows where rowMember[i] >= 0 {
      let m = Int(rowMember[i])
      byMember[next[m]] = rowTitle[i]
      next[m] += 1
    }
    rowMember = []
    rowTitle = []
    var owner = [Int32](repeating: -1, count: titleCount)
    var slot = [Int](repeating: 0, count: titleCount)
    var pairTitles: [Int32] = []
    var pairPlays: [Int32] = []
    pairTitles.reserveCapacity(plays)
    pairPlays.reserveCapacity(plays)
    var pairOffsets = [0]
    pairOffsets.reserveCapacity(memberCount + 1)
    var titleMembers = [Int](repeating: 0, count: titleCount + 1)
    for m in 0..<memberCount {
      if m % 4096 == 0 { try cancellation.check() }
      for k in memberOffsets[m]..<memberOffsets[m + 1] {
        let t = Int(byMember[k])
        if owner[t] == Int32(m) {
          pairPlays[slot[t]] += 1
        } else {
          owner[t] = Int32(m)
          slot[t] = pairTitles.count
          pairTitles.append(Int32(t))
          pairPlays.append(1)
          titleMembers[t + 1] += 1
        }
      }
      pairOffsets.append(pairTitles.count)
    }
    self.memberOffsets = pairOffsets
    self.pairTitles = pairTitles
    self.pairPlays = pairPlays

    // The members of each title: a counting sort of the pairs by title, members ascending.
    for t in 0..<titleCount { titleMembers[t + 1] += titleMembers[t] }
    titleOffsets = titleMembers
    var members = [Int32](repeating: 0, count: pairTitles.count)
    var fill = Array(titleMembers.dropLast())
    for m in 0..<memberCount {
      for k in pairOffsets[m]..<pairOffsets[m + 1] {
        let t = Int(pairTitles[k])
        members[fill[t]] = Int32(m)
        fill[t] += 1
      }
    }
    self.titleMembers = members
  }
}

/// Dense numbers for the ids of an integer column, in ascending id order: by array over the
/// ids' range when it is not much wider than the rows, by dictionary otherwise.
struct DenseIDs {
  /// The distinct ids, ascending.
  let ids: [Int]
  private let lowest: Int
  private let slots: [Int32]
  private let others: [Int: Int32]

  /// Numbers the ids of `values` in the first `rows` rows where `other` is also present.
  init(_ values: IntegerValues, rows: Int, other: IntegerValues) {
    var lo = Int.max
    var hi = Int.min
    for i in 0..<rows where values[i] != Int.min && other[i] != Int.min {
      lo = min(lo, values[i])
      hi = max(hi, values[i])
    }
    guard lo <= hi else {
      (ids, lowest, slots, others) = ([], 0, [], [:])
      return
    }
    // Only non-negative ids are numbered by array: then `hi - lo` cannot overflow.
    if lo >= 0, hi - lo < max(1 << 16, 2 * rows) {
      var seen = [Bool](repeating: false, count: hi - lo + 1)
      for i in 0..<rows where values[i] != Int.min && other[i] != Int.min { seen[values[i] - lo] = true }
      var slots = [Int32](repeating: -1, count: seen.count)
      var ids: [Int] = []
      for (offset, present) in seen.enumerated() where present {
        slots[offset] = Int32(ids.count)
        ids.append(lo + offset)
      }
      (self.ids, lowest, self.slots, others) = (ids, lo, slots, [:])
    } else {
      var distinct = Set<Int>()
      for i in 0..<rows where values[i] != Int.min && other[i] != Int.min { distinct.insert(values[i]) }
      let ids = distinct.sorted()
      var others: [Int: Int32] = [:]
      others.reserveCapacity(ids.count)
      for (n, id) in ids.enumerated() { others[id] = Int32(n) }
      (self.ids, lowest, slots, self.others) = (ids, 0, [], others)
    }
  }

  /// The dense number of `id`, nil for an id not in the column.
  subscript(id: Int) -> Int32? {
    if slots.isEmpty { return others[id] }
    guard id >= lowest, id - lowest < slots.count else { return nil }
    let n = slots[id - lowest]
    return n < 0 ? nil : n
  }
}
