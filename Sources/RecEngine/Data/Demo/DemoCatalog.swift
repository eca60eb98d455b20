import RecCore

/// The demo catalog: titles with their genres, cast, release dates and hidden popularity, and
/// each title's candidate artworks. Title `i` has id `i + 1`; artwork `a` has id `a + 1`.
struct DemoCatalog: Sendable {
  var names: [String] = []
  var isSeries: [Bool] = []
  /// Genre indices into `DemoNames.genres`, the first being the title's main genre.
  var genres: [[Int]] = []
  /// The same genres in three slots, padded with `DemoNames.genres.count`: a flat copy for the
  /// per-member loops, which would otherwise chase a pointer per title.
  var genreSlots: [(Int, Int, Int)] = []
  var cast: [[Int]] = []
  var director: [Int] = []
  var releasedDay: [Int] = []
  var maturity: [Int] = []
  /// Latent popularity (lognormal, median 1).
  var popularity: [Double] = []
  var homeCountry: [Int] = []
  /// Seconds of the movie, or of one episode of a series.
  var runtime: [Int] = []
  /// Episodes of a series; 1 for a movie.
  var episodes: [Int] = []
  /// The title's base take logit `b_t`.
  var takeBase: [Double] = []
  /// Title `i`'s artworks are `artworkStart[i]..<artworkStart[i + 1]`.
  var artworkStart: [Int] = [0]
  var artworkTags: [[Int]] = []
  /// The artwork's tags (one to three, ascending) in three slots, an empty slot holding
  /// `DemoNames.tags.count`: a take adds three weights, the missing ones 0, with no branch.
  var artworkTagSlots: [(UInt8, UInt8, UInt8)] = []
  /// The artwork's take effect `e_a`, added to the title's base logit.
  var artworkEffect: [Double] = []
  var actorNames: [String] = []
  /// Each actor's home genre: most of their titles are in it.
  var actorGenre: [Int] = []
  var actorsByGenre: [[Int]] = []
  var directorNames: [String] = []
  /// The titles each actor appears in, ascending.
  var filmography: [[Int]] = []

  var count: Int { names.count }
  var indices: Range<Int> { 0..<count }
  var artworkCount: Int { artworkTags.count }

  func artworks(of t: Int) -> Range<Int> { artworkStart[t]..<artworkStart[t + 1] }

  /// Draws a catalog of `count` titles.
  static func generate(count: Int, random: inout SeededRandom) -> DemoCatalog {
    var c = DemoCatalog()
    var people = Set<String>()
    c.actorNames = (0..<DemoModel.actorPool).map { _ in uniquePerson(&people, &random) }
    c.directorNames = (0..<DemoModel.directorPool).map { _ in uniquePerson(&people, &random) }
    let genreTotals = runningTotals(DemoNames.genreWeights)
    c.actorGenre = c.actorNames.map { _ in random.pick(cumulative: genreTotals) }
    c.actorsByGenre = Array(repeating: [], count: DemoNames.genres.count)
    for (actor, g) in c.actorGenre.enumerated() { c.actorsByGenre[g].append(actor) }
    c.filmography = Array(repeating: [], count: DemoModel.actorPool)

    var nameUses: [String: Int] = [:]
    let countryTotals = runningTotals(DemoNames.countryWeights)
    for t in 0..<count {
      let base = titleName(&random)
      let uses = nameUses[base, default: 0] + 1
      nameUses[base] = uses
      c.names.append(uses == 1 ? base : "\(base) \(uses)")
      let series = random.chance(DemoModel.seriesShare)
      c.isSeries.append(series)
      let genreCount = [1, 2, 2, 2, 3][random.below(5)]
      let genres = random.pickDistinct(genreCount, cumulative: genreTotals)
      c.genres.append(genres)
      let pad = DemoNames.genres.count
      c.genreSlots.append((genres[0], genres.count > 1 ? genres[1] : pad, genres.count > 2 ? genres[2] : pad))
      let cast = castFor(genres: genres, size: 2 + random.below(4), catalog: c, random: &random)
      for actor in cast { c.filmography[actor].append(t) }
      c.cast.append(cast)
      c.director.append(random.below(DemoModel.directorPool))
      c.releasedDay.append(releaseDay(&random))
      c.maturity.append(maturity(genres: genres, series: series, random: &random))
      let popularity = Double.exp(DemoModel.popularitySigma * random.normal())
      c.popularity.append(popularity)
      c.homeCountry.append(random.pick(cumulative: countryTotals))
      c.runtime.append(series ? [22, 30, 45, 50, 60][random.below(5)] * 60 : (85 + random.below(66)) * 60)
      c.episodes.append(series ? 6 + random.below(35) : 1)
      c.takeBase.append(-2.3 + 0.25 * Double.log(popularity) + 0.3 * random.normal())
      for _ in 0..<3 + random.below(6) {
        let tags = random.pickDistinct(1 + random.below(3), cumulative: tagTotals).sorted()
        c.artworkTags.append(tags)
        let slot = { (i: Int) in UInt8(i < tags.count ? tags[i] : DemoNames.tags.count) }
        c.artworkTagSlots.append((slot(0), slot(1), slot(2)))
        c.artworkEffect.append(0.4 * random.normal())
      }
      c.artworkStart.append(c.artworkTags.count)
    }
    return c
  }

