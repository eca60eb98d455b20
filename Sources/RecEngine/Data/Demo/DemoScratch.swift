/// One play or rating before it is appended, so that a member's rows can be put in time order.
struct DemoPendingPlay {
  var title: Int
  var at: Int
  var seconds: Int
  var completion: Double
  var device: Int
}

struct DemoPendingRating {
  var title: Int
  var at: Int
  var rating: Double
}

/// One logged impression before it is appended, so that a member's impressions are appended
/// column by column at once.
struct DemoPendingImpression {
  var title: Int32
  var at: Int32
  var page: Int32
  var row: Int32
  var position: Int32
  var artwork: Int32
  var propensity: Double
  var played: Int8
  var probability: Double
}

/// A simulator's buffers for one member's year, emptied and reused from member to member so that
/// their storage is allocated once.
struct DemoScratch {
  var plays: [DemoPendingPlay] = []
  var ratings: [DemoPendingRating] = []
  var impressions: [DemoPendingImpression] = []
  /// The member's series started and not finished nor given up, in the order they were started.
  var unfinished: [Int] = []
  /// By title: `notStarted`, the episodes seen of a started series, or `done` once a title is
  /// finished or given up.
  var progress: [Int] = []
  /// The titles whose `progress` was set, to reset them for the next member.
  var touched: [Int] = []
  /// By title: the moment of the session after which the member was done with it (a movie played,
  /// a series finished or given up), or `Int.max`; read by the exposures' lift.
  var doneAt: [Int] = []

  static let notStarted = -2
  static let done = -1

  init(titles: Int = 0) {
    progress = Array(repeating: Self.notStarted, count: titles)
    doneAt = Array(repeating: Int.max, count: titles)
  }

  /// Sets title `t`'s progress.
  @inline(__always)
  mutating func setProgress(_ t: Int, _ value: Int) {
    if progress[t] == Self.notStarted { touched.append(t) }
    progress[t] = value
  }

  /// Marks title `t` done after the session at `at`.
  mutating func setDone(_ t: Int, at: Int) {
    setProgress(t, Self.done)
    doneAt[t] = at
  }

  /// Empties every buffer for the next member, keeping their storage.
  mutating func reset() {
    plays.removeAll(keepingCapacity: true)
    ratings.removeAll(keepingCapacity: true)
    impressions.removeAll(keepingCapacity: true)
    unfinished.removeAll(keepingCapacity: true)
    for t in touched {
      progress[t] = Self.notStarted
      doneAt[t] = Int.max
    }
    touched.removeAll(keepingCapacity: true)
  }
}
