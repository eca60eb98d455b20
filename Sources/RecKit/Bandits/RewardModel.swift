/// The direct method's reward model, fitted on the whole log: the mean reward of an action in
/// a context cell when the cell has shown it at least `minimumShows` times; else the action's
/// mean over all cells (same threshold); else the log's mean reward.
struct RewardModel {
  static let minimumShows = 5.0

  private var cellStatistics = ArmStatistics()
  private var actionShows: [Int32: Double] = [:]
  private var actionPlays: [Int32: Double] = [:]
  private let globalMean: Double
  /// The candidates of each cell, as first seen.
  private var cellActions: [ArraySlice<Int32>] = []
  /// The prediction of every slot of `cellStatistics`.
  private var cached: [Double] = []

  init(log: BanditLog, cells: [Int32]) {
    var total = 0.0
    var shows = 0.0
    for i in 0..<log.count where log.armSet[i] >= 0 && log.arm[i] >= 0 {
      let actions = log.candidates(row: i)
      let cell = Int(cells[i])
      if cell >= cellActions.count { cellActions.append(contentsOf: repeatElement([], count: cell + 1 - cellActions.count)) }
      if cellActions[cell].isEmpty { cellActions[cell] = actions }
      cellStatistics.record(cell: Int(cells[i]), arms: actions.count, arm: Int(log.arm[i]), reward: log.reward[i])
      let action = actions[actions.startIndex + Int(log.arm[i])]
      actionShows[action, default: 0] += 1
      actionPlays[action, default: 0] += log.reward[i]
      total += log.reward[i]
      shows += 1
    }
    globalMean = shows > 0 ? total / shows : 0
    cache()
  }

  /// The predicted reward of candidate `arm` (local index) of `decision`.
  @inline(__always)
  mutating func prediction(_ decision: Decision, arm: Int) -> Double {
    let b = cellStatistics.base(decision.cell, arms: decision.actions.count)
    if b + arm >= cached.count { cache() }
    return cached[b + arm]
  }

  /// Fills `cached` for every slot allocated so far.
  private mutating func cache() {
    var slotAction: [Int32] = []
    slotAction.reserveCapacity(cellStatistics.pulls.count)
    for (cell, actions) in cellActions.enumerated() {
      let b = cellStatistics.base(cell, arms: actions.count)
      if b >= slotAction.count { slotAction.append(contentsOf: repeatElement(-1, count: b + actions.count - slotAction.count)) }
      for (i, a) in actions.enumerated() { slotAction[b + i] = a }
    }
    cached = (0..<cellStatistics.pulls.count).map { slot in
      let n = cellStatistics.pulls[slot]
      if n >= Self.minimumShows { return cellStatistics.rewards[slot] / n }
      let action = slot < slotAction.count ? slotAction[slot] : -1
      let m = actionShows[action] ?? 0
      if m >= Self.minimumShows { return actionPlays[action]! / m }
      return globalMean
    }
  }
}
