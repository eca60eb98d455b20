/// The direct method's reward model, fitted on the whole log: the mean reward of an action in
/// a context cell when the cell has shown it at least `minimumShows` times; else the action's
/// mean over all cells (same threshold); else the log's mean reward. A cell no usable row shows
/// predicts the log's mean reward for every action.
///
/// Predictions lie cell after cell, a cell's arms at its `Decision.slot`: a row's predictions
/// are one read away from the row's own numbers.
package struct RewardModel {
  static let minimumShows = 5.0

  private let predicted: [Double]

  /// Cells beyond which a model is fitted by two workers: below it a cell's sums stay in the cache
  /// and one pass is quicker than two.
  static let splitCells = 1 << 16

  /// The model of each of `policies` over `log`. When every reward is 0 or 1 each policy gets two
  /// workers, each counting half of the rows, and their counts are added: counts are exact in
  /// any order. Otherwise a policy with more than `splitCells` cells gets two workers: one
  /// counts the lower half of the cells and of the actions, the other the upper half, each
  /// cell's and each action's sums still added in the log's order. Either way the model is the
  /// one a single pass fits, whatever the number of workers or cores.
  package static func fit(_ policies: [PreparedPolicy], log: BanditLog, splitCells: Int = splitCells) -> [RewardModel] {
    // Each slot of the log's `actions` as a dense index over the distinct action ids.
    var index: [Int32: Int32] = [:]
    let distinct = log.actions.map { a in
      if let i = index[a] { return i }
      index[a] = Int32(index.count)
      return Int32(index.count - 1)
    }
    let actions = index.count
    // (policy, cells, actions, rows) of each worker's part.
    var jobs: [(policy: Int, cells: Range<Int>, actions: Range<Int>, rows: Range<Int>)] = []
    let rows = 0..<log.count
    for (p, prepared) in policies.enumerated() {
      let cells = prepared.cellSlots.count - 1
      if log.binaryRewards {
        jobs.append((p, 0..<cells, 0..<actions, 0..<log.count / 2))
        jobs.append((p, 0..<cells, 0..<actions, log.count / 2..<log.count))
      } else if cells > splitCells {
        jobs.append((p, 0..<cells / 2, 0..<actions / 2, rows))
        jobs.append((p, cells / 2..<cells, actions / 2..<actions, rows))
      } else {
        jobs.append((p, 0..<cells, 0..<actions, rows))
      }
    }
    var parts = [Part?](repeating: nil, count: jobs.count)
    parts.withUnsafeMutableBufferPointer { parts in
      inParallel(parts.count) { j in
        let job = jobs[j]
        parts[j] = Part(
          log: log, prepared: policies[job.policy], cells: job.cells, actions: job.actions, rows: job.rows,
          distinct: distinct)
      }
    }
    return policies.indices.map { p in
      var own = jobs.indices.filter { jobs[$0].policy == p }.map { parts[$0]! }
      if log.binaryRewards {
        var counted = own.dropFirst().reduce(into: own[0]) { $0.add($1) }
        counted.countActions(log: log, prepared: policies[p], distinct: distinct)
        own = [counted]
      }
      return RewardModel(log: log, prepared: policies[p], parts: own, distinct: distinct)
    }
  }

  /// The sums over a range of the cells and of the actions, over the usable rows of a range of the log.
  private struct Part {
    var statistics: ArmStatistics
    let cells: Range<Int>
    let actions: Range<Int>
    /// The arm set of each cell (by cell id); -1 for a cell of the range no usable row shows.
    var cellSet: [Int32]
    /// Shows and plays of each action (by dense index) of the range.
    var actionShows: [Double]
    var actionPlays: [Double]
    var total = 0.0
    var shows = 0.0

    init(
      log: BanditLog, prepared: PreparedPolicy, cells: Range<Int>, actions: Range<Int>, rows: Range<Int>,
      distinct: [Int32]
    ) {
      statistics = ArmStatistics(counting: log.binaryRewards)
      self.cells = cells
      self.actions = actions
      cellSet = [Int32](repeating: -1, count: cells.upperBound)
      actionShows = [Double](repeating: 0, count: actions.upperBound)
      actionPlays = actionShows
      let ahead = PreparedPolicy.prefetchDistance
      for i in rows where log.armSet[i] >= 0 && log.arm[i] >= 0 {
        prepared.prefetchSlot(row: i + 2 * ahead)
        if i + ahead < rows.upperBound, cells.contains(Int(prepared.cells[i + ahead])), log.armSet[i + ahead] >= 0 {
          statistics.prefetch(prepared.decision(log, row: i + ahead))
        }
        let set = Int(log.armSet[i])
        let first = log.setStart[set]
        let cell = Int(prepared.cells[i])
        let arm = Int(log.arm[i])
        let r = log.reward[i]
        total += r
        shows += 1
        if cells.contains(cell) {
          cellSet[cell] = Int32(set)
          let b = statistics.base(cell: cell, slot: prepared.slot(row: i), arms: log.setStart[set + 1] - first)
          statistics.record(b, arm: arm, reward: r)
        }
        // Counts of an action are the sums of its cells' counts, found once per cell at the end.
        guard !log.binaryRewards else { continue }
        let action = Int(distinct[first + arm])
        if actions.contains(action) {
          actionShows[action] += 1
          actionPlays[action] += r
        }
      }
    }

    /// Each action's shows and plays as the sums of its cells' counts, which are exact in any
    /// order; for a part that kept counts and left the actions out of its pass over the rows.
    mutating func countActions(log: BanditLog, prepared: PreparedPolicy, distinct: [Int32]) {
      for cell in cells where cellSet[cell] >= 0 {
        let set = Int(cellSet[cell])
        let first = log.setStart[set]
        let arms = log.setStart[set + 1] - first
        let b = statistics.base(cell: cell, slot: prepared.cellSlots[cell], arms: arms)
        for i in 0..<arms {
          let action = Int(distinct[first + i])
          actionShows[action] += statistics.pulls(b, arm: i)
          actionPlays[action] += statistics.rewards(b, arm: i)
        }
      }
    }

    /// Adds the sums of `other`, a part over the same cells and actions and other rows, when
    /// they are counts (rewards of 0 or 1), which add up exactly in any order.
    mutating func add(_ other: Part) {
      statistics.add(other.statistics)
      for c in cellSet.indices where cellSet[c] < 0 { cellSet[c] = other.cellSet[c] }
      for a in actionShows.indices {
        actionShows[a] += other.actionShows[a]
        actionPlays[a] += other.actionPlays[a]
      }
      total += other.total
      shows += other.shows
    }
  }

  /// The model from the parts of one policy, which cover its cells and the actions in order.
  private init(log: BanditLog, prepared: PreparedPolicy, parts: [Part], distinct: [Int32]) {
    let actionShows = parts.flatMap { $0.actionShows[$0.actions] }
    let actionPlays = parts.flatMap { $0.actionPlays[$0.actions] }
    let globalMean = parts[0].shows > 0 ? parts[0].total / parts[0].shows : 0
    var predicted = [Double](repeating: globalMean, count: prepared.cellSlots.last!)
    for part in parts {
      var statistics = part.statistics
      for cell in part.cells where part.cellSet[cell] >= 0 {
        let set = Int(part.cellSet[cell])
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

  /// Starts bringing in the predictions of `decision`'s candidates, a few rows ahead: all their
  /// cache lines, since a cell's predictions often straddle two.
  @inline(__always)
  func prefetch(_ decision: Decision) {
    predicted.withUnsafeBufferPointer { prefetchRead($0, decision.slot, decision.actions.count) }
  }

  /// The predicted reward of candidate `arm` (local index) of `decision`.
  @inline(__always)
  func prediction(_ decision: Decision, arm: Int) -> Double {
    predicted[decision.slot + arm]
  }
}