  private static let tagTotals = runningTotals(DemoNames.tags.map { _ in 1.0 })

  private static func uniquePerson(_ used: inout Set<String>, _ random: inout SeededRandom) -> String {
    while true {
      let name = "\(DemoNames.firstNames[random.below(DemoNames.firstNames.count)]) "
        + DemoNames.lastNames[random.below(DemoNames.lastNames.count)]
      if used.insert(name).inserted { return name }
    }
  }

  /// "The Quiet Harbor", "Blue Circuit", "The Lighthouse", "The Garden of Lisbon", "Ava's Promise".
  private static func titleName(_ random: inout SeededRandom) -> String {
    func word(_ list: [String]) -> String { list[random.below(list.count)] }
    switch random.below(10) {
    case 0...3: return "The \(word(DemoNames.adjectives)) \(word(DemoNames.nouns))"
    case 4...6: return "\(word(DemoNames.adjectives)) \(word(DemoNames.nouns))"
    case 7: return "The \(word(DemoNames.nouns))"
    case 8: return "The \(word(DemoNames.nouns)) of \(word(DemoNames.places))"
    default: return "\(word(DemoNames.firstNames))'s \(word(DemoNames.nouns))"
    }
  }

  /// Mostly actors at home in one of the title's genres, the rest from the whole pool.
  private static func castFor(
    genres: [Int], size: Int, catalog c: DemoCatalog, random: inout SeededRandom
  ) -> [Int] {
    var cast: [Int] = []
    while cast.count < size {
      let pool = c.actorsByGenre[genres[random.below(genres.count)]]
      let actor = random.chance(DemoModel.castGenreShare) && !pool.isEmpty
        ? pool[random.below(pool.count)] : random.below(DemoModel.actorPool)
      if !cast.contains(actor) { cast.append(actor) }
    }
    return cast
  }

  /// A share released during the data year, uniformly; the back catalog years before.
  private static func releaseDay(_ random: inout SeededRandom) -> Int {
    if random.chance(DemoModel.newReleaseShare) {
      return DemoModel.startDay + random.below(DemoModel.dayCount)
    }
    let age = 1 + Int(random.exponential() * DemoModel.backCatalogMeanAge)
    return max(CivilTime.days(year: 1960, month: 1, day: 1), DemoModel.startDay - age)
  }

  /// G/PG for family titles, R/TV-MA for dark ones (TV-MA rather than R for series).
  private static func maturity(genres: [Int], series: Bool, random: inout SeededRandom) -> Int {
    let name = Set(genres.map { DemoNames.genres[$0] })
    let weights: [Double] =
      if !name.isDisjoint(with: ["Family", "Animation"]) { [45, 45, 10, 0, 0] }
      else if !name.isDisjoint(with: ["Horror", "Crime", "Thriller"]) { [0, 0, 25, 45, 30] }
      else { [5, 20, 40, 20, 15] }
    let m = random.pick(cumulative: runningTotals(weights))
    return series && m == 3 ? 4 : m
  }

  // MARK: - Tables

  /// `titles`: id, name, kind, genres, cast, directors, year, released, maturity.
  func titlesTable() -> Table {
    let genreDict = StringDictionary(DemoNames.genres)
    let castDict = StringDictionary(actorNames)
    let directorDict = StringDictionary(directorNames)
    return Table([
      ("id", Column(type: .int, storage: .int32((1...Int32(count)).map { $0 }))),
      ("name", Column(type: .string, storage: .string((0..<Int32(count)).map { $0 }, StringDictionary(names)))),
      ("kind", Column(type: .string, storage: .string(isSeries.map { $0 ? 1 : 0 }, StringDictionary(DemoNames.kinds)))),
      ("genres", listColumn(genres, genreDict)),
      ("cast", listColumn(cast, castDict)),
      ("directors", listColumn(director.map { [$0] }, directorDict)),
      ("year", Column(type: .int, storage: .int32(releasedDay.map { Int32(CivilTime.civil(days: $0).year) }))),
      ("released", Column(type: .date, storage: .int32(releasedDay.map { Int32($0) }))),
      ("maturity", Column(type: .string, storage: .string(maturity.map { Int32($0) }, StringDictionary(DemoNames.maturities)))),
    ])
  }

  /// `artworks`: title, id, tags.
  func artworksTable() -> Table {
    var titles: [Int32] = []
    titles.reserveCapacity(artworkCount)
    for t in indices { titles.append(contentsOf: repeatElement(Int32(t + 1), count: artworks(of: t).count)) }
    return Table([
      ("title", Column(type: .int, storage: .int32(titles))),
      ("id", Column(type: .int, storage: .int32((1...Int32(artworkCount)).map { $0 }))),
      ("tags", listColumn(artworkTags, StringDictionary(DemoNames.tags))),
    ])
  }
}

/// A list column from per-row indices into `dict`.
func listColumn(_ rows: [[Int]], _ dict: StringDictionary) -> Column {
  var offsets: [Int32] = [0]
  offsets.reserveCapacity(rows.count + 1)
  var codes: [Int32] = []
  for row in rows {
    for i in row { codes.append(Int32(i)) }
    offsets.append(Int32(codes.count))
  }
  return Column(type: .list, storage: .list(offsets: offsets, codes: codes, dict))
}
