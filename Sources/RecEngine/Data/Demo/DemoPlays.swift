extension DemoSimulator {
  /// The member's viewing sessions over the year: each picks a title (or goes back to an
  /// unfinished series) and plays a movie once (maybe abandoned, maybe resumed later) or a run of
  /// episodes; finishing or dropping a title may leave a rating.
  mutating func simulatePlays(member m: Int, into log: inout DemoLog) {
    var random = SeededRandom(seed: seed, stream: DemoModel.stream(member: m, .plays))
    let days = activeDays(member: m)
    let expected = members.activity[m] * Double(days.count) / Double(DemoModel.dayCount)
    let sessions = max(1, Int((expected / DemoModel.playsPerSession).rounded()))
    // The member's buffers, taken out of the scratch so that the nested functions can append.
    var plays: [DemoPendingPlay] = []
    var ratings: [DemoPendingRating] = []
    swap(&plays, &scratch.plays)
    swap(&ratings, &scratch.ratings)
    defer {
      swap(&plays, &scratch.plays)
      swap(&ratings, &scratch.ratings)
    }

    func device() -> Int {
      random.chance(DemoModel.usualDeviceShare) ? members.usualDevice[m] : random.pick(cumulative: Self.deviceTotals)
    }
    func rate(_ t: Int, after play: DemoPendingPlay, like: Double) {
      guard random.chance(DemoModel.ratingShare) else { return }
      let at = play.at + (play.seconds + 59) / 60 * 60 + random.below(30) * 60
      let stars = min(5, max(0.5, 1 + 4 * like + 0.6 * random.normal()))
      if at < DemoModel.endSecond { ratings.append(DemoPendingRating(title: t, at: at, rating: (stars * 2).rounded() / 2)) }
    }

    for at in Self.moments(sessions, in: days, random: &random) {
      var title: Int? = nil
      if !scratch.unfinished.isEmpty && random.chance(DemoModel.continueSeriesShare) {
        title = scratch.unfinished[random.below(scratch.unfinished.count)]
      } else {
        for _ in 0...DemoModel.redraws {
          guard let t = personal.draw(day: at / 86400, random: &random) else { break }
          if scratch.progress[t] != DemoScratch.done {
            title = t
            break
          }
        }
      }
      guard let t = title else { continue }
      let like = like(member: m, title: t)
      let runtime = catalog.runtime[t]

      if !catalog.isSeries[t] {
        let finished = random.chance(DemoModel.finishBase + DemoModel.finishLike * like)
        let c = finished ? random.uniform(0.93, 1) : random.uniform(0.03, 0.9)
        var last = DemoPendingPlay(title: t, at: at, seconds: Int(c * Double(runtime)), completion: c, device: device())
        plays.append(last)
        if !finished && random.chance(DemoModel.resumeShare) {
          let later = at + 3600 + random.below(10 * 24 * 60 - 60) * 60
          if later < DemoModel.endSecond {
            last = DemoPendingPlay(title: t, at: later, seconds: Int((1 - c) * Double(runtime)), completion: 1, device: device())
            plays.append(last)
          }
        }
        scratch.setDone(t, at: at)
        rate(t, after: last, like: like)
        continue
      }

      let started = scratch.progress[t] != DemoScratch.notStarted
      let seen = started ? scratch.progress[t] : 0
      var episodes = 1
      while episodes < catalog.episodes[t] - seen && random.chance(DemoModel.anotherEpisode) { episodes += 1 }
      var cursor = at
      var last: DemoPendingPlay? = nil
      var watched = 0
      for e in 0..<episodes where cursor < DemoModel.endSecond {
        let partial = e == episodes - 1 && random.chance(DemoModel.partialLastEpisode)
        let c = partial ? random.uniform(0.1, 0.8) : random.uniform(0.9, 1)
        let play = DemoPendingPlay(title: t, at: cursor, seconds: Int(c * Double(runtime)), completion: c, device: device())
        plays.append(play)
        last = play
        watched += 1
        cursor += ((play.seconds + 59) / 60 + 2 + random.below(9)) * 60
      }
      let total = seen + watched
      if total >= catalog.episodes[t] || random.chance(DemoModel.dropUnliked * (1 - like)) {
        scratch.setDone(t, at: at)
        scratch.unfinished.removeAll { $0 == t }
        if let last { rate(t, after: last, like: like) }
      } else {
        if !started { scratch.unfinished.append(t) }
        scratch.setProgress(t, total)
      }
    }

    plays.sort { ($0.at, $0.title) < ($1.at, $1.title) }
    log.playMember.append(contentsOf: repeatElement(Int32(m + 1), count: plays.count))
    log.playTitle.append(contentsOf: plays.lazy.map { Int32($0.title + 1) })
    log.playAt.append(contentsOf: plays.lazy.map { Int32($0.at) })
    log.playSeconds.append(contentsOf: plays.lazy.map { Int32($0.seconds) })
    log.playCompletion.append(contentsOf: plays.lazy.map { ($0.completion * 1000).rounded() / 1000 })
    log.playDevice.append(contentsOf: plays.lazy.map { Int32($0.device) })
    ratings.sort { ($0.at, $0.title) < ($1.at, $1.title) }
    log.ratingMember.append(contentsOf: repeatElement(Int32(m + 1), count: ratings.count))
    log.ratingTitle.append(contentsOf: ratings.lazy.map { Int32($0.title + 1) })
    log.ratingAt.append(contentsOf: ratings.lazy.map { Int32($0.at) })
    log.rating.append(contentsOf: ratings.lazy.map(\.rating))
  }

  private static let deviceTotals = runningTotals(DemoNames.deviceWeights)
}

extension DemoLog {
  /// `plays`: member, title, at, seconds, completion, device — by member, then time, then title.
  func playsTable() -> Table {
    Table([
      ("member", Column(type: .int, storage: .int32(playMember))),
      ("title", Column(type: .int, storage: .int32(playTitle))),
      ("at", Column(type: .time, storage: .int32(playAt))),
      ("seconds", Column(type: .int, storage: .int32(playSeconds))),
      ("completion", Column(type: .float, storage: .float64(playCompletion))),
      ("device", Column(type: .string, storage: .string(playDevice, StringDictionary(DemoNames.devices)))),
    ])
  }

  /// `ratings`: member, title, at, rating (half stars, 0.5…5) — by member, then time.
  func ratingsTable() -> Table {
    Table([
      ("member", Column(type: .int, storage: .int32(ratingMember))),
      ("title", Column(type: .int, storage: .int32(ratingTitle))),
      ("at", Column(type: .time, storage: .int32(ratingAt))),
      ("rating", Column(type: .float, storage: .float64(rating))),
    ])
  }
}
