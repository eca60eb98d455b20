import RealModule

/// Each title's genres as a bit set, for `diversity`: the mean over pairs of distinct titles on
/// a page of 1 − |A ∩ B| / |A ∪ B| (0 for two titles without genres), counted by kind of pair.
package struct TitleGenres: Sendable {
  /// The slot of each title id in `masks`.
  private let slots: IDNumbers
  /// Words per title: one per 64 distinct genres (at least one).
  private let words: Int
  /// Title slot s's genres are `masks[s * words ..< (s + 1) * words]`.
  private let masks: [UInt64]

  /// Reads `titles.genres` (a list column, or text joined by `|`) by `titles.id`; a later row
  /// of the same id replaces an earlier one, a row whose genres are missing text is skipped.
  init(_ titles: Table?) {
    var bitOfName: [String: Int] = [:]
    func bit(_ name: String) -> Int {
      if let b = bitOfName[name] { return b }
      bitOfName[name] = bitOfName.count
      return bitOfName.count - 1
    }
    // Each row's genres as bit numbers, nil where the row gives none.
    var rowBits: [[Int]?] = []
    var ids: IntegerValues?
    if let titles, let idValues = titles["id"]?.integers, let column = titles["genres"] {
      ids = idValues
      switch column.storage {
      case .list(let offsets, let codes, let dict):
        let bits = dict.strings.map(bit)
        rowBits = (0..<column.count).map { i in codes[Int(offsets[i])..<Int(offsets[i + 1])].map { bits[Int($0)] } }
      case .string(let codes, let dict):
        let bits = dict.strings.map { $0.split(separator: "|").map { bit(String($0)) } }
        rowBits = codes.map { $0 < 0 ? nil : bits[Int($0)] }
      default:
        rowBits = []
      }
    }
    words = max(1, (bitOfName.count + 63) / 64)
    var slots = IDNumbers(limit: 0)
    var masks: [UInt64] = []
    if let ids {
      slots = IDNumbers(limit: idLimit(ids))
      for (i, genres) in rowBits.enumerated() where ids[i] != Int.min {
        guard let genres else { continue }
        let slot: Int
        if let known = slots[ids[i]] {
          slot = Int(known)
          for w in 0..<words { masks[slot * words + w] = 0 }
        } else {
          slot = masks.count / words
          slots.set(ids[i], Int32(slot))
          masks.append(contentsOf: repeatElement(0, count: words))
        }
        for b in genres { masks[slot * words + b / 64] |= 1 << UInt64(b % 64) }
      }
    }
    self.slots = slots
    self.masks = masks
  }

  /// Mean 1 − Jaccard of genres over the pairs of `titles` (ids, no repeats); 0 for fewer than
  /// two. Titles unknown to `titles` have no genres.
  ///
  /// A page of thousands of titles holds few distinct genre sets: the titles are counted by set,
  /// and the pairs by (shared, union) genre counts, exactly in integers, so that the sum is one
  /// product per kind of pair, in a fixed order — the same whatever order the page lists its
  /// titles in.
  /// - Complexity: O(n × words + k² × words) for k distinct genre sets.
  func meanDissimilarity(_ titles: [Int]) -> Double {
    let n = titles.count
    guard n > 1 else { return 0 }
    let words = self.words
    // The distinct sets, each `words` long in `sets`, with how many titles have it.
    var sets: [UInt64] = []
    var counts: [Int] = []
    var setOf: [[UInt64]: Int] = [:]
    var key = [UInt64](repeating: 0, count: words)
    for t in titles {
      let slot = slots[t].map(Int.init)
      for w in 0..<words { key[w] = slot.map { masks[$0 * words + w] } ?? 0 }
      if let known = setOf[key] {
        counts[known] += 1
      } else {
        setOf[key] = counts.count
        sets += key
        counts.append(1)
      }
    }
    // Pairs by (shared, union): within a set (shared = union), then across sets.
    let widest = 64 * words + 1
    var pairs = [Int](repeating: 0, count: widest * widest)
    for a in counts.indices {
      let bits = (0..<words).reduce(0) { $0 + sets[a * words + $1].nonzeroBitCount }
      pairs[bits * widest + bits] += counts[a] * (counts[a] - 1) / 2
      for b in (a + 1)..<counts.count {
        var (shared, union) = (0, 0)
        for w in 0..<words {
          let (x, y) = (sets[a * words + w], sets[b * words + w])
          shared += (x & y).nonzeroBitCount
          union += (x | y).nonzeroBitCount
        }
        pairs[shared * widest + union] += counts[a] * counts[b]
      }
    }
    var sum = 0.0
    for union in 1..<widest {
      for shared in 0...union where pairs[shared * widest + union] > 0 {
        sum += Double(pairs[shared * widest + union]) * (1 - Double(shared) / Double(union))
      }
    }
    return sum / Double(n * (n - 1) / 2)
  }
}

