/// One pass of `estimate` over a log for one policy: in the log's order the policy gives its
/// action probabilities for the row, then learns the logged reward (progressive validation:
/// each row is judged by the policy as it stood before that row), and the row's terms of every
/// estimator are added to its bootstrap block.
struct OffPolicyEvaluation {
  /// One estimate.
  struct Estimate {
    var estimator: OffPolicyEstimator
    var value: Double
    var low: Double
    var high: Double
  }

  /// What a pass found.
  struct Outcome {
    var estimates: [Estimate]
    /// The true value of the policy on these rows, when the world behind the log is known.
    var truth: Double?
    /// The rows judged (rows whose logged action is one of their candidates).
    var rows: Int
  }

  /// A row whose propensity cannot divide: its 0-based index and value.
  struct BadPropensity: Error {
    var row: Int
    var value: Double
  }

  /// `run` for every policy, the policies in parallel (each pass is independent of the others);
  /// the first failure in the policies' order is thrown. `truth` is called from several threads.
  static func run(
    all policies: inout [PreparedPolicy], log: BanditLog, estimators: [OffPolicyEstimator],
    truth: ((Int, Int, Int) -> Double)?, seed: UInt64
  ) throws(BadPropensity) -> [Outcome] {
    let models = RewardModel.fit(policies, log: log)
    let results = PreparedPolicy.parallelMap(&policies) { i, prepared in
      Result { () throws(BadPropensity) in
        try run(&prepared, model: models[i], log: log, estimators: estimators, truth: truth, seed: seed)
      }
    }
    return try results.map { result throws(BadPropensity) in try result.get() }
  }

  static func run(
    _ prepared: inout PreparedPolicy, log: BanditLog, estimators: [OffPolicyEstimator],
    truth: ((Int, Int, Int) -> Double)?, seed: UInt64
  ) throws(BadPropensity) -> Outcome {
    let model = RewardModel.fit([prepared], log: log)[0]
    return try run(&prepared, model: model, log: log, estimators: estimators, truth: truth, seed: seed)
  }

  /// The pass itself, with the reward model fitted for the policy's cells.
  private static func run(
    _ prepared: inout PreparedPolicy, model: RewardModel, log: BanditLog, estimators: [OffPolicyEstimator],
    truth: ((Int, Int, Int) -> Double)?, seed: UInt64
  ) throws(BadPropensity) -> Outcome {
    var random = SeededRandom(seed: seed, stream: 0)
    let propensity = estimators.contains { $0.needsPropensity } ? log.propensity : nil
    var bootstrap = Bootstrap(rows: log.count, width: OffPolicyEstimator.Sum.width)
    let pi = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(log.widestArmSet, 1))
    defer { pi.deallocate() }
    var truthTotal = 0.0
    var rows = 0
    for i in 0..<log.count where log.armSet[i] >= 0 && log.arm[i] >= 0 {
      let decision = prepared.decision(log, row: i)
      prepared.policy.probabilities(decision, random: &random, into: pi)
      let a = Int(log.arm[i])
      let r = log.reward[i]
      var w = 0.0
      if let propensity {
        let p = propensity[i]
        guard p > 0 && p.isFinite else { throw BadPropensity(row: i, value: p) }
        w = pi[a] / p
      }
      var direct = 0.0
      for j in 0..<decision.actions.count where pi[j] > 0 { direct += pi[j] * model.prediction(decision, arm: j) }
      let block = bootstrap.block(of: i)
      bootstrap.add(1, to: OffPolicyEstimator.Sum.rows, block: block)
      bootstrap.add(w * r, to: OffPolicyEstimator.Sum.weightedReward, block: block)
      bootstrap.add(w, to: OffPolicyEstimator.Sum.weight, block: block)
      bootstrap.add(direct, to: OffPolicyEstimator.Sum.direct, block: block)
      bootstrap.add(
        direct + w * (r - model.prediction(decision, arm: a)), to: OffPolicyEstimator.Sum.doublyRobust, block: block)
      if let truth {
        let member = Int(log.member[i])
        let title = Int(log.title[i])
        for (j, action) in decision.actions.enumerated() where pi[j] > 0 {
          truthTotal += pi[j] * truth(member, title, Int(action))
        }
      }
      rows += 1
      prepared.policy.update(decision, arm: a, reward: r)
    }
    let totals = bootstrap.totals
    let intervals = bootstrap.intervals(seed: seed, estimators.map { e in { e.value($0) } })
    let estimates = zip(estimators, intervals).map { e, interval in
      Estimate(estimator: e, value: e.value(totals), low: interval.low, high: interval.high)
    }
    return Outcome(estimates: estimates, truth: truth != nil && rows > 0 ? truthTotal / Double(rows) : nil, rows: rows)
  }
}
