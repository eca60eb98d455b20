import CPrefetch
import RecCore

/// A policy ready to run over one request table: its algorithm's state and each request row's
/// context cell, with where the cell's per-arm numbers start (`Decision.slot`).
package struct PreparedPolicy {
  package let spec: PolicySpec
  let cells: [Int32]
  /// Each cell's slot, and after them the arms of all cells counted.
  let cellSlots: [Int]
  package var policy: any BanditPolicy

  var name: String { spec.name }

  /// Draws behind Monte-Carlo probabilities (Thompson sampling); 100 keeps a pass over
  /// millions of logged rows within seconds, and the estimates stay unbiased.
  package static let passDraws = 100

  /// Rows ahead of the current one whose state a pass over a log asks for early.
  static let prefetchDistance = 16

  /// Builds the policy's state over `log`, with `features` for linear algorithms; `draws` is the
  /// Monte-Carlo draws behind Thompson probabilities; `further` is the updates it may learn from
  /// beyond the log's rows, each with a reward of 0 or 1 (simulated impressions).
  init(
    spec: PolicySpec, log: BanditLog, sources: ContextEncoder.Sources, features: LinearFeatures?, draws: Int,
    further: Int = 0
  ) throws(Diagnostic) {
    self.init(
      spec: spec, log: log, cells: try ContextCells(context: spec.context, sources: sources, log: log),
      features: features, draws: draws, further: further)
  }

  /// The policy over `log` with the cells of its context already found.
  package init(
    spec: PolicySpec, log: BanditLog, cells: ContextCells, features: LinearFeatures?, draws: Int, further: Int = 0
  ) {
    self.spec = spec
    self.cells = cells.cells
    cellSlots = cells.cellSlots
    let counting = log.binaryRewards && log.armSet.count + further < Int(UInt32.max)
    switch spec.algorithm {
    case .random: policy = RandomPolicy()
    case .greedy: policy = EpsilonGreedyPolicy(epsilon: 0, counting: counting)
    case .epsilonGreedy(let e): policy = EpsilonGreedyPolicy(epsilon: e, counting: counting)
    case .ucb(let c): policy = UCBPolicy(c: c, counting: counting)
    case .thompson(let a, let b):
      policy = ThompsonPolicy(a: a, b: b, draws: draws, counting: counting, caching: !spec.learning)
    case .linUCB(let alpha): policy = LinUCBPolicy(alpha: alpha, arms: RidgeArms(features: features!))
    case .linThompson(let v): policy = LinThompsonPolicy(v: v, draws: draws, arms: RidgeArms(features: features!))
    case .logged:
      policy = LoggedPolicy(
        loggedArm: log.arm, propensity: log.propensity ?? [], recorded: log.recordedPropensities(), armSet: log.armSet)
    }
  }

  /// What a fixed policy's trained state depends on beyond the log: its definition and the
  /// Monte-Carlo draws behind its probabilities; nil for a learner, whose state changes as it is judged.
  package static func fixedKey(_ spec: PolicySpec, draws: Int) -> String? {
    guard !spec.learning, let trained = spec.trainedOn else { return nil }
    return "\(spec.name)|\(spec.algorithm)|\(ContextCells.key(spec.context))|\(spec.features.map(\.written))|\(trained.table)|\(draws)"
  }

  /// Request `row`'s `Decision.slot`.
  @inline(__always)
  func slot(row: Int) -> Int { cellSlots[Int(cells[row])] }

  /// The decision for request `row` of the log.
  @inline(__always)
  package func decision(_ log: BanditLog, row: Int) -> Decision {
    let cell = Int(cells[row])
    return Decision(row: row, cell: cell, slot: cellSlots[cell], actions: log.candidates(row: row))
  }

  /// Starts bringing in what request `row` is found by: its cell, its arm set and what `policy`
  /// reads from the row alone. The first of three steps for requests met in no order (a
  /// simulation's), each step reading what the one before brought in.
  @inline(__always)
  func prefetchRow<P: BanditPolicy>(_ log: BanditLog, row: Int, _ policy: P) {
    cells.withUnsafeBufferPointer { prefetchRead($0, row, 1) }
    log.armSet.withUnsafeBufferPointer { prefetchRead($0, row, 1) }
    policy.prefetch(row: row)
  }

  /// Starts bringing in request `row`'s cell slot: the step before its state, since the state a
  /// decision reads is found through the slot, itself a read from a large array.
  @inline(__always)
  func prefetchSlot(row: Int) {
    guard row < cells.count else { return }
    cellSlots.withUnsafeBufferPointer { rec_prefetch_read($0.baseAddress! + Int(cells[row])) }
  }

  /// Starts bringing in the state of `policy` that the decision for `row` reads (a row without
  /// candidates has none).
  @inline(__always)
  func prefetchState<P: BanditPolicy>(_ log: BanditLog, row: Int, _ policy: P) {
    guard row < cells.count, log.armSet[row] >= 0 else { return }
    policy.prefetch(decision(log, row: row))
  }

  /// For a pass through the rows in order: starts bringing in the state of `row`, a few rows
  /// ahead of the pass, and the slot of the row as far again ahead, so that the slot is at hand
  /// when that row's state is asked for.
  @inline(__always)
  func prefetch<P: BanditPolicy>(_ log: BanditLog, row: Int, _ policy: P) {
    prefetchSlot(row: row + Self.prefetchDistance)
    prefetchState(log, row: row, policy)
  }

  /// Learns from every usable row of the table it is `trained on`, in order: the rows stacked
  /// under the judged ones for that table, else the judged rows themselves.
  package mutating func train(on log: BanditLog) {
    guard let table = spec.trainedOn?.table else { return }
    var training = Training(log: log, rows: log.training[table] ?? 0..<log.count)
    run(&training)
  }

  /// Lets each fixed policy of `policies` find what depends on its cells alone, one policy after
  /// another: each may use every core, which it could not from within `prepareAll` (a parallel
  /// loop inside another runs on its caller's thread alone).
  package static func settle(_ policies: inout [PreparedPolicy]) {
    for i in policies.indices where !policies[i].spec.learning {
      policies[i].policy.settle(cellSlots: policies[i].cellSlots)
    }
  }

  /// Training as a policy's work.
  private struct Training: PolicyWork {
    let log: BanditLog
    let rows: Range<Int>

    func run<P: BanditPolicy>(_ policy: inout P, of prepared: PreparedPolicy) {
      for i in rows where log.armSet[i] >= 0 && log.arm[i] >= 0 {
        if i + PreparedPolicy.prefetchDistance < rows.upperBound {
          prepared.prefetch(log, row: i + PreparedPolicy.prefetchDistance, policy)
        }
        policy.update(prepared.decision(log, row: i), arm: Int(log.arm[i]), reward: log.reward[i])
      }
    }
  }
}

