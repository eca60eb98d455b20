import Dispatch
import RealModule

/// The peer benchmark's EVAL job (`bench/README.md` §2) on typed arrays: a per-member last-20%
/// split (ties by movie id), a popularity row of `k` titles excluding what each member rated in
/// train, and recall@k, precision@k, ndcg@k averaged over the members with a test row.
///
/// Work is split into contiguous member ranges, one per core: each sorts its members' rows
/// by a packed (time, movie) key, counts train rows per movie, then walks the popularity ranking
/// with per-rank stamps instead of sets.
struct PopularityBaseline: Sendable {
  struct Result: Sendable, Equatable {
    var users = 0
    var trainRows = 0
    var testRows = 0
    var hits = 0
    var recall = 0.0
    var precision = 0.0
    var ndcg = 0.0
    /// Σ over members and list positions j (1-based) of j·movie + member.
    var checksum = 0
  }

  /// Phases' wall times in seconds: split, popularity, recommend + metrics.
  var phases: [(String, Double)] = []

  /// The percentage of each member's rows that goes to test (⌊n·percent/100⌋, at least 1).
  var testPercent = 20
  var k = 20
  var threads = 2

  /// Runs the job on parallel arrays of member ids, movie ids and times (any row order).
  /// - Complexity: O(n log d) for n rows and d rows per member, plus O(m log m) for m movies.
  mutating func run(users: [Int32], movies: [Int32], times: [Int]) -> Result {
    precondition(users.count == movies.count && movies.count == times.count, "columns differ in length")
    let clock = ContinuousClock()
    var start = clock.now
    let n = users.count
    guard n > 0 else { return Result() }
    // Rows grouped by member: a counting sort unless the rows already come grouped.
    let (members, offsets, order) = Self.groupByMember(users)
    let maxMovie = Int(movies.max() ?? 0)
    let minTime = times.min() ?? 0
    let timeBits = Int.bitWidth - (times.max()! &- minTime).leadingZeroBitCount
    let movieBits = Int.bitWidth - maxMovie.leadingZeroBitCount
    precondition(timeBits + movieBits <= 63 && movies.min()! >= 0, "times and movie ids too wide to pack")

    // Phase 1: per member, the last n_test rows by (time, movie) are test.
    let testPercent = self.testPercent
    let flags = DisjointWrites(repeating: false, count: n)
    let parts = Self.partition(offsets, into: max(1, threads))
    let width = maxMovie + 1
    let trainCounts = DisjointWrites(repeating: 0, count: parts.count * width)
    DispatchQueue.concurrentPerform(iterations: parts.count) { p in
        var keys: [Int] = []
        let counts = UnsafeMutableBufferPointer(rebasing: trainCounts.base[(p * width)..<((p + 1) * width)])
        for member in parts[p] {
          let rows = offsets[member]..<offsets[member + 1]
          keys.removeAll(keepingCapacity: true)
          for r in rows {
            let row = order.map { Int($0[r]) } ?? r
            keys.append((times[row] &- minTime) << movieBits | Int(movies[row]))
          }
          keys.sort()
          let nTest = max(1, rows.count * testPercent / 100)
          let threshold = keys[rows.count - nTest]
          for r in rows {
            let row = order.map { Int($0[r]) } ?? r
            if (times[row] &- minTime) << movieBits | Int(movies[row]) >= threshold {
              flags.base[row] = true
            } else {
              counts[Int(movies[row])] += 1
            }
          }
        }
    }
    let isTest = Array(flags.base)
    phases.append(("split_s", (clock.now - start).inSeconds))
    start = clock.now

    // Phase 2: the popularity ranking, count descending then movie id ascending.
    var counts = [Int](repeating: 0, count: width)
    for p in parts.indices { for m in 0..<width { counts[m] += trainCounts.base[p * width + m] } }
    let ranked = (0...maxMovie).filter { counts[$0] > 0 }
      .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
    var ranks = [Int32](repeating: -1, count: maxMovie + 1)
    for (i, m) in ranked.enumerated() { ranks[m] = Int32(i) }
    let rank = ranks
    phases.append(("popularity_s", (clock.now - start).inSeconds))
    start = clock.now

    // Phase 3: each member's first k unrated candidates, judged against their test rows.
    let k = self.k
    let discount = (0...k).map { $0 == 0 ? 0 : 1 / Double.log2(Double($0) + 1) }
    let ideal = discount.indices.map { discount[...$0].reduce(0, +) }
    let results = DisjointWrites(repeating: Result(), count: parts.count)
    DispatchQueue.concurrentPerform(iterations: parts.count) { p in
      var trainMark = [Int32](repeating: -1, count: ranked.count)
      var testMark = [Int32](repeating: -1, count: ranked.count)
      var r = Result()
      for member in parts[p] {
        let stamp = Int32(truncatingIfNeeded: member)
        var testCount = 0
        for i in offsets[member]..<offsets[member + 1] {
          let row = order.map { Int($0[i]) } ?? i
          let at = rank[Int(movies[row])]
          if isTest[row] {
            testCount += 1
            if at >= 0 { testMark[Int(at)] = stamp }
          } else {
            r.trainRows += 1
            trainMark[Int(at)] = stamp
          }
        }
        r.testRows += testCount
        var position = 0
        var hits = 0
        var dcg = 0.0
        var j = 0
        while position < k, j < ranked.count {
          if trainMark[j] != stamp {
            position += 1
            r.checksum += position * ranked[j] + Int(members[member])
            if testMark[j] == stamp {
              hits += 1
              dcg += discount[position]
            }
          }
          j += 1
        }
        guard testCount > 0 else { continue }
        r.users += 1
        r.hits += hits
        r.recall += Double(hits) / Double(testCount)
        r.precision += Double(hits) / Double(k)
        r.ndcg += dcg / ideal[min(k, testCount)]
      }
      results.base[p] = r
    }
    var total = Result()
    for r in results.base {
      total.users += r.users
      total.trainRows += r.trainRows
      total.testRows += r.testRows
      total.hits += r.hits
      total.recall += r.recall
      total.precision += r.precision
      total.ndcg += r.ndcg
      total.checksum += r.checksum
    }
    let u = Double(max(1, total.users))
    total.recall /= u
    total.precision /= u
    total.ndcg /= u
    phases.append(("recommend_metrics_s", (clock.now - start).inSeconds))
    return total
  }

