import RealModule

/// What pages are judged against: each member's relevant titles (distinct titles played on the
/// test side), and what the beyond-accuracy metrics know of titles (genres, release day,
/// share of train members who played them) and of "now".
struct Judge: Sendable {
  /// The judged members: those with at least one relevant title, ascending.
  var members: [Int]
  /// Relevant titles, parallel to `members`.
  var relevant: [Set<Int>]
  /// Genres by title id (from `titles.genres`, a list or `|`-joined text).
  var genres: [Int: Set<String>] = [:]
  /// Release day (days since 1970-01-01) by title id.
  var released: [Int: Int] = [:]
  /// −log2 of the share of train members who played the title, by title id.
  var surprisal: [Int: Double] = [:]
  /// −log2(1 / train members): the surprisal of a title nobody played in train.
  var unseenSurprisal = 0.0
  /// The catalog's size, for coverage: rows of `titles`, or distinct titles in the plays.
  var catalogSize = 0
  /// "Now" of the split: the cut, each member's first test time, or nil.
  var now: SplitNow?

  /// How far back a title counts as fresh.
  static let freshDays = 90

  /// Reads the relevant titles from `test` (`member`, `title`), the popularity from `train`, and
  /// titles' genres and release days from `titles` when the session has it.
  init(test: Table, train: Table, titles: Table?, now: SplitNow?) {
    var relevantByMember: [Int: Set<Int>] = [:]
    if let m = test["member"]?.intValues, let t = test["title"]?.intValues {
      for i in m.indices where m[i] != Int.min && t[i] != Int.min { relevantByMember[m[i], default: []].insert(t[i]) }
    }
    members = relevantByMember.keys.sorted()
    relevant = members.map { relevantByMember[$0]! }
    self.now = now

    var players: [Int: Set<Int>] = [:]
    var trainMembers = Set<Int>()
    if let m = train["member"]?.intValues, let t = train["title"]?.intValues {
      for i in m.indices where m[i] != Int.min && t[i] != Int.min {
        players[t[i], default: []].insert(m[i])
        trainMembers.insert(m[i])
      }
    }
    let total = Double(max(1, trainMembers.count))
    surprisal = players.mapValues { -Double.log2(Double($0.count) / total) }
    unseenSurprisal = Double.log2(total)

    var seen = Set(players.keys)
    for set in relevant { seen.formUnion(set) }
    catalogSize = seen.count
    guard let titles, let ids = titles["id"]?.intValues else { return }
    catalogSize = titles.count
    if let g = titles["genres"] {
      for i in ids.indices where ids[i] != Int.min {
        switch g.value(at: i) {
        case .list(let names): genres[ids[i]] = Set(names)
        case .string(let text): genres[ids[i]] = Set(text.split(separator: "|").map(String.init))
        default: break
        }
      }
    }
    if let r = titles["released"], r.type == .date, let days = r.intValues {
      for i in ids.indices where ids[i] != Int.min && days[i] != Int.min { released[ids[i]] = days[i] }
    }
  }

  /// The member's "now" in days, for freshness.
  func today(of member: Int) -> Int? {
    switch now {
    case .cut(let t): Self.floorDiv(t, 86400)
    case .perMember(let times): times[member].map { Self.floorDiv($0, 86400) }
    case nil: nil
    }
  }

  private static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
