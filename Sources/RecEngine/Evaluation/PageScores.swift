import RecCore
import Synchronization

/// The pages of an evaluation, built once for every judged member and scored per member.
///
/// Pages are built in parallel over members (builders are `Sendable` and share their indexes),
/// each read at once into its one-dimensional list; scoring a metric reads the grids and lists
/// (members again in parallel), so a sweep builds each page once for all its cut-offs.
package struct PageScores: Sendable {
  package var name: String
  /// Grids parallel to `judge.members`; an empty grid when the page has none for a member.
  package var grids: [PageGrid]
  /// One-dimensional readings of `grids`.
  var lists: [RankedList]
  /// The widest row on any member's page.
  var width: Int
  /// Per-member values of formula metrics by name, parallel to `judge.members`; the session
  /// computes them, since a formula may read any of its tables.
  package var formulaValues: [String: [Double]] = [:]

  /// Pieces of parallel work for `n` members: enough to balance the cores, each large enough
  /// that handing it out costs nothing.
  private static func pieces(_ n: Int) -> Int { max(1, min(n, max(32, n / 2048))) }

  /// Builds `builder`'s page for each judged member; the first builder error is thrown, and a
  /// stop asked of `cancellation` ends the build.
  package static func build(
    _ name: String, _ builder: any PageBuilder, judge: Judge, cancellation: Cancellation = .never
  ) throws(Diagnostic) -> PageScores {
    let n = judge.members.count
    let chunks = pieces(n)
    var parts = [(grids: [PageGrid], lists: [RankedList])](repeating: ([], []), count: chunks)
    let failure = Mutex<Diagnostic?>(nil)
    parts.withUnsafeMutableBufferPointer { parts in
      let out = UncheckedSendable(parts)
      inParallel(chunks) { c in
        let range = (c * n / chunks)..<((c + 1) * n / chunks)
        var grids: [PageGrid] = []
        var lists: [RankedList] = []
        grids.reserveCapacity(range.count)
        lists.reserveCapacity(range.count)
        for i in range {
          // One relaxed load a page: nothing beside building it.
          if cancellation.isCancelled { return }
          do throws(Diagnostic) {
            let grid = try builder.page(for: judge.members[i]) ?? PageGrid(rows: [])
            grids.append(grid)
            lists.append(RankedList(reading: grid))
          } catch {
            failure.withLock { $0 = $0 ?? error }
            return
          }
        }
        out.value[c] = (grids, lists)
      }
    }
    if let error = failure.withLock({ $0 }) { throw error }
    try cancellation.check()
    var grids: [PageGrid] = []
    var lists: [RankedList] = []
    grids.reserveCapacity(n)
    lists.reserveCapacity(n)
    for part in parts {
      grids += part.grids
      lists += part.lists
    }
    var width = 0
    for grid in grids { for row in grid.rows { width = max(width, row.titles.count) } }
    return PageScores(name: name, grids: grids, lists: lists, width: width)
  }

  /// `metric` for every judged member, parallel to `judge.members`.
  package func perMember(_ metric: Metric, judge: Judge, cancellation: Cancellation = .never) throws(Diagnostic) -> [Double] {
    try perMember([metric], judge: judge, cancellation: cancellation)[0]
  }

  /// Each of `metrics` for every judged member, parallel to `judge.members` (empty for a
  /// page-wide metric). Members are scored in parallel, each list read once for the ranks of
  /// its hits, which every ranking metric then reads.
  package func perMember(
    _ metrics: [Metric], judge: Judge, cancellation: Cancellation = .never
  ) throws(Diagnostic) -> [[Double]] {
    let n = grids.count
    // Facts a metric reads are made before the members are shared out.
    for metric in metrics {
      switch metric.kind {
      case .diversity: _ = judge.genres
      case .novelty: _ = judge.surprisal
      case .freshness: _ = judge.released
      default: break
      }
    }
    let computed = metrics.indices.filter { metrics[$0].formula == nil && !metrics[$0].isPageWide }
    let depth = computed.lazy.filter { metrics[$0].readsHitRanks }.compactMap { metrics[$0].k }.max()
    var values = [Double](repeating: 0, count: computed.count * n)
    let chunks = Self.pieces(n)
    values.withUnsafeMutableBufferPointer { values in
      let out = UncheckedSendable(values)
      inParallel(chunks) { c in
        var hits = HitRanks()
        for i in (c * n / chunks)..<((c + 1) * n / chunks) {
          if cancellation.isCancelled { return }
          if let depth { lists[i].hitRanks(depth, judge.relevant[i], into: &hits) }
          for (slot, m) in computed.enumerated() {
            out.value[slot * n + i] = metrics[m].score(
              page: grids[i], list: lists[i], member: i, judge: judge, width: width, hits: hits)
          }
        }
      }
    }
    try cancellation.check()
    var slot = 0
    return metrics.map { metric in
      if let name = metric.formula { return formulaValues[name] ?? [] }
      if metric.isPageWide { return [] }
      defer { slot += 1 }
      return Array(values[slot * n..<(slot + 1) * n])
    }
  }

  /// The figure `eval` reports: the mean over judged members, or coverage for the whole page.
  package func value(_ metric: Metric, judge: Judge, cancellation: Cancellation = .never) throws(Diagnostic) -> Double {
    if metric.isPageWide { return Metric.coverage(of: grids, judge: judge) }
    let xs = try perMember(metric, judge: judge, cancellation: cancellation)
    return xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count)
  }
}