extension PreparedPolicy {
  /// `make(i)` for each of `count` policies (or what they are made from), in parallel on the
  /// cores (preparing and training read the log and the tables, and each writes only its own
  /// result); the results in order, or the first failure in that order.
  package static func prepareAll<T>(
    _ count: Int, _ make: (Int) throws(Diagnostic) -> T
  ) throws(Diagnostic) -> [T] {
    var out = [Result<T, Diagnostic>?](repeating: nil, count: count)
    out.withUnsafeMutableBufferPointer { os in
      inParallel(count) { i in os[i] = Result { () throws(Diagnostic) in try make(i) } }
    }
    return try out.map { result throws(Diagnostic) in try result!.get() }
  }

  /// `work(i, &policies[i])` for every policy, the policies in parallel on the cores (each call touches only its
  /// own policy); the results in the policies' order.
  static func parallelMap<T>(_ policies: inout [PreparedPolicy], _ work: (Int, inout PreparedPolicy) -> T) -> [T] {
    var out = [T?](repeating: nil, count: policies.count)
    policies.withUnsafeMutableBufferPointer { ps in
      out.withUnsafeMutableBufferPointer { os in
        inParallel(ps.count) { i in os[i] = work(i, &ps[i]) }
      }
    }
    return out.map { $0! }
  }
}
