import Dispatch
import Synchronization

/// The pages of an evaluation, built once for every judged member and scored per member.
///
/// Pages are built in parallel over members (builders are `Sendable` and share their indexes);
/// scoring a metric reads the grids, so a sweep builds each page once for all its cut-offs.
struct PageScores: Sendable {
  var name: String
  /// Grids parallel to `judge.members`; an empty grid when the page has none for a member.
  var grids: [PageGrid]
  /// One-dimensional readings of `grids`.
  var lists: [RankedList]
  /// The widest row on any member's page.
  var width: Int
  /// Per-member values of formula metrics by name, parallel to `judge.members`; the session
  /// computes them, since a formula may read any of its tables.
  var formulaValues: [String: [Double]] = [:]

  /// Builds `builder`'s page for each judged member; the first builder error is thrown.
  static func build(
    _ name: String, _ builder: any PageBuilder, judge: Judge
  ) throws(Diagnostic) -> PageScores {
    let n = judge.members.count
    let chunks = max(1, min(n, 64))
    let slots = Mutex<[Int: [PageGrid]]>([:])
    let failure = Mutex<Diagnostic?>(nil)
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
      let range = (c * n / chunks)..<((c + 1) * n / chunks)
      var part: [PageGrid] = []
      part.reserveCapacity(range.count)
      for i in range {
        do throws(Diagnostic) {
          part.append(try builder.page(for: judge.members[i]) ?? PageGrid(rows: []))
        } catch {
          failure.withLock { $0 = $0 ?? error }
          return
        }
      }
      slots.withLock { $0[c] = part }
    }
    if let error = failure.withLock({ $0 }) { throw error }
    let grids = slots.withLock { parts in (0..<chunks).flatMap { parts[$0] ?? [] } }
    let width = grids.lazy.flatMap(\.rows).map(\.titles.count).max() ?? 0
    return PageScores(name: name, grids: grids, lists: grids.map(RankedList.init(reading:)), width: width)
  }

  /// `metric` for every judged member, parallel to `judge.members`.
  func perMember(_ metric: Metric, judge: Judge) -> [Double] {
    if let name = metric.formula { return formulaValues[name] ?? [] }
    return grids.indices.map { metric.score(page: grids[$0], list: lists[$0], member: $0, judge: judge, width: width) }
  }

  /// The figure `eval` reports: the mean over judged members, or coverage for the whole page.
  func value(_ metric: Metric, judge: Judge) -> Double {
    if metric.isPageWide { return Metric.coverage(of: grids, judge: judge) }
    let xs = perMember(metric, judge: judge)
    return xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count)
  }
}
