/// One play or rating before it is appended, so that a member's rows can be put in time order.
private struct PendingPlay {
  var title: Int
  var at: Int
  var seconds: Int
  var completion: Double
  var device: Int
}

private struct PendingRating {
  var title: Int
  var at: Int
  var rating: Double
}

extension DemoSimulator {
  /// The member's viewing sessions over the year: each picks a title (or goes back to an
  /// unfinished series) and plays a movie once (maybe abandoned, maybe resumed later) or a run of
  /// episodes; finishing or dropping a title may leave a rating.
  mutating func simulatePlays(member m: Int, into log: inout DemoLog) {
    var random = SeededRandom(seed: seed, stream: DemoModel.stream(member: m, .plays))
    let days = activeDays(member: m)
    let expected = members.activity[m] * Double(days.count) / Double(DemoModel.dayCount)
    let sessions = max(1, Int((expected / DemoModel.playsPerSession).rounded()))
    var plays: [PendingPlay] = []
    var ratings: [PendingRating] = []
    /// Episodes seen of each started series; -1 once a title is finished or given up.
    var progress: [Int: Int] = [:]
    var unfinished: [Int] = []

    func device() -> Int {
      random.chance(DemoModel.usualDeviceShare) ? members.usualDevice[m] : random.pick(cumulative: Self.deviceTotals)
    }
    func rate(_ t: Int, after play: PendingPlay, like: Double) {
      guard random.chance(DemoModel.ratingShare) else { return }
      let at = play.at + (play.seconds + 59) / 60 * 60 + random.below(30) * 60
      let stars = min(5, max(0.5, 1 + 4 * like + 0.6 * random.normal()))
      if at < DemoModel.endSecond { ratings.append(PendingRating(title: t, at: at, rating: (stars * 2).rounded() / 2)) }
    }

    for at in Self.moments(sessions, in: days, random: &random) {
      var title: Int? = nil
      if !unfinished.isEmpty && random.chance(DemoModel.continueSeriesShare) {
        title = unfinished[random.below(unfinished.count)]
      } else {
        for _ in 0...DemoModel.redraws {
          guard let t = personal.draw(day: at / 86400, index: index, random: &random) else { break }
          if (progress[t] ?? 0) >= 0 {
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
        var last = PendingPlay(title: t, at: at, seconds: Int(c * Double(runtime)), completion: c, device: device())
        plays.append(last)
        if !finished && random.chance(DemoModel.resumeShare) {
          let later = at + 3600 + random.below(10 * 24 * 60 - 60) * 60
          if later < DemoModel.endSecond {
            last = PendingPlay(title: t, at: later, seconds: Int((1 - c) * Double(runtime)), completion: 1, device: device())
            plays.append(last)
          }
        }
        progress[t] = -1
        rate(t, after: last, like: like)
        continue
      }

      let seen = progress[t] ?? 0
      var episodes = 1
      while episodes < catalog.episodes[t] - seen && random.chance(DemoModel.anotherEpisode) { episodes += 1 }
      var cursor = at
      var last: PendingPlay? = nil
      var watched = 0
      for e in 0..<episodes where cursor < DemoModel.endSecond {
        let partial = e == episodes - 1 && random.chance(DemoModel.partialLastEpisode)
        let c = partial ? random.uniform(0.1, 0.8) : random.uniform(0.9, 1)
        let play = PendingPlay(title: t, at: cursor, seconds: Int(c * Double(runtime)), completion: c, device: device())
        plays.append(play)
        last = play
        watched += 1
        cursor += ((play.seconds + 59) / 60 + 2 + random.below(9)) * 60
      }
      let total = seen + watched
      if total >= catalog.episodes[t] || random.chance(DemoModel.dropUnliked * (1 - like)) {
        progress[t] = -1
        unfinished.removeAll { $0 == t }
        if let last { rate(t, after: last, like: like) }
      } else {
        if progress[t] == nil { unfinished.append(t) }
        progress[t] = total
      }
    }

    plays.sort { ($0.at, $0.title) < ($1.at, $1.title) }
    for p in plays {
      log.playMember.append(Int32(m + 1))
      log.playTitle.append(Int32(p.title + 1))
      log.playAt.append(Int32(p.at))
      log.playSeconds.append(Int32(p.seconds))
      log.playCompletion.append((p.completion * 1000).rounded() / 1000)
      log.playDevice.append(Int32(p.device))
    }
    ratings.sort { ($0.at, $0.title) < ($1.at, $1.title) }
    for r in ratings {
      log.ratingMember.append(Int32(m + 1))
      log.ratingTitle.append(Int32(r.title + 1))
      log.ratingAt.append(Int32(r.at))
      log.rating.append(r.rating)
    }
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
