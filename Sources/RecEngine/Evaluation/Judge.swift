import RealModule

/// What pages are judged against: each member's relevant titles (distinct titles played on the
/// test side), and what the beyond-accuracy metrics know of titles (genres, release day,
/// share of train members who played them) and of "now".
///
/// The relevant titles are read at once: every accuracy metric needs them. The rest is read
/// the first time a metric asks and kept with the judge — genres for `diversity`, release days
/// for `freshness`, the train side's players for `novelty`, the catalog's size for `coverage` —
/// so an evaluation of recall and ndcg never reads the train side at all.
package struct Judge: Sendable {
  /// The judged members: those with at least one relevant title, ascending.
  package let members: [Int]
  /// Relevant titles, parallel to `members`.
  package let relevant: RelevantTitles
  /// "Now" of the split: the cut, each member's first test time, or nil.
  let now: SplitNow?
  private let facts: Facts
  /// The true uplift of showing a title to a member at a moment, for `incremental@MxN`; set
  /// when the world is known (the demo's).
  package var upliftTruth: UpliftTruth?

  /// `(member, title, at) -> p(play | shown) − p(play | not shown)`, ids as in the tables and
  /// `at` in seconds; called from several threads.
  package typealias UpliftTruth = @Sendable (_ member: Int, _ title: Int, _ at: Int) -> Double

  /// How far back a title counts as fresh.
  static let freshDays = 90

  /// Reads the relevant titles from `test` (`member`, `title`); the popularity of titles on the
  /// `train` side and their genres and release days in `titles` (when the session has it) are
  /// read when a metric first needs them.
  init(test: Table, train: Table, titles: Table?, now: SplitNow?) {
    (members, relevant) = RelevantTitles.read(test)
    self.now = now
    facts = Facts(train: train, titles: titles, relevant: relevant)
  }

  /// Genres by title id (from `titles.genres`, a list or `|`-joined text).
  var genres: TitleGenres { facts.genres.value { TitleGenres(facts.titles) } }

  /// Release day (days since 1970-01-01) by title id.
  var released: TitleReleases { facts.released.value { TitleReleases(facts.titles) } }

  /// −log2 of the share of train members who played each title.
  var surprisal: TitleSurprisal { facts.surprisal.value { TitleSurprisal(train: facts.train) } }

  /// The catalog's size, for coverage: rows of `titles`, or distinct titles in the train plays
  /// and the relevant titles when there is no `titles` table with an `id`.
  var catalogSize: Int { facts.catalogSize.value { facts.countCatalog() } }

  /// The facts read so far (`genres`, `released`, `surprisal`, `catalogSize`), for tests.
  package var factsRead: [String] {
    [("genres", facts.genres.isBuilt), ("released", facts.released.isBuilt), ("surprisal", facts.surprisal.isBuilt),
      ("catalogSize", facts.catalogSize.isBuilt)].filter(\.1).map(\.0)
  }

  /// The member's "now" in days, for freshness.
  func today(of member: Int) -> Int? {
    switch now {
    case .cut(let t): Self.floorDiv(t, 86400)
    case .perMember(let times): times[member].map { Self.floorDiv($0, 86400) }
    case nil: nil
    }
  }

  /// The member's "now" in seconds: the split's cut or their first test time.
  func now(of member: Int) -> Int? {
    switch now {
    case .cut(let t): t
    case .perMember(let times): times[member]
    case nil: nil
    }
  }

  /// ⌊a / b⌋ for b > 0, for every a (no intermediate overflows).
  private static func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return a % b != 0 && a < 0 ? q - 1 : q
  }

  /// The inputs of the facts read on demand, and the facts once read.
  private final class Facts: Sendable {
    let train: Table
    let titles: Table?
    let relevant: RelevantTitles
    let genres = BuiltOnce<TitleGenres>()
    let released = BuiltOnce<TitleReleases>()
    let surprisal = BuiltOnce<TitleSurprisal>()
    let catalogSize = BuiltOnce<Int>()

    init(train: Table, titles: Table?, relevant: RelevantTitles) {
      (self.train, self.titles, self.relevant) = (train, titles, relevant)
    }

    func countCatalog() -> Int {
      if let titles, titles["id"]?.integers != nil { return titles.count }
      var seen = DistinctIntegers()
      if let m = train["member"]?.integers, let t = train["title"]?.integers {
        for i in 0..<t.count where m[i] != Int.min && t[i] != Int.min { seen.insert(t[i]) }
      }
      for title in relevant.allTitles { seen.insert(title) }
      return seen.count
    }
  }
}

