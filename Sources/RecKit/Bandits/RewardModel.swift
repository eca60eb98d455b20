/// The direct method's reward model, fitted on the whole log: the mean reward of an action in
/// a context cell when the cell has shown it at least `minimumShows` times; else the action's
/// mean over all cells (same threshold); else the log's mean reward. A cell no usable row shows
/// predicts the log's mean reward for every action.
struct RewardModel {
  static let minimumShows = 5.0

  /// Where each cell's predictions start in `predicted`; -1 for a cell no usable row shows.
  private let start: [Int]
  private let predicted: [Double]
  private let globalMean: Double

  init(log: BanditLog, cells: [Int32]) {
    // Each slot of the log's `actions` as a dense index over the distinct action ids.
    var index: [Int32: Int32] = [:]
    let distinct = log.actions.map { a in
      if let i = index[a] { return i }
      index[a] = Int32(index.count)
      return Int32(index.count - 1)
    }
    var actionShows = [Double](repeating: 0, count: index.count)
    var actionPlays = actionShows
    var statistics = ArmStatistics()
    // The arm set of each cell, as first seen; -1 for a cell no usable row shows.
    var cellSet: [Int32] = []
    var total = 0.0
    var shows = 0.0
    for i in 0..<log.count where log.armSet[i] >= 0 && log.arm[i] >= 0 {
      let set = Int(log.armSet[i])
      let first = log.setStart[set]
      let cell = Int(cells[i])
      if cell >= cellSet.count { cellSet.append(contentsOf: repeatElement(-1, count: cell + 1 - cellSet.count)) }
      if cellSet[cell] < 0 { cellSet[cell] = Int32(set) }
      let arm = Int(log.arm[i])
      statistics.record(cell: cell, arms: log.setStart[set + 1] - first, arm: arm, reward: log.reward[i])
      let action = Int(distinct[first + arm])
      actionShows[action] += 1
      actionPlays[action] += log.reward[i]
      total += log.reward[i]
      shows += 1
    }
    let globalMean = shows > 0 ? total / shows : 0
    var start = [Int](repeating: -1, count: cellSet.count)
    var predicted: [Double] = []
    for (cell, set) in cellSet.enumerated() where set >= 0 {
      let first = log.setStart[Int(set)]
      let arms = log.setStart[Int(set) + 1] - first
      let b = statistics.base(cell, arms: arms)
      start[cell] = predicted.count
      for i in 0..<arms {
        let n = statistics.pulls(b, arm: i)
        let action = Int(distinct[first + i])
        if n >= Self.minimumShows {
          predicted.append(statistics.rewards(b, arm: i) / n)
        } else if actionShows[action] >= Self.minimumShows {
          predicted.append(actionPlays[action] / actionShows[action])
        } else {
          predicted.append(globalMean)
        }
      }
    }
    self.start = start
    self.predicted = predicted
    self.globalMean = globalMean
  }

  /// The predicted reward of candidate `arm` (local index) of `decision`.
  @inline(__always)
  func prediction(_ decision: Decision, arm: Int) -> Double {
    let cell = decision.cell
    guard cell < start.count, start[cell] >= 0 else { return globalMean }
    return predicted[start[cell] + arm]
  }
}
