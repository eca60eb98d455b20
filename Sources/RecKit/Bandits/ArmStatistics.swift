/// Plays and rewards of every action in every context cell, for the tabular policies.
///
/// A cell's slots are allocated when the cell is first seen, so memory grows with the cells a
/// stream visits, not with every combination of context values.
struct ArmStatistics {
  /// Where each cell's slots start in `pulls` and `rewards`; -1 for a cell not seen yet.
  private var start: [Int] = []
  private(set) var pulls: [Double] = []
  private(set) var rewards: [Double] = []
  /// Pulls of every action of each cell together.
  private(set) var cellPulls: [Double] = []

  /// The first slot of `cell`, allocating `arms` slots the first time.
  @inline(__always)
  mutating func base(_ cell: Int, arms: Int) -> Int {
    if cell >= start.count {
      start.append(contentsOf: repeatElement(-1, count: cell + 1 - start.count))
      cellPulls.append(contentsOf: repeatElement(0, count: cell + 1 - cellPulls.count))
    }
    if start[cell] < 0 {
      start[cell] = pulls.count
      pulls.append(contentsOf: repeatElement(0, count: arms))
      rewards.append(contentsOf: repeatElement(0, count: arms))
    }
    return start[cell]
  }

  @inline(__always)
  mutating func record(cell: Int, arms: Int, arm: Int, reward: Double) {
    let b = base(cell, arms: arms)
    pulls[b + arm] += 1
    rewards[b + arm] += reward
    cellPulls[cell] += 1
  }

  /// The arm of `decision`'s cell with the highest mean reward (0 for an arm never played);
  /// ties go to the smallest index, the smallest action id.
  mutating func bestArm(_ decision: Decision) -> Int {
    let b = base(decision.cell, arms: decision.actions.count)
    var best = 0
    var bestMean = -Double.infinity
    for i in 0..<decision.actions.count {
      let n = pulls[b + i]
      let mean = n > 0 ? rewards[b + i] / n : 0
      if mean > bestMean {
        best = i
        bestMean = mean
      }
    }
    return best
  }
}
