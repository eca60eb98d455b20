import RecCore

/// Every member's plays in time order, for `title.popularity` as a page at a given moment reads
/// it: the plays of every member strictly before that moment. An uplift model's training rows are
/// read at their member's first exposure; a page later scores titles with the plays of all members
/// before its "now", so the rows must count the same plays, not only those of the members the log
/// happens to contain.
struct PopularityBefore: Sendable {
  /// Play times, ascending.
  private let times: [Int]
  /// The dense title number of each play, parallel to `times`.
  private let titles: [Int32]
  private let titleCount: Int

  /// The plays of `plays` (`title`, `at`) whose title is in `index`'s catalog; a play without a
  /// title or time is not counted, as in the history.
  init(_ plays: Table, index: HistoryIndex) {
    titleCount = index.titleCount
    guard let title = plays["title"], let at = plays["at"] else {
      (times, titles) = ([], [])
      return
    }
    var pairs: [(time: Int, title: Int32)] = []
    pairs.reserveCapacity(plays.count)
    for i in 0..<plays.count {
      if let id = title.int(at: i), let t = index.titleNumber[id], let time = at.int(at: i) { pairs.append((time, t)) }
    }
    pairs.sort { $0.time < $1.time }
    times = pairs.map(\.time)
    titles = pairs.map(\.title)
  }

  /// For each row of a log (its title's dense number and its moment), the plays of that title
  /// strictly before that moment: one pass through the plays, the rows taken in time order.
  func counts(titles: [Int], moments: [Int]) -> [Int] {
    let order = moments.indices.sorted { moments[$0] < moments[$1] }
    var running = [Int](repeating: 0, count: titleCount)
    var next = 0
    var counts = [Int](repeating: 0, count: titles.count)
    for i in order {
      while next < times.count, times[next] < moments[i] {
        running[Int(self.titles[next])] &+= 1
        next += 1
      }
      counts[i] = running[titles[i]]
    }
    return counts
  }
}
