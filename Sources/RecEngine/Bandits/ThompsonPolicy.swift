/// `thompson(prior: beta(a, b))`: Beta–Bernoulli Thompson sampling per context cell. Each action's
/// take rate has the posterior Beta(a + plays, b + shows − plays); the action with the largest
/// draw is chosen (ties to the smallest id).
///
/// A cell's probabilities depend on its counts alone, so a policy that does not learn while it is
/// judged (`caching`) finds them once per cell, exactly (`BetaMax`) — a 10M-row log of a few
/// hundred thousand cells costs that many integrals, not 10M. A learner's cell changes with every
/// row it learns, so its probabilities are counted from `draws` draws of the row; so are a fixed
/// policy's when its prior has a parameter below 1, where the integral's rule does not hold.
package struct ThompsonPolicy: BanditPolicy {
  let a: Double
  let b: Double
  /// Draws behind each `probabilities` answer.
  let draws: Int
  var statistics: ArmStatistics
  /// Whether probabilities are kept per cell until it learns.
  let caching: Bool
  /// Each cell's probabilities, laid out cell after cell at the cell's `Decision.slot` (one
  /// flat array: a lookup per judged row is then a copy of a few numbers, not an array's).
  private var cached: [Double] = []
  /// Whether a cell's probabilities in `cached` are found, by its dense id; false again after it learns.
  private var found: [Bool] = []

  /// `counting`: whether the statistics may keep counts (`ArmStatistics.init(counting:)`).
  init(a: Double, b: Double, draws: Int, counting: Bool, caching: Bool = false) {
    precondition(a > 0 && b > 0 && draws > 0, "invalid Thompson prior")
    self.a = a
    self.b = b
    self.draws = draws
    self.caching = caching
    statistics = ArmStatistics(counting: counting)
  }

  /// Whether probabilities are integrals rather than counts of draws.
  private var exact: Bool { caching && a >= 1 && b >= 1 }

  package var monteCarloDraws: Int? { exact ? nil : draws }

  package mutating func choose(_ decision: Decision, random: inout SeededRandom) -> Int {
    let k = decision.actions.count
    let base = statistics.base(decision)
    var best = 0
    var bestDraw = -1.0
    for i in 0..<k {
      let n = statistics.pulls(base, arm: i)
      let s = statistics.rewards(base, arm: i)
      let x = random.beta(a + s, b + n - s)
      if x > bestDraw {
        best = i
        bestDraw = x
      }
    }
    return best
  }

  package mutating func probabilities(
    _ decision: Decision, random: inout SeededRandom, into p: UnsafeMutableBufferPointer<Double>
  ) {
    let k = decision.actions.count
    if caching, decision.cell < found.count, found[decision.cell] {
      cached.withUnsafeBufferPointer { for i in 0..<k { p[i] = $0[decision.slot + i] } }
      return
    }
    if !exact || !exactProbabilities(decision, into: p) {
      sampledProbabilities(decision, draws: draws, random: &random, into: p)
    }
    if caching {
      if decision.cell >= found.count { found += repeatElement(false, count: decision.cell + 1 - found.count) }
      if decision.slot + k > cached.count { cached += repeatElement(0, count: decision.slot + k - cached.count) }
      for i in 0..<k { cached[decision.slot + i] = p[i] }
      found[decision.cell] = true
    }
  }

  /// P(each action's posterior draw is the largest), by `BetaMax`; false when its rule fails.
  private mutating func exactProbabilities(_ decision: Decision, into p: UnsafeMutableBufferPointer<Double>) -> Bool {
    Self.exactProbabilities(statistics, base: statistics.base(decision), prior: (a, b), into: p)
  }

  /// The same for the cell whose numbers start at `base`, with `p.count` actions.
  private static func exactProbabilities(
    _ statistics: ArmStatistics, base: Int, prior: (a: Double, b: Double), into p: UnsafeMutableBufferPointer<Double>
  ) -> Bool {
    let k = p.count
    var alpha = [Double](repeating: 0, count: k)
    var beta = [Double](repeating: 0, count: k)
    for i in 0..<k {
      let n = statistics.pulls(base, arm: i)
      let s = statistics.rewards(base, arm: i)
      alpha[i] = prior.a + s
      beta[i] = prior.b + n - s
    }
    return BetaMax.probabilities(alpha: alpha, beta: beta, into: p)
  }

  /// A fixed policy with exact probabilities finds every cell's at once, the cells shared among
  /// the cores: a pass over a log then only reads them, and a log of many cells does not wait on
  /// one core's integrals. A cell whose integral's rule fails is left to be counted from draws
  /// when a pass first meets it, as before.
  package mutating func settle(cellSlots: [Int]) {
    let cells = cellSlots.count - 1
    // A policy kept from an earlier statement has found them already.
    guard exact, cells > 0, found.isEmpty else { return }
    // Storage up to the last cell, so that every cell's numbers can be read (a cell no row
    // trained has counts of 0).
    _ = statistics.base(cell: cells - 1, slot: cellSlots[cells - 1], arms: cellSlots[cells] - cellSlots[cells - 1])
    var values = [Double](repeating: 0, count: cellSlots[cells])
    var done = [Bool](repeating: false, count: cells)
    let statistics = self.statistics
    let prior = (a, b)
    let parts = min(cells, 64)
    values.withUnsafeMutableBufferPointer { values in
      done.withUnsafeMutableBufferPointer { done in
        inParallel(parts) { part in
          for cell in stride(from: part, to: cells, by: parts) {
            let slot = cellSlots[cell]
            done[cell] = Self.exactProbabilities(
              statistics, base: ArmStatistics.start(cell: cell, slot: slot), prior: prior,
              into: .init(rebasing: values[slot..<cellSlots[cell + 1]]))
          }
        }
      }
    }
    cached = values
    found = done
  }

  package func prefetch(_ decision: Decision) {
    statistics.prefetch(decision)
  }

  package mutating func update(_ decision: Decision, arm: Int, reward: Double) {
    statistics.record(decision, arm: arm, reward: reward)
    if caching, decision.cell < found.count { found[decision.cell] = false }
  }
}
