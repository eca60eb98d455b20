/// Simulates one member's year at a time (plays and ratings, logged pages, searches), each
/// member from its own sub-streams, reusing its scratch buffers from member to member.
struct DemoSimulator {
  let seed: UInt64
  let catalog: DemoCatalog
  let members: DemoMembers
  let takes: DemoTakeModel
  let index: DemoReleaseIndex
  /// What the weights of `personal` are made of, by release position.
  let weightFacts: [DemoWeightFacts]
  /// What a logged impression reads of its title, by title.
  let pageFacts: [DemoPageFacts]
  /// Draws from the current member's weights.
  var personal: DemoTitleSampler
  /// Draws from popularity^α alone.
  var popular: DemoTitleSampler
  /// Draws from popularity^α among the titles of one genre, by genre.
  var popularInGenre: [DemoTitleSampler]
  /// The number of the current member's favourite actors in each title's cast.
  var favouritesInCast: [Int]
  /// `exp(β · taste)` of the current member by genre, then 1 for an empty genre slot.
  var genreFactor: [Double]
  /// `pageMark[t] == pageToken` when title `t` is already on the page being filled.
  var pageMark: [Int]
  var pageToken = 0
  /// Scratch for one member's year, kept from member to member for its capacity.
  var scratch: DemoScratch

  init(seed: UInt64, catalog: DemoCatalog, members: DemoMembers, takes: DemoTakeModel, index: DemoReleaseIndex) {
    self.seed = seed
    self.catalog = catalog
    self.members = members
    self.takes = takes
    self.index = index
    let popularityWeight = catalog.popularity.map { Double.pow($0, DemoModel.popularityExponent) }
    weightFacts = index.order.map { t in
      let (g0, g1, g2) = catalog.genreSlots[t]
      return DemoWeightFacts(
        popularity: popularityWeight[t], title: Int32(t), genre0: UInt8(g0), genre1: UInt8(g1), genre2: UInt8(g2),
        homeCountry: UInt8(catalog.homeCountry[t]))
    }
    pageFacts = catalog.indices.map { t in
      let (g0, g1, g2) = catalog.genreSlots[t]
      return DemoPageFacts(
        takeBase: catalog.takeBase[t], firstArtwork: Int32(catalog.artworkStart[t]),
        artworkCount: UInt8(catalog.artworks(of: t).count), genre0: UInt8(g0), genre1: UInt8(g1), genre2: UInt8(g2))
    }
    personal = DemoTitleSampler(index: index)
    popular = DemoTitleSampler(index: index)
    popular.load { _, t in popularityWeight[t] }
    popularInGenre = DemoNames.genres.indices.map { g in
      var sampler = DemoTitleSampler(index: index) { catalog.genres[$0].contains(g) }
      sampler.load { _, t in popularityWeight[t] }
      return sampler
    }
    pageMark = Array(repeating: -1, count: catalog.count)
    favouritesInCast = Array(repeating: 0, count: catalog.count)
    genreFactor = Array(repeating: 1, count: DemoNames.genres.count + 1)
    scratch = DemoScratch(titles: catalog.count)
  }

  /// Appends member `m`'s plays, ratings, logged pages, searches and exposures to `log`.
  mutating func simulate(member m: Int, into log: inout DemoLog) {
    scratch.reset()
    loadWeights(member: m)
    simulatePlays(member: m, into: &log)
    let firstPage = log.pageCount + 1
    let moments = simulatePages(member: m, into: &log)
    simulateSearches(member: m, into: &log)
    simulateExposures(member: m, moments: moments, firstPage: firstPage, into: &log)
  }

  /// weight(t) = popularity^α · exp(β · taste·genres(t)) · e^(γ · favourite cast in t) · κ^[home country],
  /// multiplied in that order (so that the weights do not depend on how they are computed).
  private mutating func loadWeights(member m: Int) {
    let taste = members.taste(of: m)
    for (g, w) in zip(genreFactor.indices, taste) { genreFactor[g] = Double.exp(DemoModel.tasteStrength * w) }
    if m > 0 {
      for actor in members.favourites[m - 1] {
        for t in catalog.filmography[actor] { favouritesInCast[t] = 0 }
      }
    }
    for actor in members.favourites[m] {
      for t in catalog.filmography[actor] { favouritesInCast[t] += 1 }
    }
    let country = members.country[m]
    weightFacts.withUnsafeBufferPointer { facts in
      genreFactor.withUnsafeBufferPointer { factor in
        favouritesInCast.withUnsafeBufferPointer { cast in
          personal.load { k, _ in
            let f = facts[k]
            return Self.weight(
              popularity: f.popularity, genreFactors: (factor[Int(f.genre0)], factor[Int(f.genre1)], factor[Int(f.genre2)]),
              atHome: Int(f.homeCountry) == country, favouritesInCast: cast[Int(f.title)])
          }
        }
      }
    }
  }

  /// A member's weight of one title, from its popularity^α, the member's factor exp(β · taste) of
  /// each of its genre slots, whether it comes from the member's country, and how many of the
  /// member's favourite actors it casts; multiplied in that order.
  @inline(__always)
  static func weight(
    popularity: Double, genreFactors f: (Double, Double, Double), atHome: Bool, favouritesInCast: Int
  ) -> Double {
    var w = popularity * f.0 * f.1 * f.2 * (atHome ? DemoModel.homeTilt : 1)
    for _ in 0..<favouritesInCast { w *= DemoModel.castFactor }
    return w
  }

  /// How much the member likes title `t` (0…1): a logistic of genre affinity and favourite cast.
  func like(member m: Int, title t: Int) -> Double {
    Self.like(member: m, title: t, favouritesInCast: favouritesInCast[t], members: members, catalog: catalog)
  }

  /// `like` given how many of the member's favourite actors the title casts.
  static func like(member m: Int, title t: Int, favouritesInCast: Int, members: DemoMembers, catalog: DemoCatalog) -> Double {
    let affinity = members.affinity(m, genres: catalog.genreSlots[t]) + 0.15 * Double(favouritesInCast)
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
