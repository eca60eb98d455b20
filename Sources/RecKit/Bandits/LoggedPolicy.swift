/// `logged`: the logging policy, known through the propensities of a log. On a logged row it
/// picks the logged action; elsewhere it gives each action the propensity recorded for it in
/// the row's arm set, spreading the rest evenly over actions the log never showed there.
struct LoggedPolicy: BanditPolicy {
  /// The logged action (local index) and propensity of each row; nil rows are not logged.
  let loggedArm: [Int32]
  let propensity: [Double]
  /// The mean propensity of each (arm set, action) the log shows, by arm-set id then local index.
  let recorded: [[Double?]]
  /// The arm set of each row.
  let armSet: [Int32]

  func choose(_ decision: Decision, random: inout SeededRandom) -> Int {
    if decision.row < loggedArm.count, loggedArm[decision.row] >= 0 { return Int(loggedArm[decision.row]) }
    let p = probabilities(decision, random: &random)
    var r = random.uniform()
    for (i, pi) in p.enumerated() {
      r -= pi
      if r < 0 { return i }
    }
    return p.count - 1
  }

  func probabilities(_ decision: Decision, random: inout SeededRandom) -> [Double] {
    let k = decision.actions.count
    let set = decision.row < armSet.count ? Int(armSet[decision.row]) : -1
    let known = set >= 0 && set < recorded.count ? recorded[set] : []
    guard known.count == k else { return [Double](repeating: 1 / Double(k), count: k) }
    let mass = known.reduce(0) { $0 + ($1 ?? 0) }
    let unseen = known.filter { $0 == nil }.count
    let rest = unseen > 0 ? max(0, 1 - mass) / Double(unseen) : 0
    return known.map { $0 ?? rest }
  }

  func update(_ decision: Decision, arm: Int, reward: Double) {}
}
