import CPrefetch

/// `greedy` (epsilon 0) and `epsilon_greedy(epsilon)`: the action with the highest mean reward
/// seen in its context cell (ties to the smallest action id, unseen actions scoring 0), and with
/// probability epsilon an action drawn uniformly instead.
///
/// Each cell's best arm is kept beside the statistics and brought up to date whenever the cell learns:
/// a decision reads four bytes per cell, which stay in the cache, instead of the cell's numbers,
/// which with hundreds of thousands of cells mostly do not.
struct EpsilonGreedyPolicy: BanditPolicy {
  let epsilon: Double
  var statistics: ArmStatistics
  /// The best arm of each cell seen so far (0 for a cell that has learnt nothing: every arm scores 0).
  private var best: [Int32] = []

  /// `counting`: whether the statistics may keep counts (`ArmStatistics.init(counting:)`).
  init(epsilon: Double, counting: Bool) {
    precondition((0...1).contains(epsilon), "epsilon outside 0...1")
    self.epsilon = epsilon
    statistics = ArmStatistics(counting: counting)
  }

  mutating func choose(_ decision: Decision, random: inout SeededRandom) -> Int {
    if epsilon > 0 && random.uniform() < epsilon { return random.below(decision.actions.count) }
    return bestArm(decision)
  }

  mutating func probabilities(
    _ decision: Decision, random: inout SeededRandom, into p: UnsafeMutableBufferPointer<Double>
  ) {
    let k = decision.actions.count
    for i in 0..<k { p[i] = epsilon / Double(k) }
    p[bestArm(decision)] += 1 - epsilon
  }

  mutating func update(_ decision: Decision, arm: Int, reward: Double) {
    if decision.cell >= best.count { best.append(contentsOf: repeatElement(0, count: decision.cell + 1 - best.count)) }
    best[decision.cell] = Int32(statistics.record(decision, arm: arm, reward: reward, best: Int(best[decision.cell])))
  }

  func prefetch(_ decision: Decision) {
    statistics.prefetch(decision)
    best.withUnsafeBufferPointer { p in if decision.cell < p.count { rec_prefetch_write(p.baseAddress! + decision.cell) } }
  }

  @inline(__always)
  private func bestArm(_ decision: Decision) -> Int {
    decision.cell < best.count ? Int(best[decision.cell]) : 0
  }
}
