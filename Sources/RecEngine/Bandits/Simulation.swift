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
/// The policies play copies of the states they are given; what they learn is not kept.
package struct Simulation {
  /// One policy's totals and its curves at the checkpoints.
  package struct Outcome {
    package var name: String
    package var impressions = 0
    package var plays = 0
    package var regret = 0.0
    /// (impressions so far, take fraction so far, regret so far) at each checkpoint.
    package var curve: [(x: Double, takeFraction: Double, regret: Double)] = []
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
      truth: CandidateTruth
    ) {
      self.first = first
      row.removeAll(keepingCapacity: true)
      u.removeAll(keepingCapacity: true)
      pStart.removeLast(pStart.count - 1)
      p.removeAll(keepingCapacity: true)
      best.removeAll(keepingCapacity: true)
      // The draws first, in the generator's order; then the rows, which lie anywhere in the log,
      // are looked up with the ones some requests ahead asked for early.
      for _ in 0..<count {
        row.append(requests.below(usable.count))
        u.append(requests.uniform())
      }
      let ahead = PreparedPolicy.prefetchDistance / 2
      usable.withUnsafeBufferPointer { usable in
        for j in 0..<count {
          if j + ahead < count { prefetchRead(usable, row[j + ahead], 1) }
          row[j] = usable[row[j]]
        }
      }
      for j in 0..<count {
        if j + ahead < count {
          let next = row[j + ahead]
          log.member.withUnsafeBufferPointer { prefetchRead($0, next, 1) }
          log.title.withUnsafeBufferPointer { prefetchRead($0, next, 1) }
          log.armSet.withUnsafeBufferPointer { prefetchRead($0, next, 1) }
        }
        let r = row[j]
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

    /// Adds the batch's requests, with the arms `chosen` for them, to the totals and the curve,
    /// in the requests' order.
    mutating func tally(_ batch: Batch, chosen: UnsafeBufferPointer<Int>, step: Int, impressions: Int) {
      for j in batch.row.indices {
        let t = batch.first + j + 1
        let p = batch.p[batch.pStart[j] + chosen[j]]
        outcome.impressions += 1
        outcome.plays += batch.u[j] < p ? 1 : 0
        outcome.regret += batch.best[j] - p
        if t % step == 0 || t == impressions {
          outcome.curve.append((Double(t), Double(outcome.plays) / Double(t), outcome.regret))
        }
      }
    }
  }

  /// A policy's play of some of a batch's requests (`requests`, indices into the batch, in order),
  /// as its work: the arm chosen for request j goes to `chosen[j]`.
  private struct Play: PolicyWork {
    let batch: Batch
    let requests: [Int]
    let log: BanditLog
    var random: SeededRandom
    let chosen: UnsafeMutableBufferPointer<Int>

    /// Plays the requests in order. They are rows in no order, so each is prefetched in three
    /// steps as the play comes nearer: the row's cell, then the cell's slot, then the state.
    mutating func run<P: BanditPolicy>(_ policy: inout P, of prepared: PreparedPolicy) {
      let ahead = PreparedPolicy.prefetchDistance / 2
      let count = requests.count
      for n in 0..<count {
        if n + 3 * ahead < count { prepared.prefetchRow(log, row: batch.row[requests[n + 3 * ahead]], policy) }
        if n + 2 * ahead < count { prepared.prefetchSlot(row: batch.row[requests[n + 2 * ahead]]) }
        if n + ahead < count { prepared.prefetchState(log, row: batch.row[requests[n + ahead]], policy) }
        let j = requests[n]
        let decision = prepared.decision(log, row: batch.row[j])
        let arm = policy.choose(decision, random: &random)
        policy.update(decision, arm: arm, reward: batch.u[j] < batch.p[batch.pStart[j] + arm] ? 1 : 0)
        chosen[j] = arm
      }
    }
  }

  /// One job of a batch: a policy's play of all its requests or of one half of them, or the draw
  /// of the next batch.
  private enum Job {
    case play(Int)
    case half(Int, Int)
    case draw
  }

  package static func run(
    _ policies: [PreparedPolicy], log: BanditLog, truth: CandidateTruth, impressions: Int,
    seed: UInt64, cancellation: Cancellation
  ) -> [Outcome] {
    var policies = policies
    var requests = SeededRandom(seed: seed, stream: 0)
    var players = policies.indices.map {
      Player(random: SeededRandom(seed: seed, stream: UInt64($0) + 1), outcome: Outcome(name: policies[$0].name))
    }
    let usable = (0..<log.count).filter { log.armSet[$0] >= 0 }
    guard !usable.isEmpty else { return players.map(\.outcome) }
    let step = max(1, impressions / checkpoints)
    // A policy that chooses from its candidates' own state alone, drawing nothing, plays the two
    // halves of a batch side by side: the requests of even arm sets with its state, those of odd
    // ones with a copy of it. When no action is a candidate in two arm sets, the halves read and
    // change disjoint parts of the state, so each request meets the state one pass would show it.
    let disjoint = Set(log.actions).count == log.actions.count
    var twins = policies.map { disjoint && $0.policy.choosesFromCandidatesAlone ? $0 : nil }
    var jobs: [Job] = [.draw]
    for i in policies.indices { jobs += twins[i] == nil ? [.play(i)] : [.half(i, 0), .half(i, 1)] }
    var batch = Batch()
    var next = Batch()
    batch.draw(
      first: 0, count: max(0, min(batchSize, impressions)), requests: &requests, usable: usable, log: log, truth: truth)
    // Jobs start longest first, by their time on the last batch, so that the slowest is not left
    // to run alone at the end.
    let clock = ContinuousClock()
    var took = [Duration](repeating: .zero, count: jobs.count)
    while !batch.row.isEmpty && !cancellation.isCancelled {
      let order = took.indices.sorted { took[$0] > took[$1] || took[$0] == took[$1] && $0 < $1 }
      let following = batch.first + batch.row.count
      let all = Array(batch.row.indices)
      let halves = (0...1).map { h in batch.row.indices.filter { Int(log.armSet[batch.row[$0]]) & 1 == h } }
      // The arms each policy chose, policy after policy.
      let width = batch.row.count
      let chosen = UnsafeMutableBufferPointer<Int>.allocate(capacity: players.count * width)
      defer { chosen.deallocate() }
      func arms(_ i: Int) -> UnsafeMutableBufferPointer<Int> { .init(rebasing: chosen[i * width..<(i + 1) * width]) }
      players.withUnsafeMutableBufferPointer { players in
        policies.withUnsafeMutableBufferPointer { policies in
          twins.withUnsafeMutableBufferPointer { twins in
            took.withUnsafeMutableBufferPointer { took in
              inParallel(order.count) { k in
                let start = clock.now
                switch jobs[order[k]] {
                case .play(let i):
                  var play = Play(batch: batch, requests: all, log: log, random: players[i].random, chosen: arms(i))
                  policies[i].run(&play)
                  players[i].random = play.random
                case .half(let i, let h):
                  var play = Play(batch: batch, requests: halves[h], log: log, random: players[i].random, chosen: arms(i))
                  if h == 0 { policies[i].run(&play) } else { twins[i]!.run(&play) }
                case .draw:
                  next.draw(
                    first: following, count: min(batchSize, impressions - following), requests: &requests,
                    usable: usable, log: log, truth: truth)
                }
                took[order[k]] = clock.now - start
              }
            }
          }
        }
      }
      for i in players.indices { players[i].tally(batch, chosen: .init(arms(i)), step: step, impressions: impressions) }
      swap(&batch, &next)
    }
    return players.map(\.outcome)
  }
}
