import RealModule
import RecCore

/// The history a page is built from, indexed once per `PageContext` and shared, read-only, by
/// every member and row (and by several threads).
///
/// Titles and members are renumbered densely (`0..<titleCount`, `0..<memberCount`); every
/// per-title array is indexed by that dense number. A member's plays are one slice of flat
/// arrays (CSR layout): in table order in `playTitles` and `playTimes`, which is all that
/// counting and "what did they watch" need; in time order, ties by title id, in
/// `orderedPlays`, made the first time a row needs recency (recent plays, continue watching,
/// affinity).
package final class HistoryIndex: Sendable {
  /// Title ids by dense number, ascending (so dense order is id order).
  let titleIDs: [Int]
  /// Dense number of a title id.
  let titleNumber: [Int: Int32]
  let titleNames: [String]
  /// Each title's genres, as codes into `genreNames`.
  let titleGenres: [[Int32]]
  /// The same lists flat, for the loops run per member: title t's genres are
  /// `genreCodes[genreOffsets[t]..<genreOffsets[t + 1]]` (see `genres(of:)`).
  let genreOffsets: [Int]
  let genreCodes: [Int32]
  let genreNames: [String]
  /// Each title's cast, as codes of a private dictionary (only equality matters).
  let titleCast: [[Int32]]
  /// Release day (days since 1970-01-01), `Int.min` when unknown.
  let released: [Int]
  /// Plays of each title in the history.
  let playCount: [Int32]
  /// The plays of the most played title.
  let mostPlays: Int32
  /// The `popularity` row feature of each title: log(1 + plays) / log(1 + most plays).
  let popularityShare: [Double]

  /// The catalog and members tables the index was built from.
  let titlesTable: Table
  let membersTable: Table
  /// Row of each title in `titlesTable`, -1 when it appears only in plays.
  let catalogRow: [Int]

  /// Member ids by dense number: the `members` table's order, then members known only from plays.
  let memberIDs: [Int]
  let memberNumber: [Int: Int32]
  /// Row of each member in the `members` table, -1 when absent.
  let memberRow: [Int]

  /// Member `m`'s plays are `playOffsets[m]..<playOffsets[m + 1]` of the play arrays.
  let playOffsets: [Int]
  /// The title of each play, members' plays in table order.
  let playTitles: [Int32]
  /// The time of each play, in the same order, `Int.min` when unknown (read from the table).
  let playTimes: PlayTimes
  /// The plays by member, and the table's completion column, for `orderedPlays`.
  private let slices: PlaySlices
  private let completionColumn: Column?
  private let ordered = BuiltOnce<OrderedPlays>()

  /// Member `m`'s impressions before their "now", one entry per distinct title:
  /// `impressionOffsets[m]..<impressionOffsets[m + 1]` of the impression arrays.
  let impressionOffsets: [Int]
  let impressionTitles: [Int32]
  /// How often the title was shown without a play.
  let impressionUnplayed: [Int32]

  /// "Now" for windows over everyone's plays: the cut, or the latest play.
  let now: Int
  /// The latest time of any play, `Int.min` when no play has one.
  let latestPlay: Int
  /// Each member's "now": the cut, their own first test time, or the latest play.
  let memberNow: [Int]

  /// Builds the indexes from the history `plays`, the session's `tables` (`titles`, `members`,
  /// `impressions`) and the split's "now".
  /// - Complexity: O(plays + impressions + titles) plus sorting each member's plays (one
  ///   packed integer per play, members on every core).
  /// A stop asked of `cancellation` is seen between the passes.
  init(
    plays: Table, tables: [String: Table], now splitNow: SplitNow?, cancellation: Cancellation = .never
  ) throws(Diagnostic) {
    let titles = tables["titles"] ?? Table()
    let catalogIDs = titles["id"].map { c in (0..<c.count).compactMap { c.int(at: $0) } } ?? []
    // A play counts when it has a member and a title; a missing time is `Int.min`.
    let playMember = plays["member"]?.integers
    let playTitle = plays["title"]?.integers
    let playAt = plays["at"]?.integers
    var ids = IDNumbers(limit: Self.largestID(playTitle, catalogIDs))
    for id in catalogIDs { ids.set(id, 0) }
    if let playTitle {
      for t in Self.distinctIDs(playTitle, limit: ids.limit) where ids[t] == nil { ids.set(t, 0) }
    }
    let sortedIDs = ids.ids.sorted()
    titleIDs = sortedIDs
    var dictionary: [Int: Int32] = [:]
    dictionary.reserveCapacity(sortedIDs.count)
    var number = ids
    for (i, id) in sortedIDs.enumerated() {
      dictionary[id] = Int32(i)
      number.set(id, Int32(i))
    }
    titleNumber = dictionary
    let titleCount = sortedIDs.count

    var catalogRow = [Int](repeating: -1, count: titleCount)
    for (row, id) in catalogIDs.enumerated() { if let t = number[id] { catalogRow[Int(t)] = row } }
    self.catalogRow = catalogRow
    titlesTable = titles
    membersTable = tables["members"] ?? Table()
    let nameColumn = titles["name"]
    titleNames = catalogRow.enumerated().map { t, row in
      if row >= 0, case .string(let s) = nameColumn?.value(at: row) { return s }
      return "#\(sortedIDs[t])"
    }
    (titleGenres, genreNames) = Self.codes(titles["genres"], rows: catalogRow)
    var genreOffsets = [0]
    for list in titleGenres { genreOffsets.append(genreOffsets[genreOffsets.count - 1] + list.count) }
    self.genreOffsets = genreOffsets
    genreCodes = titleGenres.flatMap { $0 }
    titleCast = Self.codes(titles["cast"], rows: catalogRow).0
    let releasedColumn = titles["released"]
    released = catalogRow.map { row in row >= 0 ? releasedColumn?.int(at: row) ?? Int.min : Int.min }

    try cancellation.check()
    // Members: the `members` table first, then anyone who only appears in plays.
    var memberList: [Int] = []
    var memberNumbers = IDNumbers(limit: Self.largestID(playMember, []))
    var rows: [Int] = []
    if let idColumn = tables["members"]?["id"] {
      for row in 0..<idColumn.count {
        guard let id = idColumn.int(at: row), memberNumbers[id] == nil else { continue }
        memberNumbers.set(id, Int32(memberList.count))
        memberList.append(id)
        rows.append(row)
      }
    }
    let playRows = plays.count
    var latest = Int.min
    // Each row's member number, -1 for a row that is not a play. Members already numbered are
    // looked up on both cores, each value written once (-2 marks a member not numbered yet);
    // then members known only from plays are numbered in order of their first play.
    var found = [(latest: Int, unknown: Bool)](repeating: (Int.min, false), count: 2)
    var memberOfPlay: [Int32]
    if let playMember, let playTitle {
      let known = memberNumbers
      memberOfPlay = [Int32](unsafeUninitializedCapacity: playRows) { out, initialized in
        found.withUnsafeMutableBufferPointer { found in
          let shared = UncheckedSendable((out, found))
          inHalves(0..<playRows) { half, rows in
            var (last, unknown) = (Int.min, false)
            for i in rows {
              let id = playMember[i]
              guard id != Int.min, playTitle[i] != Int.min else {
                shared.value.0[i] = -1
                continue
              }
              if let m = known[id] {
                shared.value.0[i] = m
              } else {
                shared.value.0[i] = -2
                unknown = true
              }
              if let playAt { last = max(last, playAt[i]) }
            }
            shared.value.1[half] = (last, unknown)
          }
        }
        initialized = playRows
      }
      latest = max(found[0].latest, found[1].latest)
      if found[0].unknown || found[1].unknown {
        for i in 0..<playRows where memberOfPlay[i] == -2 {
          let id = playMember[i]
          if let m = memberNumbers[id] {
            memberOfPlay[i] = m
          } else {
            memberOfPlay[i] = Int32(memberList.count)
            memberNumbers.set(id, Int32(memberList.count))
            memberList.append(id)
            rows.append(-1)
          }
        }
      }
    } else {
      memberOfPlay = [Int32](repeating: -1, count: playRows)
    }
    memberIDs = memberList
    var memberDictionary: [Int: Int32] = [:]
    memberDictionary.reserveCapacity(memberList.count)
    for (m, id) in memberList.enumerated() { memberDictionary[id] = Int32(m) }
    memberNumber = memberDictionary
    memberRow = rows
    let memberCount = memberList.count

    switch splitNow {
    case .cut(let t):
      now = t
      memberNow = [Int](repeating: t, count: memberCount)
    case .perMember(let times):
      now = latest == Int.min ? 0 : latest
      memberNow = memberList.map { times[$0] ?? (latest == Int.min ? 0 : latest) }
    case nil:
      now = latest == Int.min ? 0 : latest
      memberNow = [Int](repeating: now, count: memberCount)
    }
    latestPlay = latest
    try cancellation.check()

    // Plays grouped by member, in table order; each play's title as its dense number.
    let slices = PlaySlices(memberOfPlay: memberOfPlay, members: memberCount)
    let total = slices.offsets[memberCount]
    var halfCounts = [[Int32]](repeating: [], count: 2)
    let titlesOut = [Int32](unsafeUninitializedCapacity: total) { out, initialized in
      halfCounts.withUnsafeMutableBufferPointer { halfCounts in
        let shared = UncheckedSendable((out, halfCounts))
        inHalves(0..<total) { half, positions in
          var counts = [Int32](repeating: 0, count: titleCount)
          // Every play has a title (a row without one is not a play).
          if let playTitle, slices.isInTableOrder {
            playTitle.forEach(in: positions) { j, id in
              let t = number[id] ?? 0
              shared.value.0[positions.lowerBound + j] = t
              counts[Int(t)] &+= 1
            }
          } else {
            for p in positions {
              let t = playTitle.flatMap { number[$0[slices.row(p)]] } ?? 0
              shared.value.0[p] = t
              counts[Int(t)] &+= 1
            }
          }
          shared.value.1[half] = counts
        }
      }
      initialized = total
    }
    var counts = [Int32](repeating: 0, count: titleCount)
    for half in halfCounts where !half.isEmpty { for t in 0..<titleCount { counts[t] &+= half[t] } }
    self.slices = slices
    playOffsets = slices.offsets
    playTitles = titlesOut
    playTimes = PlayTimes(at: playAt, slices: slices)
    completionColumn = plays["completion"]
    playCount = counts
    mostPlays = counts.max() ?? 0
    let most = Double.log(1 + Double(mostPlays))
    popularityShare = counts.map { most > 0 ? Double.log(1 + Double($0)) / most : 0 }
    try cancellation.check()

    (impressionOffsets, impressionTitles, impressionUnplayed) = try Self.impressions(
      tables["impressions"], members: memberNumbers, titles: number, memberNow: memberNow, cancellation: cancellation)
  }

  var titleCount: Int { titleIDs.count }
  var memberCount: Int { memberIDs.count }

  /// Member `m`'s value in the `members` column `column` (null when unknown).
  func memberValue(_ m: Int, _ column: String) -> Value {
    guard memberRow[m] >= 0, let c = membersTable[column] else { return .null }
    return c.value(at: memberRow[m])
  }

  /// Title `t`'s value in the `titles` column `column` (null when unknown).
  func titleValue(_ t: Int, _ column: String) -> Value {
    guard catalogRow[t] >= 0, let c = titlesTable[column] else { return .null }
    return c.value(at: catalogRow[t])
  }

  /// Title t's genres, as `titleGenres[t]` without an array of its own.
  func genres(of t: Int) -> ArraySlice<Int32> { genreCodes[genreOffsets[t]..<genreOffsets[t + 1]] }

  /// The positions of member `m`'s plays: in table order in `playTitles` and `playTimes`,
  /// oldest first in `orderedPlays`.
  func plays(of m: Int) -> Range<Int> { playOffsets[m]..<playOffsets[m + 1] }

  /// Whether `orderedPlays` has been made, for tests.
  var hasOrderedPlays: Bool { ordered.isBuilt }

  /// Every member's plays in time order, ties by title id, then table order; built on first use.
  var orderedPlays: OrderedPlays {
    ordered.value {
      slices.sortedByTime(titles: playTitles, titleCount: titleCount, times: playTimes, completion: completionColumn)
    }
  }

  /// The impressions of member `m`.
  func impressions(of m: Int) -> Range<Int> { impressionOffsets[m]..<impressionOffsets[m + 1] }

  // MARK: - Building blocks

  /// The distinct present values of `column`, marked on both cores: a flag per value in
  /// `0..<limit`, and the few values outside that range listed. In no particular order.
  private static func distinctIDs(_ column: IntegerValues, limit: Int) -> [Int] {
    // A dense range much wider than the rows (a few ids far apart) is cheaper hashed.
    guard limit <= max(1 << 16, 2 * column.count) else {
      var seen = Set<Int>()
      for i in 0..<column.count where column[i] != Int.min { seen.insert(column[i]) }
      return Array(seen)
    }
    var halves = [(marked: [Bool], outside: [Int])](repeating: ([], []), count: 2)
    halves.withUnsafeMutableBufferPointer { halves in
      let shared = UncheckedSendable(halves)
      inHalves(0..<column.count) { half, rows in
        var marked = [Bool](repeating: false, count: limit)
        var outside: [Int] = []
        for i in rows {
          let t = column[i]
          if t >= 0 && t < limit { marked[t] = true } else if t != Int.min { outside.append(t) }
        }
        shared.value[half] = (marked, outside)
      }
    }
    var ids: [Int] = []
    for t in 0..<limit where halves.contains(where: { !$0.marked.isEmpty && $0.marked[t] }) { ids.append(t) }
    return ids + Set(halves.flatMap(\.outside))
  }

  /// The largest id in `column` and `more` that a dense lookup array may cover (0 when none).
  private static func largestID(_ column: IntegerValues?, _ more: [Int]) -> Int {
    let largest = max(more.max() ?? -1, column?.bounds()?.hi ?? -1)
    return max(0, min(largest, 1 << 24 - 1) + 1)
  }


  /// List columns as per-title code lists over one dictionary, in dense title order.
  private static func codes(_ column: Column?, rows: [Int]) -> ([[Int32]], [String]) {
    guard let column, case .list(let offsets, let codes, let dict) = column.storage else {
      return (Array(repeating: [], count: rows.count), [])
    }
    let lists = rows.map { row in row < 0 ? [] : Array(codes[Int(offsets[row])..<Int(offsets[row + 1])]) }
    return (lists, Array(dict.strings))
  }

  /// Per member, the distinct titles shown before their "now", with how often each was shown
  /// without a play; in title order.
  private static func impressions(
    _ table: Table?, members: IDNumbers, titles: IDNumbers, memberNow: [Int], cancellation: Cancellation
  ) throws(Diagnostic) -> ([Int], [Int32], [Int32]) {
    let memberCount = memberNow.count
    guard let table, let member = table["member"]?.integers, let title = table["title"]?.integers,
      let at = table["at"]?.integers
    else {
      return ([Int](repeating: 0, count: memberCount + 1), [], [])
    }
    let played = table["played"]?.integers
    var perMember = [[(title: Int32, unplayed: Int32)]](repeating: [], count: memberCount)
    for i in 0..<table.count {
      if i % 65_536 == 0 { try cancellation.check() }
      let (id, tid, time) = (member[i], title[i], at[i])
      guard id != Int.min, tid != Int.min, time != Int.min, let m = members[id], let t = titles[tid],
        time < memberNow[Int(m)]
      else { continue }
      perMember[Int(m)].append((t, played?[i] == 1 ? 0 : 1))
    }
    var offsets = [0]
    var titlesOut: [Int32] = []
    var unplayed: [Int32] = []
    for (m, var list) in perMember.enumerated() {
      if m % 256 == 0 { try cancellation.check() }
      list.sort { $0.title < $1.title }
      for entry in list {
        if titlesOut.count > offsets.last!, titlesOut.last == entry.title {
          unplayed[unplayed.count - 1] += entry.unplayed
        } else {
          titlesOut.append(entry.title)
          unplayed.append(entry.unplayed)
        }
      }
      offsets.append(titlesOut.count)
    }
    return (offsets, titlesOut, unplayed)
  }
}