/// Release days (days since 1970-01-01) by title id, for `freshness`.
struct TitleReleases: Sendable {
  private let slots: IDNumbers
  private let days: [Int]

  /// Reads `titles.released` (a date column) by `titles.id`; the last present day of an id wins.
  init(_ titles: Table?) {
    guard let titles, let ids = titles["id"]?.integers, let column = titles["released"], column.type == .date,
      let released = column.integers
    else {
      (slots, days) = (IDNumbers(limit: 0), [])
      return
    }
    var slots = IDNumbers(limit: idLimit(ids))
    var days: [Int] = []
    for i in 0..<ids.count where ids[i] != Int.min && released[i] != Int.min {
      if let slot = slots[ids[i]] {
        days[Int(slot)] = released[i]
      } else {
        slots.set(ids[i], Int32(days.count))
        days.append(released[i])
      }
    }
    (self.slots, self.days) = (slots, days)
  }

  /// The release day of `title`, nil when unknown.
  func day(of title: Int) -> Int? { slots[title].map { days[Int($0)] } }
}

/// −log2 of the share of train members who played each title, for `novelty`.
struct TitleSurprisal: Sendable {
  private let slots: IDNumbers
  private let values: [Double]
  /// −log2(1 / train members): the surprisal of a title nobody played in train.
  let unseen: Double

  /// Counts, per title, the distinct members who played it on the train side (rows with a
  /// member and a title), and the distinct members in all.
  /// - Complexity: O(n).
  init(train: Table) {
    guard let memberColumn = train["member"], let m = memberColumn.integers, let titleColumn = train["title"],
      let t = titleColumn.integers,
      let members = try? MemberSplit.groups(m, column: memberColumn),
      let titleGroups = try? Grouping.by(titleColumn, cancellation: .never)
    else {
      (slots, values, unseen) = (IDNumbers(limit: 0), [], 0)
      return
    }
    var players = [Int](repeating: 0, count: titleGroups.count)
    var stamp = [Int](repeating: -1, count: titleGroups.count)
    var trainMembers = 0
    for g in 0..<members.count where members.ids[g] != Int.min {
      var played = false
      for position in members.offsets[g]..<members.offsets[g + 1] {
        let r = members.row(position)
        guard t[r] != Int.min else { continue }
        played = true
        let title = Int(titleGroups.ids[r])
        if stamp[title] != g {
          stamp[title] = g
          players[title] += 1
        }
      }
      if played { trainMembers += 1 }
    }
    let total = Double(max(1, trainMembers))
    var slots = IDNumbers(limit: idLimit(t))
    var values: [Double] = []
    for (g, row) in titleGroups.firstRows.enumerated() where t[row] != Int.min && players[g] > 0 {
      slots.set(t[row], Int32(values.count))
      values.append(-Double.log2(Double(players[g]) / total))
    }
    (self.slots, self.values, unseen) = (slots, values, Double.log2(total))
  }

  /// The surprisal of `title`.
  func value(of title: Int) -> Double { slots[title].map { values[Int($0)] } ?? unseen }
}

/// How many ids a dense `IDNumbers` array covers: up to the largest id present, at most 2^24.
func idLimit(_ ids: IntegerValues) -> Int {
  guard let (_, hi) = ids.bounds(), hi >= 0 else { return 0 }
  return min(hi, 1 << 24 - 1) + 1
}
