/// Work that asks one policy about many requests in a row (a pass over a log, a simulation's
/// batch, training), written once and generic over the policy's own type.
///
/// `PreparedPolicy.run` hands the work its policy as that type, so that the calls in the work's
/// loop go straight to the policy's methods and can be inlined, where calls through the
/// existential `any BanditPolicy` each check that the policy's box is uniquely held.
protocol PolicyWork {
  /// Runs over `policy`, the state of `prepared` (whose own `policy` is a stand-in meanwhile).
  mutating func run<P: BanditPolicy>(_ policy: inout P, of prepared: PreparedPolicy)
}

extension PreparedPolicy {
  /// Runs `work` on the policy as its own type.
  mutating func run<W: PolicyWork>(_ work: inout W) {
    // The state leaves the existential for the time of the work, so that its arrays are held
    // once and change in place.
    var state = policy
    policy = RandomPolicy()
    defer { policy = state }
    if run(EpsilonGreedyPolicy.self, &state, &work) || run(RandomPolicy.self, &state, &work)
      || run(ThompsonPolicy.self, &state, &work) || run(LinUCBPolicy.self, &state, &work)
      || run(LoggedPolicy.self, &state, &work) || run(UCBPolicy.self, &state, &work)
      || run(LinThompsonPolicy.self, &state, &work)
    {
      return
    }
    work.run(&state, of: self)
  }

  /// Runs `work` on `state` as a `P` when it is one.
  private func run<P: BanditPolicy, W: PolicyWork>(_ type: P.Type, _ state: inout any BanditPolicy, _ work: inout W) -> Bool {
    guard var own = state as? P else { return false }
    state = RandomPolicy()
    work.run(&own, of: self)
    state = own
    return true
  }
}