/// Each judged member's relevant titles, distinct and ascending, in one flat array.
package struct RelevantTitles: Sendable {
  /// Member i's titles are `titles[offsets[i]..<offsets[i + 1]]`.
  private let offsets: [Int]
  private let titles: [Int]

  /// The relevant titles of the judged member at `index`.
  package subscript(index: Int) -> SortedTitles { SortedTitles(titles[offsets[index]..<offsets[index + 1]]) }

  /// Every member's titles one after the other.
  var allTitles: [Int] { titles }

  /// The members with a present title in `test` (ascending) and their distinct titles: in one
  /// pass when the rows come sorted by member and title (a split of a sorted file keeps that
  /// order), otherwise grouped by member and each member's titles sorted.
  /// - Complexity: O(n) sorted, O(n log d) otherwise for d rows per member.
  static func read(_ test: Table) -> (members: [Int], relevant: RelevantTitles) {
    guard let memberColumn = test["member"], let m = memberColumn.integers, let t = test["title"]?.integers else {
      return ([], RelevantTitles(offsets: [0], titles: []))
    }
    var members: [Int] = []
    var offsets = [0]
    var titles: [Int] = []
    var last = (member: Int.min, title: Int.min)
    var sorted = true
    for i in 0..<m.count where m[i] != Int.min && t[i] != Int.min {
      let (a, b) = (m[i], t[i])
      if a < last.member || (a == last.member && b < last.title) {
        sorted = false
        break
      }
      last = (a, b)
    }
    if sorted {
      titles.reserveCapacity(m.count)
      last = (Int.min, Int.min)
      for i in 0..<m.count where m[i] != Int.min && t[i] != Int.min {
        let (a, b) = (m[i], t[i])
        if a != last.member {
          if !members.isEmpty { offsets.append(titles.count) }
          members.append(a)
          titles.append(b)
        } else if b != last.title {
          titles.append(b)
        }
        last = (a, b)
      }
      if !members.isEmpty { offsets.append(titles.count) }
      return (members, RelevantTitles(offsets: offsets, titles: titles))
    }
    // Rows of each member together (a counting sort by member, members ascending), then each
    // member's titles sorted and their repeats dropped.
    guard let grouping = try? Grouping.by(memberColumn, cancellation: .never) else {
      return ([], RelevantTitles(offsets: [0], titles: []))
    }
    let memberOfGroup = grouping.firstRows.map { m[$0] }
    let ascending = memberOfGroup.indices.filter { memberOfGroup[$0] != Int.min }.sorted {
      memberOfGroup[$0] < memberOfGroup[$1]
    }
    var rank = [Int](repeating: -1, count: grouping.count)
    for (r, g) in ascending.enumerated() { rank[g] = r }
    var starts = [Int](repeating: 0, count: ascending.count + 1)
    for i in 0..<m.count where t[i] != Int.min && rank[Int(grouping.ids[i])] >= 0 { starts[rank[Int(grouping.ids[i])] + 1] += 1 }
    for r in 0..<ascending.count { starts[r + 1] += starts[r] }
    var next = starts
    var grouped = [Int](repeating: 0, count: starts[ascending.count])
    for i in 0..<m.count where t[i] != Int.min {
      let r = rank[Int(grouping.ids[i])]
      guard r >= 0 else { continue }
      grouped[next[r]] = t[i]
      next[r] += 1
    }
    titles.reserveCapacity(grouped.count)
    for r in 0..<ascending.count where starts[r] < starts[r + 1] {
      grouped[starts[r]..<starts[r + 1]].sort()
      members.append(memberOfGroup[ascending[r]])
      for j in starts[r]..<starts[r + 1] where j == starts[r] || grouped[j] != grouped[j - 1] { titles.append(grouped[j]) }
      offsets.append(titles.count)
    }
    return (members, RelevantTitles(offsets: offsets, titles: titles))
  }
}

/// One member's relevant titles, ascending: membership by binary search.
package struct SortedTitles: Sendable, Sequence {
  let titles: ArraySlice<Int>

  init(_ titles: ArraySlice<Int>) { self.titles = titles }

  var count: Int { titles.count }
  var isEmpty: Bool { titles.isEmpty }

  /// Whether `title` is among them.
  /// - Complexity: O(log count).
  @inline(__always)
  func contains(_ title: Int) -> Bool {
    var lo = titles.startIndex
    var hi = titles.endIndex
    while lo < hi {
      let mid = lo + (hi - lo) / 2
      if titles[mid] < title { lo = mid + 1 } else { hi = mid }
    }
    return lo < titles.endIndex && titles[lo] == title
  }

  package func makeIterator() -> ArraySlice<Int>.Iterator { titles.makeIterator() }
}

/// Counts distinct integers: a bitmap over a window of 2^24 values from the first one seen,
/// a set for the rest.
struct DistinctIntegers {
  private var low = 0
  private var bits: [UInt64] = []
  private var others = Set<Int>()
  private(set) var count = 0
  private static let window = 1 << 24

  mutating func insert(_ v: Int) {
    if bits.isEmpty {
      low = v < Int.min + Self.window ? v : v - Self.window / 2
      bits = [UInt64](repeating: 0, count: Self.window / 64)
    }
    let (offset, overflow) = v.subtractingReportingOverflow(low)
    if !overflow, offset >= 0, offset < Self.window {
      let (word, bit) = (offset / 64, UInt64(1) << UInt64(offset % 64))
      if bits[word] & bit == 0 {
        bits[word] |= bit
        count += 1
      }
    } else if others.insert(v).inserted {
      count += 1
    }
  }
}
