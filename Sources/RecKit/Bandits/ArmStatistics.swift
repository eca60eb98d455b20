/// Plays and rewards of every action in every context cell, for the tabular policies.
///
/// A cell's numbers lie together — its plays over all actions, then each action's plays and
/// rewards side by side — so that a decision touches one or two cache lines: with hundreds of
/// thousands of cells, most decisions miss the cache, and each line read is a miss. A cell's
/// numbers are allocated when the cell is first seen, so memory grows with the cells a stream
/// visits, not with every combination of context values.
struct ArmStatistics {
  /// Where each cell's numbers start in `data`; -1 for a cell not seen yet.
  private var start: [Int] = []
  private var data: [Double] = []

  /// Where `cell`'s numbers start, allocating them for `arms` actions the first time.
  @inline(__always)
  mutating func base(_ cell: Int, arms: Int) -> Int {
    if cell >= start.count { start.append(contentsOf: repeatElement(-1, count: cell + 1 - start.count)) }
    if start[cell] < 0 {
      start[cell] = data.count
      data.append(contentsOf: repeatElement(0, count: 1 + 2 * arms))
    }
    return start[cell]
  }

  /// Plays of every action of the cell whose numbers start at `b`.
  @inline(__always)
  func cellPulls(_ b: Int) -> Double { data[b] }

  /// Plays of action `arm` of the cell whose numbers start at `b`.
  @inline(__always)
  func pulls(_ b: Int, arm: Int) -> Double { data[b + 1 + 2 * arm] }

  /// Total reward of action `arm` of the cell whose numbers start at `b`.
  @inline(__always)
  func rewards(_ b: Int, arm: Int) -> Double { data[b + 2 + 2 * arm] }

  @inline(__always)
  mutating func record(cell: Int, arms: Int, arm: Int, reward: Double) {
    let b = base(cell, arms: arms)
    data[b] += 1
    data[b + 1 + 2 * arm] += 1
    data[b + 2 + 2 * arm] += reward
  }

  /// The arm of `decision`'s cell with the highest mean reward (0 for an arm never played);
  /// ties go to the smallest index, the smallest action id.
  mutating func bestArm(_ decision: Decision) -> Int {
    let b = base(decision.cell, arms: decision.actions.count)
    var best = 0
    var bestMean = -Double.infinity
    for i in 0..<decision.actions.count {
      let n = pulls(b, arm: i)
      let mean = n > 0 ? rewards(b, arm: i) / n : 0
      if mean > bestMean {
        best = i
        bestMean = mean
      }
    }
    return best
  }
}
