/// `logged`: the logging policy, known through the propensities of a log. On a logged row it
/// picks the logged action; elsewhere it gives each action the propensity recorded for it in
/// the row's arm set, spreading the rest evenly over actions the log never showed there.
struct LoggedPolicy: BanditPolicy {
  /// The logged action (local index) and propensity of each row; nil rows are not logged.
  let loggedArm: [Int32]
  let propensity: [Double]
  /// The probability of each action of each arm set, by arm-set id then local index.
  let spread: [[Double]]
  /// The arm set of each row.
  let armSet: [Int32]

  /// The policy of a log whose `recorded` propensities are the mean propensity of each
  /// (arm set, action) it shows, nil where never shown.
  init(loggedArm: [Int32], propensity: [Double], recorded: [[Double?]], armSet: [Int32]) {
    self.loggedArm = loggedArm
    self.propensity = propensity
    self.armSet = armSet
    spread = recorded.map { known in
      let mass = known.reduce(0) { $0 + ($1 ?? 0) }
      let unseen = known.filter { $0 == nil }.count
      let rest = unseen > 0 ? max(0, 1 - mass) / Double(unseen) : 0
      return known.map { $0 ?? rest }
    }
  }

  func choose(_ decision: Decision, random: inout SeededRandom) -> Int {
    if decision.row < loggedArm.count, loggedArm[decision.row] >= 0 { return Int(loggedArm[decision.row]) }
    var p = [Double](repeating: 0, count: decision.actions.count)
    p.withUnsafeMutableBufferPointer { probabilities(decision, random: &random, into: $0) }
    var r = random.uniform()
    for (i, pi) in p.enumerated() {
      r -= pi
      if r < 0 { return i }
    }
    return p.count - 1
  }

  func probabilities(_ decision: Decision, random: inout SeededRandom, into p: UnsafeMutableBufferPointer<Double>) {
    let k = decision.actions.count
    let set = decision.row < armSet.count ? Int(armSet[decision.row]) : -1
    if set >= 0 && set < spread.count && spread[set].count == k {
      for i in 0..<k { p[i] = spread[set][i] }
    } else {
      for i in 0..<k { p[i] = 1 / Double(k) }
    }
  }

  func update(_ decision: Decision, arm: Int, reward: Double) {}
}
