import CPrefetch

/// Plays and rewards of every action in every context cell, for the tabular policies.
///
/// A cell's numbers lie together — its plays over all actions, then each action's plays and
/// rewards side by side — so that a decision touches one or two cache lines: with hundreds of
/// thousands of cells, most decisions miss the cache, and each line read is a miss. Cells lie in
/// the order of their ids, the numbers of cell `c` at `c + 2 · slot`, where `slot` is the count
/// of arms of the cells before it (`Decision.slot`, computed once per request row): finding a
/// cell reads no table, only the row's own numbers. The storage grows to the highest cell a
/// stream visits, not to every combination of context values.
///
/// When every reward is 0 or 1 the numbers are counts, kept in 32 bits: half the bytes, so that
/// more cells stay in the cache, and the same means to the last bit as sums kept in doubles.
struct ArmStatistics {
  /// Whether the numbers are kept as 32-bit counts (`counts`) rather than doubles (`sums`).
  private let counting: Bool
  private var counts: [UInt32] = []
  private var sums: [Double] = []

  /// Statistics for rewards that are all 0 or 1 (`counting`), with fewer than 2³² updates, or any.
  init(counting: Bool) {
    self.counting = counting
  }

  /// Where the numbers of `cell` (whose arms start at `slot`) begin, growing the storage to
  /// hold them the first time.
  @inline(__always)
  mutating func base(cell: Int, slot: Int, arms: Int) -> Int {
    let b = Self.start(cell: cell, slot: slot)
    let end = b + 1 + 2 * arms
    if counting {
      if end > counts.count { counts.append(contentsOf: repeatElement(0, count: end - counts.count)) }
    } else if end > sums.count {
      sums.append(contentsOf: repeatElement(0, count: end - sums.count))
    }
    return b
  }

  /// Where the numbers of `cell`, whose arms start at `slot`, begin once the storage holds them.
  @inline(__always)
  static func start(cell: Int, slot: Int) -> Int { cell + 2 * slot }

  /// Where the numbers of `decision`'s cell begin.
  @inline(__always)
  mutating func base(_ decision: Decision) -> Int {
    base(cell: decision.cell, slot: decision.slot, arms: decision.actions.count)
  }

  /// Starts bringing in the numbers of `decision`'s cell, for a decision a few rows ahead; a
  /// cell the storage does not hold yet is skipped.
  @inline(__always)
  func prefetch(_ decision: Decision) {
    let b = Self.start(cell: decision.cell, slot: decision.slot)
    let end = b + 2 * decision.actions.count + 1
    if counting { Self.prefetch(counts, b..<end) } else { Self.prefetch(sums, b..<end) }
  }

  /// Starts bringing in the first and the last of `numbers[range]`, when it holds them.
  @inline(__always)
  private static func prefetch<T>(_ numbers: [T], _ range: Range<Int>) {
    numbers.withUnsafeBufferPointer { p in
      guard range.upperBound <= p.count else { return }
      rec_prefetch_write(p.baseAddress! + range.lowerBound)
      rec_prefetch_write(p.baseAddress! + range.upperBound - 1)
    }
  }

  /// Adds the counts of `other`, kept over other rows of the same cells, to these.
  mutating func add(_ other: ArmStatistics) {
    precondition(counting && other.counting, "only counts add up exactly in any order")
    if other.counts.count > counts.count {
      counts.append(contentsOf: repeatElement(0, count: other.counts.count - counts.count))
    }
    for i in other.counts.indices { counts[i] += other.counts[i] }
  }

  /// Plays of every action of the cell whose numbers start at `b`.
  @inline(__always)
  func cellPulls(_ b: Int) -> Double { number(b) }

  /// Plays of action `arm` of the cell whose numbers start at `b`.
  @inline(__always)
  func pulls(_ b: Int, arm: Int) -> Double { number(b + 1 + 2 * arm) }

  /// Total reward of action `arm` of the cell whose numbers start at `b`.
  @inline(__always)
  func rewards(_ b: Int, arm: Int) -> Double { number(b + 2 + 2 * arm) }

  @inline(__always)
  private func number(_ i: Int) -> Double { counting ? Double(counts[i]) : sums[i] }

  /// Counts a play of `arm` with `reward` in the cell whose numbers start at `b`.
  @inline(__always)
  mutating func record(_ b: Int, arm: Int, reward: Double) {
    if counting {
      counts[b] += 1
      counts[b + 1 + 2 * arm] += 1
      counts[b + 2 + 2 * arm] += reward > 0 ? 1 : 0
    } else {
      sums[b] += 1
      sums[b + 1 + 2 * arm] += 1
      sums[b + 2 + 2 * arm] += reward
    }
  }

  /// Counts a play of `arm` with `reward` in `decision`'s cell.
  @inline(__always)
  mutating func record(_ decision: Decision, arm: Int, reward: Double) {
    record(base(decision), arm: arm, reward: reward)
  }

  /// The arm of `decision`'s cell with the highest mean reward (0 for an arm never played);
  /// ties go to the smallest index, the smallest action id.
  mutating func bestArm(_ decision: Decision) -> Int {
    let b = base(decision)
    var best = 0
    var bestMean = -Double.infinity
    for i in 0..<decision.actions.count {
      let mean = mean(b, arm: i)
      if mean > bestMean {
        best = i
        bestMean = mean
      }
    }
    return best
  }

  /// Counts a play of `arm` with `reward` in `decision`'s cell, whose best arm (`bestArm`) was
  /// `best`, and returns the cell's best arm now. Only `arm`'s mean moved: a best arm that
  /// did not fall stays best, another arm takes over only by passing it (or equalling it from a
  /// smaller index), and the cell is looked through again only when the best arm fell.
  mutating func record(_ decision: Decision, arm: Int, reward: Double, best: Int) -> Int {
    let b = base(decision)
    let before = arm == best ? mean(b, arm: arm) : 0
    record(b, arm: arm, reward: reward)
    let after = mean(b, arm: arm)
    if arm == best {
      return after >= before ? best : bestArm(decision)
    }
    let top = mean(b, arm: best)
    return after > top || (after == top && arm < best) ? arm : best
  }

  /// The mean reward of `arm` in the cell at `b`; 0 for an arm never played.
  @inline(__always)
  private func mean(_ b: Int, arm: Int) -> Double {
    let n = pulls(b, arm: arm)
    return n > 0 ? rewards(b, arm: arm) / n : 0
  }
}
