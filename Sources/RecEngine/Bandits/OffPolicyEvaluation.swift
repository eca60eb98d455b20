/// One pass of `estimate` over a log for one policy: in the log's order the policy gives its
/// action probabilities for the row, then learns the logged reward (progressive validation:
/// each row is judged by the policy as it stood before that row), and the row's terms of every
/// estimator are added to its bootstrap block, its member's bucket (a row with no member is a
/// unit of its own, keyed by its position in the log).
package struct OffPolicyEvaluation {
  /// One estimate.
  package struct Estimate {
    package var estimator: OffPolicyEstimator
    package var value: Double
    package var low: Double
    package var high: Double
  }

  /// What a pass found.
  package struct Outcome {
    package var estimates: [Estimate]
    /// The true value of the policy on these rows, when the world behind the log is known.
    package var truth: Double?
    /// The rows judged (rows whose logged action is one of their candidates).
    var rows: Int
  }

  /// A row whose propensity cannot divide: its 0-based index and value.
  package struct BadPropensity: Error {
    package var row: Int
    package var value: Double
  }

  /// Rows per step when the truth is known: the truth of a step's candidates is found once for
  /// all the policies, by the workers a step leaves free, while the policies judge the step before.
  static let stepRows = 1 << 16
  /// Parts the truth of a step is found in, so that both cores can share it.
  private static let truthParts = 8

  /// `run` for every policy, the policies in parallel (each pass is independent of the others);
  /// the first failure in the policies' order is thrown.
  ///
  /// Each pass goes through the rows in order whatever the steps, so its sums are the ones a
  /// single pass over the log adds, on any number of cores.
  ///
  /// A stop asked of `cancellation` is seen between steps (every `stepRows` rows with the truth,
  /// every `stepRows` · 16 without): the outcomes are then partial.
  /// Importance weights above `clip` are cut to it; the intervals are found as `interval` says.
  /// `models` are the policies' reward models when fitted before (`RewardModel.fit`), else they
  /// are fitted here.
  package static func run(
    all policies: inout [PreparedPolicy], log: BanditLog, models: [RewardModel]? = nil, estimators: [OffPolicyEstimator],
    truth: CandidateTruth?, seed: UInt64, clip: Double = .infinity, interval: OffPolicyEstimator.Interval = .bootstrap,
    cancellation: Cancellation = .never
  ) throws(BadPropensity) -> [Outcome] {
    let models = models ?? RewardModel.fit(policies, log: log)
    let needsPropensity = estimators.contains { $0.needsPropensity }
    let width = max(log.widestArmSet, 1)
    var passes = models.map { model in
      Pass(
        log: log, model: model, propensity: needsPropensity, truth: truth != nil, width: width, seed: seed, clip: clip)
    }
    let step = truth == nil ? stepRows * 16 : stepRows
    // The truth of each candidate of a step's rows, `width` per row: one buffer is read while the
    // next step's is filled.
    var reading = [Double](repeating: 0, count: truth == nil ? 0 : step * width)
    var filling = reading
    if let truth {
      reading.withUnsafeMutableBufferPointer { r in
        fillTruth(r, rows: 0..<min(step, log.count), from: 0, width: width, log: log, truth: truth)
      }
    }
    for first in stride(from: 0, to: log.count, by: step) {
      if cancellation.isCancelled { break }
      let rows = first..<min(first + step, log.count)
      let next = rows.upperBound..<min(rows.upperBound + step, log.count)
      let parts = truth == nil || next.isEmpty ? 0 : truthParts
      let size = (next.count + parts - 1) / max(parts, 1)
      policies.withUnsafeMutableBufferPointer { ps in
        passes.withUnsafeMutableBufferPointer { passes in
          reading.withUnsafeBufferPointer { truths in
            filling.withUnsafeMutableBufferPointer { filling in
              inParallel(ps.count + parts) { j in
                if j < ps.count {
                  passes[j].rows = rows
                  passes[j].truths = truths
                  ps[j].run(&passes[j])
                } else if let truth {
                  let low = next.lowerBound + (j - ps.count) * size
                  fillTruth(
                    filling, rows: low..<min(low + size, next.upperBound), from: next.lowerBound, width: width,
                    log: log, truth: truth)
                }
              }
            }
          }
        }
      }
      swap(&reading, &filling)
    }
    var outcomes: [Outcome] = []
    for pass in passes {
      if let failure = pass.failure { throw failure }
      outcomes.append(pass.outcome(estimators, seed: seed, interval: interval))
    }
    return outcomes
  }

  static func run(
    _ prepared: inout PreparedPolicy, log: BanditLog, estimators: [OffPolicyEstimator], truth: CandidateTruth?, seed: UInt64
  ) throws(BadPropensity) -> Outcome {
    var policies = [prepared]
    defer { prepared = policies[0] }
    return try run(all: &policies, log: log, estimators: estimators, truth: truth, seed: seed)[0]
  }

  /// Writes the truth of the candidates of `rows` into `buffer`, row `i` at `(i − from) · width`.
  private static func fillTruth(
    _ buffer: UnsafeMutableBufferPointer<Double>, rows: Range<Int>, from: Int, width: Int, log: BanditLog, truth: CandidateTruth
  ) {
    for i in rows where log.armSet[i] >= 0 {
      let start = (i - from) * width
      truth(Int(log.member[i]), Int(log.title[i]), log.candidates(row: i), .init(rebasing: buffer[start..<start + width]))
    }
  }

  /// One policy's pass, a step of rows at a time: in the log's order the policy gives its action
  /// probabilities for the row, and the row's terms are added; a learning policy then learns the
  /// logged reward (progressive validation), a fixed one never changes.
  private struct Pass: PolicyWork {
    let log: BanditLog
    let model: RewardModel
    var random: SeededRandom
    var bootstrap: Bootstrap
    let propensity: [Double]?
    /// The largest importance weight kept.
    let clip: Double
    var truthTotal: Double?
    /// The most candidates of a row: the truth of a step's rows is `width` per row.
    let width: Int
    /// The rows of the step, and their candidates' truth (valid for the step).
    var rows = 0..<0
    var truths = UnsafeBufferPointer<Double>(start: nil, count: 0)
    /// The rows judged so far.
    var judged = 0
    var failure: BadPropensity?

    init(
      log: BanditLog, model: RewardModel, propensity needed: Bool, truth: Bool, width: Int, seed: UInt64, clip: Double
    ) {
      self.log = log
      self.clip = clip
      self.model = model
      random = SeededRandom(seed: seed, stream: 0)
      bootstrap = Bootstrap(width: OffPolicyEstimator.Sum.width)
      propensity = needed ? log.propensity : nil
      truthTotal = truth ? 0 : nil
      self.width = width
    }

    /// Judges the step's rows.
    mutating func run<P: BanditPolicy>(_ policy: inout P, of prepared: PreparedPolicy) {
      guard failure == nil else { return }
      let ahead = PreparedPolicy.prefetchDistance
      let pi = UnsafeMutableBufferPointer<Double>.allocate(capacity: width)
      defer { pi.deallocate() }
      for i in rows where log.armSet[i] >= 0 && log.arm[i] >= 0 {
        if i + ahead < log.count {
          prepared.prefetch(log, row: i + ahead, policy)
          if log.armSet[i + ahead] >= 0 { model.prefetch(prepared.decision(log, row: i + ahead)) }
        }
        let decision = prepared.decision(log, row: i)
        policy.probabilities(decision, random: &random, into: pi)
        let a = Int(log.arm[i])
        let r = log.reward[i]
        var w = 0.0
        if let propensity {
          let p = propensity[i]
          guard p > 0 && p.isFinite else {
            failure = BadPropensity(row: i, value: p)
            return
          }
          w = min(pi[a] / p, clip)
        }
        var direct = 0.0
        for j in 0..<decision.actions.count where pi[j] > 0 { direct += pi[j] * model.prediction(decision, arm: j) }
        let doublyRobust = direct + w * (r - model.prediction(decision, arm: a))
        var terms = SIMD8<Double>()
        terms[OffPolicyEstimator.Sum.rows] = 1
        terms[OffPolicyEstimator.Sum.weightedReward] = w * r
        terms[OffPolicyEstimator.Sum.weight] = w
        terms[OffPolicyEstimator.Sum.direct] = direct
        terms[OffPolicyEstimator.Sum.doublyRobust] = doublyRobust
        terms[OffPolicyEstimator.Sum.weightedRewardSquared] = w * r * w * r
        terms[OffPolicyEstimator.Sum.directSquared] = direct * direct
        terms[OffPolicyEstimator.Sum.doublyRobustSquared] = doublyRobust * doublyRobust
        bootstrap.add(terms, unit: log.member[i] >= 0 ? Int64(log.member[i]) : Int64(i))
        if var total = truthTotal {
          let t = (i - rows.lowerBound) * width
          for j in 0..<decision.actions.count where pi[j] > 0 { total += pi[j] * truths[t + j] }
          truthTotal = total
        }
        judged += 1
        if prepared.spec.learning { policy.update(decision, arm: a, reward: r) }
      }
    }

    /// The estimates and the truth over the rows judged.
    func outcome(_ estimators: [OffPolicyEstimator], seed: UInt64, interval: OffPolicyEstimator.Interval) -> Outcome {
      let totals = bootstrap.totals
      let intervals = interval == .normal
        ? estimators.map { $0.normalInterval(totals) }
        : bootstrap.intervals(seed: seed, estimators.map { e in { e.value($0) } })
      let estimates = zip(estimators, intervals).map { e, interval in
        Estimate(estimator: e, value: e.value(totals), low: interval.low, high: interval.high)
      }
      return Outcome(estimates: estimates, truth: truthTotal.flatMap { judged > 0 ? $0 / Double(judged) : nil }, rows: judged)
    }
  }
}
