/// The direct method's reward model, fitted on the whole log: the mean reward of an action in
/// a context cell when the cell has shown it at least `minimumShows` times; else the action's
/// mean over all cells (same threshold); else the log's mean reward. A cell no usable row shows
/// predicts the log's mean reward for every action.
///
/// Predictions lie cell after cell, a cell's arms at its `Decision.slot`: a row's predictions
/// are one read away from the row's own numbers.
struct RewardModel {
  static let minimumShows = 5.0

  private let predicted: [Double]

  /// The model over `log` for the cells of `prepared`.
  init(log: BanditLog, prepared: PreparedPolicy) {
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
    // The arm set of each cell; -1 for a cell no usable row shows.
    var cellSet = [Int32](repeating: -1, count: prepared.cellSlots.count - 1)
    var total = 0.0
    var shows = 0.0
    for i in 0..<log.count where log.armSet[i] >= 0 && log.arm[i] >= 0 {
      let set = Int(log.armSet[i])
      let first = log.setStart[set]
      let cell = Int(prepared.cells[i])
      cellSet[cell] = Int32(set)
      let arm = Int(log.arm[i])
      let b = statistics.base(cell: cell, slot: prepared.slots[i], arms: log.setStart[set + 1] - first)
      statistics.record(b, arm: arm, reward: log.reward[i])
      let action = Int(distinct[first + arm])
      actionShows[action] += 1
      actionPlays[action] += log.reward[i]
      total += log.reward[i]
      shows += 1
    }
    let globalMean = shows > 0 ? total / shows : 0
    var predicted = [Double](repeating: globalMean, count: prepared.cellSlots.last!)
    for (cell, set) in cellSet.enumerated() where set >= 0 {
      let slot = prepared.cellSlots[cell]
      let first = log.setStart[Int(set)]
      let arms = log.setStart[Int(set) + 1] - first
      let b = statistics.base(cell: cell, slot: slot, arms: arms)
      for i in 0..<arms {
        let n = statistics.pulls(b, arm: i)
        let action = Int(distinct[first + i])
        if n >= Self.minimumShows {
          predicted[slot + i] = statistics.rewards(b, arm: i) / n
        } else if actionShows[action] >= Self.minimumShows {
          predicted[slot + i] = actionPlays[action] / actionShows[action]
        }
      }
    }
    self.predicted = predicted
  }

  /// The predicted reward of candidate `arm` (local index) of `decision`.
  @inline(__always)
  func prediction(_ decision: Decision, arm: Int) -> Double {
    predicted[decision.slot + arm]
  }
}
