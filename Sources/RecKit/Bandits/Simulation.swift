/// `simulate P, … on artwork for N impressions seed S`: the policies play online against the
/// demo world's true take probabilities.
///
/// Every policy answers the same stream of requests: rows drawn uniformly (seeded) from the
/// logged impressions, each a member, a title and its context. The reward of request t is
/// `u_t < p(member, title, artwork)` with one uniform `u_t` per request shared by all policies
/// (common random numbers), and regret is expected regret: the best artwork's true take
/// probability minus the chosen one's, summed.
struct Simulation {
  /// One policy's totals and its curves at the checkpoints.
  struct Outcome {
    var name: String
    var impressions = 0
    var plays = 0
    var regret = 0.0
    /// (impressions so far, take fraction so far, regret so far) at each checkpoint.
    var curve: [(x: Double, takeFraction: Double, regret: Double)] = []
  }

  /// The number of points on each curve.
  static let checkpoints = 100

  static func run(
    _ policies: inout [PreparedPolicy], log: BanditLog, truth: (Int, Int, Int) -> Double, impressions: Int,
    seed: UInt64, interrupted: () -> Bool
  ) -> [Outcome] {
    var requests = SeededRandom(seed: seed, stream: 0)
    var randoms = policies.indices.map { SeededRandom(seed: seed, stream: UInt64($0) + 1) }
    var outcomes = policies.map { Outcome(name: $0.name) }
    let usable = (0..<log.count).filter { log.armSet[$0] >= 0 }
    guard !usable.isEmpty else { return outcomes }
    let step = max(1, impressions / checkpoints)
    var p: [Double] = []
    for t in 1...max(impressions, 1) where impressions > 0 {
      if t % 4096 == 0 && interrupted() { break }
      let row = usable[requests.below(usable.count)]
      let u = requests.uniform()
      let actions = log.candidates(row: row)
      let member = Int(log.member[row])
      let title = Int(log.title[row])
      p = actions.map { truth(member, title, Int($0)) }
      let best = p.max() ?? 0
      for i in policies.indices {
        let decision = policies[i].decision(log, row: row)
        let arm = policies[i].policy.choose(decision, random: &randoms[i])
        let reward = u < p[arm] ? 1.0 : 0
        policies[i].policy.update(decision, arm: arm, reward: reward)
        outcomes[i].impressions += 1
        outcomes[i].plays += Int(reward)
        outcomes[i].regret += best - p[arm]
        if t % step == 0 || t == impressions {
          let o = outcomes[i]
          outcomes[i].curve.append((Double(t), Double(o.plays) / Double(t), o.regret))
        }
      }
    }
    return outcomes
  }
}