  /// The member ids ascending, the start of each member's rows (`offsets`, one more than
  /// members), and the row order when the rows do not already come sorted by member.
  static func groupByMember(_ users: [Int32]) -> (members: [Int32], offsets: [Int], order: [Int32]?) {
    if zip(users, users.dropFirst()).allSatisfy({ $0 <= $1 }) {
      var members: [Int32] = []
      var offsets: [Int] = []
      for i in users.indices where i == 0 || users[i] != users[i - 1] {
        members.append(users[i])
        offsets.append(i)
      }
      offsets.append(users.count)
      return (members, offsets, nil)
    }
    // A counting sort by member id over the ids present.
    let distinct = Array(Set(users)).sorted()
    var slot: [Int32: Int] = [:]
    for (i, m) in distinct.enumerated() { slot[m] = i }
    var offsets = [Int](repeating: 0, count: distinct.count + 1)
    for u in users { offsets[slot[u]! + 1] += 1 }
    for i in distinct.indices { offsets[i + 1] += offsets[i] }
    var next = offsets
    var order = [Int32](repeating: 0, count: users.count)
    for (row, u) in users.enumerated() {
      let s = slot[u]!
      order[next[s]] = Int32(row)
      next[s] += 1
    }
    return (distinct, offsets, order)
  }

  /// Contiguous member ranges of about equal row counts, one per part.
  static func partition(_ offsets: [Int], into parts: Int) -> [Range<Int>] {
    let members = offsets.count - 1
    let rows = offsets[members]
    var ranges: [Range<Int>] = []
    var start = 0
    for p in 1...parts {
      var end = start
      let target = rows * p / parts
      while end < members, offsets[end + 1] <= target || p == parts { end += 1 }
      ranges.append(start..<end)
      start = end
    }
    return ranges
  }

}

/// Memory that parallel parts write at disjoint places, then read once all have finished.
private final class DisjointWrites<Element>: @unchecked Sendable {
  let base: UnsafeMutableBufferPointer<Element>

  init(repeating value: Element, count: Int) {
    base = .allocate(capacity: count)
    base.initialize(repeating: value)
  }

  deinit {
    base.deinitialize()
    base.deallocate()
  }
}
