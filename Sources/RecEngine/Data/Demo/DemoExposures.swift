extension DemoSimulator {
  /// The member's randomised holdout: at each logged page moment (`moments`, the pages numbered
  /// from `firstPage`), 8 distinct candidate titles drawn from the member's P(t | m, d), each shown
  /// with probability 0.8 and otherwise held out, and `played` (within the week) drawn from the
  /// true play probability of the arm it fell in. Drawn from the member's own exposures stream,
  /// so that adding it left every other table as it was.
  mutating func simulateExposures(member m: Int, moments: [Int], firstPage: Int, into log: inout DemoLog) {
    var random = SeededRandom(seed: seed, stream: DemoModel.stream(member: m, .exposures))
    var candidates: [Int] = []
    for (k, at) in moments.enumerated() {
      let day = at / 86400
      candidates.removeAll(keepingCapacity: true)
      for _ in 0..<DemoModel.exposureCandidates {
        var chosen: Int? = nil
        for _ in 0..<30 where chosen == nil {
          if let t = personal.draw(day: day, random: &random), !candidates.contains(t) { chosen = t }
        }
        guard let t = chosen else { continue }
        candidates.append(t)
        let (held, shown) = playProbabilities(member: m, title: t, at: at)
        let isShown = random.chance(DemoModel.exposureShown)
        log.exposureMember.append(Int32(m + 1))
        log.exposureTitle.append(Int32(t + 1))
        log.exposureAt.append(Int32(at))
        log.exposurePage.append(Int32(firstPage + k))
        log.exposureSlot.append(Int32(candidates.count))
        log.exposureShown.append(isShown ? 1 : 0)
        log.exposurePlayed.append(random.chance(isShown ? shown : held) ? 1 : 0)
        log.exposureShownProbability.append(shown)
        log.exposureHeldProbability.append(held)
      }
    }
  }

  /// The true probabilities that the member plays title `t` within the week after `at` (see
  /// `DemoWorld.exposureProbabilities`), the member's history being the simulation so far.
  func playProbabilities(member m: Int, title t: Int, at: Int) -> (held: Double, shown: Double) {
    DemoWorld.exposureProbabilities(
      member: m, title: t, at: at, like: like(member: m, title: t), done: scratch.doneAt[t] < at, members: members,
      catalog: catalog)
  }
}

extension DemoWorld {
  /// The true probabilities that member `m` plays title `t` within the week after `at`, when it is
  /// held out (organic) and when it is shown (organic plus the lift of showing):
  ///
  ///     logit held = b_t + δ · affinity(m, t) + 0.6 · ln p_t − 1.5
  ///     lift       = 0.1 + 2 · like(m, t) · (1 − σ(ln p_t)) + 0.5 · buzz(t) − 0.6 · [done with t before at]
  ///
  /// where buzz is the share of release buzz left, exp(−age / τ) for 56 days after release, else 0.
  static func exposureProbabilities(
    member m: Int, title t: Int, at: Int, like: Double, done: Bool, members: DemoMembers, catalog: DemoCatalog
  ) -> (held: Double, shown: Double) {
    let popularity = Double.log(catalog.popularity[t])
    let organic = catalog.takeBase[t] + DemoModel.takeAffinity * members.affinity(m, genres: catalog.genreSlots[t])
      + DemoModel.organicPopularity * popularity + DemoModel.organicShift
    let known = 1 / (1 + Double.exp(-popularity))
    let buzz = DemoModel.buzz(age: at / 86400 - catalog.releasedDay[t]) / DemoModel.buzzBoost
    var lift = DemoModel.liftBase + DemoModel.liftLiked * like * (1 - known)
    lift += DemoModel.liftBuzz * buzz
    if done { lift -= DemoModel.liftDone }
    return (1 / (1 + Double.exp(-organic)), 1 / (1 + Double.exp(-(organic + lift))))
  }

  /// The true uplift p_shown − p_not_shown of showing `title` to `member` (ids as in the tables)
  /// at `at`, as `truth.exposures` gives it for an exposure; `done` says whether the member was
  /// done with the title before `at` (the generator's own record of that is not kept). 0 for an
  /// unknown member or title.
  package func trueUplift(member: Int, title: Int, at: Int, done: Bool) -> Double {
    let m = member - 1
    let t = title - 1
    guard members.indices.contains(m), catalog.indices.contains(t) else { return 0 }
    let favourites = catalog.cast[t].filter(members.favourites[m].contains).count
    let like = DemoSimulator.like(member: m, title: t, favouritesInCast: favourites, members: members, catalog: catalog)
    let p = Self.exposureProbabilities(member: m, title: t, at: at, like: like, done: done, members: members, catalog: catalog)
    return p.shown - p.held
  }
}

extension DemoLog {
  /// `exposures`: member, title, at, page, slot, shown, propensity (P(shown), 0.8), played (within
  /// the week) — by member, then page, then slot.
  func exposuresTable() -> Table {
    Table([
      ("member", Column(type: .int, storage: .int32(exposureMember))),
      ("title", Column(type: .int, storage: .int32(exposureTitle))),
      ("at", Column(type: .time, storage: .int32(exposureAt))),
      ("page", Column(type: .int, storage: .int32(exposurePage))),
      ("slot", Column(type: .int, storage: .int32(exposureSlot))),
      ("shown", Column(type: .bool, storage: .bool(exposureShown))),
      ("propensity", Column(type: .float, storage: .float64(Array(repeating: DemoModel.exposureShown, count: exposureMember.count)))),
      ("played", Column(type: .bool, storage: .bool(exposurePlayed))),
    ])
  }

  /// `truth.exposures`: page, slot, p_shown, p_not_shown, uplift (p_shown − p_not_shown) — both
  /// potential outcomes of each exposure, row for row parallel to `exposures` (the key columns
  /// share its storage).
  func truthExposuresTable() -> Table {
    Table([
      ("page", Column(type: .int, storage: .int32(exposurePage))),
      ("slot", Column(type: .int, storage: .int32(exposureSlot))),
      ("p_shown", Column(type: .float, storage: .float64(exposureShownProbability))),
      ("p_not_shown", Column(type: .float, storage: .float64(exposureHeldProbability))),
      ("uplift", Column(type: .float, storage: .float64(zip(exposureShownProbability, exposureHeldProbability).map { $0 - $1 }))),
    ])
  }
}
