import RecCore

/// The demo members and their hidden profiles. Member `i` has id `i + 1`.
struct DemoMembers: Sendable {
  var country: [Int] = []
  var joinedDay: [Int] = []
  /// Taste weights, `DemoNames.genres.count` per member, each member's summing to 1.
  var tastes: [Double] = []
  var topGenre: [Int] = []
  /// Favourite actors (indices into the catalog's actor pool).
  var favourites: [[Int]] = []
  /// Plays per year the member would make if active all year.
  var activity: [Double] = []
  var usualDevice: [Int] = []

  var count: Int { country.count }
  var indices: Range<Int> { 0..<count }

  func taste(of m: Int) -> ArraySlice<Double> {
    let g = DemoNames.genres.count
    return tastes[m * g..<(m + 1) * g]
  }

  /// The member's taste weight on a title's genres (0…1, given as `DemoCatalog.genreSlots`):
  /// how well the title matches the member.
  @inline(__always)
  func affinity(_ m: Int, genres: (Int, Int, Int)) -> Double {
    let count = DemoNames.genres.count
    let base = m * count
    let (g0, g1, g2) = genres
    return tastes[base + g0] + (g1 < count ? tastes[base + g1] : 0) + (g2 < count ? tastes[base + g2] : 0)
  }

  /// Draws `count` members, each from its own sub-stream of `seed`.
  /// Stops early, with fewer members, when `cancellation` is asked to.
  static func generate(
    count: Int, seed: UInt64, catalog: DemoCatalog, cancellation: Cancellation = .never
  ) -> DemoMembers {
    let genreCount = DemoNames.genres.count
    let genreTotals = runningTotals(DemoNames.genreWeights)
    let countryTotals = runningTotals(DemoNames.countryWeights)
    let deviceTotals = runningTotals(DemoNames.deviceWeights)
    let mu = Double.log(DemoModel.meanPlays) - DemoModel.activitySigma * DemoModel.activitySigma / 2
    var p = DemoMembers()
    p.tastes.reserveCapacity(count * genreCount)
    for m in 0..<count {
      if m % 1024 == 0 && cancellation.isCancelled { break }
      var random = SeededRandom(seed: seed, stream: DemoModel.stream(member: m, .profile))
      p.country.append(random.pick(cumulative: countryTotals))
      p.joinedDay.append(joinedDay(&random))

      let favourite = random.pickDistinct(2 + random.below(3), cumulative: genreTotals)
      let raw = favourite.map { _ in 0.2 + random.exponential() }
      let rawTotal = raw.reduce(0, +)
      var taste = Array(repeating: (1 - DemoModel.favouriteShare) / Double(genreCount - favourite.count), count: genreCount)
      for (g, w) in zip(favourite, raw) { taste[g] = DemoModel.favouriteShare * w / rawTotal }
      p.tastes.append(contentsOf: taste)
      p.topGenre.append(taste.indices.max { taste[$0] < taste[$1] || (taste[$0] == taste[$1] && $0 > $1) }!)

      let tasteTotals = runningTotals(taste)
      var actors: [Int] = []
      for _ in 0..<DemoModel.favouriteCast {
        let pool = catalog.actorsByGenre[random.pick(cumulative: tasteTotals)]
        let actor = pool.isEmpty ? random.below(DemoModel.actorPool) : pool[random.below(pool.count)]
        if !actors.contains(actor) { actors.append(actor) }
      }
      p.favourites.append(actors.sorted())
      let plays = Double.exp(mu + DemoModel.activitySigma * random.normal())
      p.activity.append(min(2000, max(4, plays)))
      p.usualDevice.append(random.pick(cumulative: deviceTotals))
    }
    return p
  }

  /// Most joined before the data year; the rest on a day of its first eleven months.
  private static func joinedDay(_ random: inout SeededRandom) -> Int {
    if random.chance(DemoModel.joinedBeforeShare) {
      let age = 1 + Int(random.exponential() * DemoModel.joinedMeanAge)
      return max(CivilTime.days(year: 2012, month: 1, day: 1), DemoModel.startDay - age)
    }
    return DemoModel.startDay + random.below(DemoModel.dayCount - 35)
  }

  /// `members`: id, country, language, joined.
  func membersTable() -> Table {
    var languages = StringDictionary()
    let languageCode = DemoNames.languages.map { languages.intern($0) }
    return Table([
      ("id", Column(type: .int, storage: .int32(Array(1...Int32(count))))),
      ("country", Column(type: .string, storage: .string(country.map { Int32($0) }, StringDictionary(DemoNames.countries)))),
      ("language", Column(type: .string, storage: .string(country.map { languageCode[$0] }, languages))),
      ("joined", Column(type: .date, storage: .int32(joinedDay.map { Int32($0) }))),
    ])
  }
}
