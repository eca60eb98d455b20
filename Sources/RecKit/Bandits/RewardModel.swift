/// The direct method's reward model, fitted on the whole log: the mean reward of an action in
/// a context cell when the cell has shown it at least `minimumShows` times; else the action's
/// mean over all cells (same threshold); else the log's mean reward.
struct RewardModel {
  static let minimumShows = 5.0

  private var cellStatistics = ArmStatistics()
  /// Each slot of the log's `actions` as a dense index over the distinct action ids.
  private let distinct: [Int32]
  /// Shows and plays of each distinct action over all cells.
  private var actionShows: [Double]
  private var actionPlays: [Double]
  private let globalMean: Double
  /// The arm set of each cell, as first seen; -1 for a cell no usable row shows.
  private var cellSet: [Int32] = []
  /// The prediction of every slot of `cellStatistics`.
  private var cached: [Double] = []

  init(log: BanditLog, cells: [Int32]) {
    var index: [Int32: Int32] = [:]
    distinct = log.actions.map { a in
      if let i = index[a] { return i }
      index[a] = Int32(index.count)
      return Int32(index.count - 1)
    }
    actionShows = [Double](repeating: 0, count: index.count)
    actionPlays = actionShows
    var total = 0.0
    var shows = 0.0
    for i in 0..<log.count where log.armSet[i] >= 0 && log.arm[i] >= 0 {
      let set = Int(log.armSet[i])
      let first = log.setStart[set]
      let arms = log.setStart[set + 1] - first
      let cell = Int(cells[i])
      if cell >= cellSet.count { cellSet.append(contentsOf: repeatElement(-1, count: cell + 1 - cellSet.count)) }
      if cellSet[cell] < 0 { cellSet[cell] = Int32(set) }
      let arm = Int(log.arm[i])
      cellStatistics.record(cell: cell, arms: arms, arm: arm, reward: log.reward[i])
      let action = Int(distinct[first + arm])
      actionShows[action] += 1
      actionPlays[action] += log.reward[i]
      total += log.reward[i]
      shows += 1
    }
    globalMean = shows > 0 ? total / shows : 0
    cache(log)
  }

  /// The predicted reward of candidate `arm` (local index) of `decision`.
  @inline(__always)
  mutating func prediction(_ decision: Decision, arm: Int) -> Double {
    let b = cellStatistics.base(decision.cell, arms: decision.actions.count)
    return b + arm < cached.count ? cached[b + arm] : globalMean
  }

  /// Fills `cached` for every slot of the cells the log shows.
  private mutating func cache(_ log: BanditLog) {
    var slotAction = [Int32](repeating: -1, count: cellStatistics.pulls.count)
    for (cell, set) in cellSet.enumerated() where set >= 0 {
      let first = log.setStart[Int(set)]
      let arms = log.setStart[Int(set) + 1] - first
      let b = cellStatistics.base(cell, arms: arms)
      for i in 0..<arms { slotAction[b + i] = distinct[first + i] }
    }
    cached = (0..<cellStatistics.pulls.count).map { slot in
      let n = cellStatistics.pulls[slot]
      if n >= Self.minimumShows { return cellStatistics.rewards[slot] / n }
      let action = slotAction[slot]
      let m = action >= 0 ? actionShows[Int(action)] : 0
      if m >= Self.minimumShows { return actionPlays[Int(action)] / m }
      return globalMean
    }
  }
}
