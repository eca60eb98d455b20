/// `simulate P, … on artwork for N impressions seed S`: the policies play online against the
/// demo world's true take probabilities.
///
/// Every policy answers the same stream of requests: rows drawn uniformly (seeded) from the
/// logged impressions, each a member, a title and its context. The reward of request t is
/// `u_t < p(member, title, artwork)` with one uniform `u_t` per request shared by all policies
/// (common random numbers), and regret is expected regret: the best artwork's true take
/// probability minus the chosen one's, summed.
///
/// The stream is drawn a batch at a time, with the true probabilities of its candidates; the
/// policies play a batch in parallel, each with its own generator, while the next batch is drawn
/// beside them, so the figures do not depend on the number of cores or on the order the jobs run.
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
  /// Requests per batch: between batches the run checks for an interruption.
  static let batchSize = 16_384

  /// A batch of requests: request j asks about `row[j]` with uniform `u[j]`; its candidates'
  /// true take probabilities are `p[pStart[j] ..< pStart[j + 1]]`, the best of them `best[j]`.
  private struct Batch {
    var first = 0
    var row: [Int] = []
    var u: [Double] = []
    var pStart: [Int] = [0]
    var p: [Double] = []
    var best: [Double] = []

    /// Refills the batch with the `count` requests that follow request `first`, drawn from
    /// `usable` rows by `requests`.
    mutating func draw(
      first: Int, count: Int, requests: inout SeededRandom, usable: [Int], log: BanditLog,
      truth: OffPolicyEvaluation.Truth
    ) {
      self.first = first
      row.removeAll(keepingCapacity: true)
      u.removeAll(keepingCapacity: true)
      pStart.removeLast(pStart.count - 1)
      p.removeAll(keepingCapacity: true)
      best.removeAll(keepingCapacity: true)
      for _ in 0..<count {
        let r = usable[requests.below(usable.count)]
        row.append(r)
        u.append(requests.uniform())
        let candidates = log.candidates(row: r)
        let start = p.count
        p.append(contentsOf: repeatElement(0, count: candidates.count))
        p.withUnsafeMutableBufferPointer {
          truth(Int(log.member[r]), Int(log.title[r]), candidates, .init(rebasing: $0[start...]))
        }
        pStart.append(p.count)
        best.append(p[start...].reduce(-Double.infinity, max))
      }
    }
  }

  /// A policy's generator and totals as it plays.
  private struct Player {
    var random: SeededRandom
    var outcome: Outcome
  }

  /// A player's play of one batch, as a policy's work.
  private struct Play: PolicyWork {
    var player: Player
    let batch: Batch
    let log: BanditLog
    let step: Int
    let impressions: Int

    /// Plays the batch, request by request. The requests are rows in no order, so each is
    /// prefetched in three steps as the play comes nearer: the row's cell, then the cell's slot,
    /// then the state.
    mutating func run<P: BanditPolicy>(_ policy: inout P, of prepared: PreparedPolicy) {
      let ahead = PreparedPolicy.prefetchDistance / 2
      let count = batch.row.count
      for j in batch.row.indices {
        if j + 3 * ahead < count { prepared.prefetchRow(log, row: batch.row[j + 3 * ahead], policy) }
        if j + 2 * ahead < count { prepared.prefetchSlot(row: batch.row[j + 2 * ahead]) }
        if j + ahead < count { prepared.prefetchState(log, row: batch.row[j + ahead], policy) }
        let t = batch.first + j + 1
        let decision = prepared.decision(log, row: batch.row[j])
        let arm = policy.choose(decision, random: &player.random)
        let p = batch.p[batch.pStart[j] + arm]
        let reward = batch.u[j] < p ? 1.0 : 0
        policy.update(decision, arm: arm, reward: reward)
        player.outcome.impressions += 1
        player.outcome.plays += Int(reward)
        player.outcome.regret += batch.best[j] - p
        if t % step == 0 || t == impressions {
          player.outcome.curve.append((Double(t), Double(player.outcome.plays) / Double(t), player.outcome.regret))
        }
      }
    }
  }

  static func run(
    _ policies: inout [PreparedPolicy], log: BanditLog, truth: OffPolicyEvaluation.Truth, impressions: Int,
    seed: UInt64, interrupted: () -> Bool
  ) -> [Outcome] {
    var requests = SeededRandom(seed: seed, stream: 0)
    var players = policies.indices.map {
      Player(random: SeededRandom(seed: seed, stream: UInt64($0) + 1), outcome: Outcome(name: policies[$0].name))
    }
    let usable = (0..<log.count).filter { log.armSet[$0] >= 0 }
    guard !usable.isEmpty else { return players.map(\.outcome) }
    let step = max(1, impressions / checkpoints)
    var batch = Batch()
    var next = Batch()
    batch.draw(
      first: 0, count: max(0, min(batchSize, impressions)), requests: &requests, usable: usable, log: log, truth: truth)
    // Jobs (each policy's play, then the draw of the next batch) start longest first, by their
    // time on the last batch, so that the slowest is not left to run alone at the end.
    let clock = ContinuousClock()
    var took = [Duration](repeating: .zero, count: policies.count + 1)
    while !batch.row.isEmpty && !interrupted() {
      let order = took.indices.sorted { took[$0] > took[$1] || took[$0] == took[$1] && $0 < $1 }
      let following = batch.first + batch.row.count
      players.withUnsafeMutableBufferPointer { players in
        policies.withUnsafeMutableBufferPointer { policies in
          took.withUnsafeMutableBufferPointer { took in
            inParallel(order.count) { k in
              let i = order[k]
              let start = clock.now
              if i < policies.count {
                var play = Play(player: players[i], batch: batch, log: log, step: step, impressions: impressions)
                policies[i].run(&play)
                players[i] = play.player
              } else {
                next.draw(
                  first: following, count: min(batchSize, impressions - following), requests: &requests,
                  usable: usable, log: log, truth: truth)
              }
              took[i] = clock.now - start
            }
          }
        }
      }
      swap(&batch, &next)
    }
    return players.map(\.outcome)
  }
}
