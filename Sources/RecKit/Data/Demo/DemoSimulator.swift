/// Simulates one member's year at a time (plays and ratings, logged pages, searches), each
/// member from its own sub-streams, reusing its scratch buffers from member to member.
struct DemoSimulator {
  let seed: UInt64
  let catalog: DemoCatalog
  let members: DemoMembers
  let takes: DemoTakeModel
  let index: DemoReleaseIndex
  /// popularity^α by title.
  let popularityWeight: [Double]
  /// The current member's title weights, by title.
  var weight: [Double]
  /// Draws from the current member's weights.
  var personal: DemoTitleSampler
  /// Draws from popularity^α alone.
  var popular: DemoTitleSampler
  /// Draws from popularity^α among the titles of one genre, by genre.
  var popularInGenre: [DemoTitleSampler]
  /// The number of the current member's favourite actors in each title's cast.
  var favouritesInCast: [Int]
  /// `pageMark[t] == pageToken` when title `t` is already on the page being filled.
  var pageMark: [Int]
  var pageToken = 0

  init(seed: UInt64, catalog: DemoCatalog, members: DemoMembers, takes: DemoTakeModel, index: DemoReleaseIndex) {
    self.seed = seed
    self.catalog = catalog
    self.members = members
    self.takes = takes
    self.index = index
    let popularityWeight = catalog.popularity.map { Double.pow($0, DemoModel.popularityExponent) }
    self.popularityWeight = popularityWeight
    weight = popularityWeight
    personal = DemoTitleSampler(count: catalog.count)
    popular = DemoTitleSampler(count: catalog.count)
    popular.load(popularityWeight, index: index)
    popularInGenre = DemoNames.genres.indices.map { g in
      var sampler = DemoTitleSampler(count: catalog.count)
      sampler.load(catalog.indices.map { catalog.genres[$0].contains(g) ? popularityWeight[$0] : 0 }, index: index)
      return sampler
    }
    pageMark = Array(repeating: -1, count: catalog.count)
    favouritesInCast = Array(repeating: 0, count: catalog.count)
  }

  /// Appends member `m`'s plays, ratings, logged pages and searches to `log`.
  mutating func simulate(member m: Int, into log: inout DemoLog) {
    loadWeights(member: m)
    simulatePlays(member: m, into: &log)
    simulatePages(member: m, into: &log)
    simulateSearches(member: m, into: &log)
  }

  /// weight(t) = popularity^α · exp(β · taste·genres(t)) · e^(γ · favourite cast in t) · κ^[home country].
  private mutating func loadWeights(member m: Int) {
    let genreFactor = members.taste(of: m).map { Double.exp(DemoModel.tasteStrength * $0) } + [1]
    let country = members.country[m]
    for t in catalog.indices {
      let (g0, g1, g2) = catalog.genreSlots[t]
      let home = catalog.homeCountry[t] == country ? DemoModel.homeTilt : 1
      weight[t] = popularityWeight[t] * genreFactor[g0] * genreFactor[g1] * genreFactor[g2] * home
    }
    let castFactor = Double.exp(DemoModel.castStrength)
    if m > 0 {
      for actor in members.favourites[m - 1] {
        for t in catalog.filmography[actor] { favouritesInCast[t] = 0 }
      }
    }
    for actor in members.favourites[m] {
      for t in catalog.filmography[actor] {
        weight[t] *= castFactor
        favouritesInCast[t] += 1
      }
    }
    personal.load(weight, index: index)
  }

  /// How much the member likes title `t` (0…1): a logistic of genre affinity and favourite cast.
  func like(member m: Int, title t: Int) -> Double {
    let affinity = members.affinity(m, genres: catalog.genreSlots[t]) + 0.15 * Double(favouritesInCast[t])
    return 1 / (1 + Double.exp(-6 * (affinity - 0.2)))
  }

  /// The member's active days: from the later of 2025-07-01 and joining, to the end of the year.
  func activeDays(member m: Int) -> Range<Int> {
    max(DemoModel.startDay, members.joinedDay[m])..<DemoModel.startDay + DemoModel.dayCount
  }

  /// `count` moments in the member's active days, ascending, minute-aligned, at hours drawn from
  /// the daily viewing curve.
  static func moments(_ count: Int, in days: Range<Int>, random: inout SeededRandom) -> [Int] {
    (0..<count).map { _ in
      let day = days.lowerBound + random.below(days.count)
      return day * 86400 + random.pick(cumulative: hourTotals) * 3600 + random.below(60) * 60
    }.sorted()
  }

  private static let hourTotals = runningTotals(DemoModel.hourWeights)
}
