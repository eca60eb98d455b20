/// The direct method's reward model, fitted on the whole log: the mean reward of an action in
/// a context cell when the cell has shown it at least `minimumShows` times; else the action's
/// mean over all cells (same threshold); else the log's mean reward.
struct RewardModel {
  static let minimumShows = 5.0

  private var cellStatistics = ArmStatistics()
  private var actionShows: [Int32: Double] = [:]
  private var actionPlays: [Int32: Double] = [:]
  private let globalMean: Double

  init(log: BanditLog, cells: [Int32]) {
    var total = 0.0
    var shows = 0.0
    for i in 0..<log.count where log.armSet[i] >= 0 && log.arm[i] >= 0 {
      let actions = log.candidates(row: i)
      cellStatistics.record(cell: Int(cells[i]), arms: actions.count, arm: Int(log.arm[i]), reward: log.reward[i])
      let action = actions[actions.startIndex + Int(log.arm[i])]
      actionShows[action, default: 0] += 1
      actionPlays[action, default: 0] += log.reward[i]
      total += log.reward[i]
      shows += 1
    }
    globalMean = shows > 0 ? total / shows : 0
  }

  /// The predicted reward of each candidate of `decision`, in local order.
  mutating func predictions(_ decision: Decision) -> [Double] {
    let b = cellStatistics.base(decision.cell, arms: decision.actions.count)
    return decision.actions.enumerated().map { i, action in
      let n = cellStatistics.pulls[b + i]
      if n >= Self.minimumShows { return cellStatistics.rewards[b + i] / n }
      let m = actionShows[action] ?? 0
      if m >= Self.minimumShows { return actionPlays[action]! / m }
      return globalMean
    }
  }
}
