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

  /// The model of each of `policies` over `log`, two workers to a policy: one counts the lower
  /// half of the cells and of the actions, the other the upper half. Each cell's and each
  /// action's sums are still added in the log's order, so the model is the one a single pass
  /// fits, whatever the number of cores.
  static func fit(_ policies: [PreparedPolicy], log: BanditLog) -> [RewardModel] {
    // Each slot of the log's `actions` as a dense index over the distinct action ids.
    var index: [Int32: Int32] = [:]
    let distinct = log.actions.map { a in
      if let i = index[a] { return i }
      index[a] = Int32(index.count)
      return Int32(index.count - 1)
    }
    var halves = [Half?](repeating: nil, count: 2 * policies.count)
    halves.withUnsafeMutableBufferPointer { halves in
      inParallel(halves.count) { j in
        halves[j] = Half(log: log, prepared: policies[j / 2], upper: j % 2 == 1, distinct: distinct, actions: index.count)
      }
    }
    return policies.indices.map { p in
      RewardModel(log: log, prepared: policies[p], halves: (halves[2 * p]!, halves[2 * p + 1]!), distinct: distinct)
    }
  }

  /// The sums over one half of the cells (those from `Half.split(cells)` on, for the upper half)
  /// and of the actions, over every usable row of the log.
  private struct Half {
    var statistics: ArmStatistics
    /// The arm set of each cell of the half; -1 for a cell no usable row shows.
    var cellSet: [Int32]
    var actionShows: [Double]
    var actionPlays: [Double]
    var total = 0.0
    var shows = 0.0

    static func split(_ count: Int) -> Int { count / 2 }

    init(log: BanditLog, prepared: PreparedPolicy, upper: Bool, distinct: [Int32], actions: Int) {
      statistics = ArmStatistics(counting: log.binaryRewards)
      let cells = prepared.cellSlots.count - 1
      cellSet = [Int32](repeating: -1, count: cells)
      actionShows = [Double](repeating: 0, count: actions)
      actionPlays = actionShows
      let (cellSplit, actionSplit) = (Self.split(cells), Self.split(actions))
      for i in 0..<log.count where log.armSet[i] >= 0 && log.arm[i] >= 0 {
        let set = Int(log.armSet[i])
        let first = log.setStart[set]
        let cell = Int(prepared.cells[i])
        let arm = Int(log.arm[i])
        let r = log.reward[i]
        total += r
        shows += 1
        if (cell >= cellSplit) == upper {
          cellSet[cell] = Int32(set)
          let b = statistics.base(cell: cell, slot: prepared.slots[i], arms: log.setStart[set + 1] - first)
          statistics.record(b, arm: arm, reward: r)
        }
        let action = Int(distinct[first + arm])
        if (action >= actionSplit) == upper {
          actionShows[action] += 1
          actionPlays[action] += r
        }
      }
    }
  }

  private init(log: BanditLog, prepared: PreparedPolicy, halves: (Half, Half), distinct: [Int32]) {
    let (lower, upper) = halves
    let cellSplit = Half.split(lower.cellSet.count)
    let actionSplit = Half.split(lower.actionShows.count)
    let actionShows = Array(lower.actionShows[..<actionSplit] + upper.actionShows[actionSplit...])
    let actionPlays = Array(lower.actionPlays[..<actionSplit] + upper.actionPlays[actionSplit...])
    let globalMean = lower.shows > 0 ? lower.total / lower.shows : 0
    var predicted = [Double](repeating: globalMean, count: prepared.cellSlots.last!)
    for (half, cells) in [(lower, 0..<cellSplit), (upper, cellSplit..<lower.cellSet.count)] {
      var statistics = half.statistics
      for cell in cells where half.cellSet[cell] >= 0 {
        let set = Int(half.cellSet[cell])
        let slot = prepared.cellSlots[cell]
        let first = log.setStart[set]
        let arms = log.setStart[set + 1] - first
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
    }
    self.predicted = predicted
  }

  /// The predicted reward of candidate `arm` (local index) of `decision`.
  @inline(__always)
  func prediction(_ decision: Decision, arm: Int) -> Double {
    predicted[decision.slot + arm]
  }
}
