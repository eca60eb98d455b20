/// The true take model of artworks: the probability that a member plays a title shown with an
/// artwork is `sigmoid(b_t + e_a + Σ_{tag ∈ a} (w[topGenre(m), tag] + u[country(m), tag]) + δ · affinity(m, t))`.
struct DemoTakeModel: Sendable {
  /// w, genre-major: `genreTag[g * tags + tag]`.
  let genreTag: [Double]
  /// u, country-major: `countryTag[c * tags + tag]`.
  let countryTag: [Double]
  /// w + u of each (top genre, country) pair, `pairTag[(g · countries + c) · (tags + 1) + tag]`,
  /// and 0 after the tags of each pair for an empty tag slot (`DemoCatalog.artworkTagSlots`): a
  /// member's tag weights are one short row, each added as the sum the formula names.
  private let pairTag: [Double]

  init(genreTag: [Double], countryTag: [Double]) {
    self.genreTag = genreTag
    self.countryTag = countryTag
    let tags = DemoNames.tags.count
    var pairs: [Double] = []
    for g in DemoNames.genres.indices {
      for c in DemoNames.countries.indices {
        for tag in 0..<tags { pairs.append(genreTag[g * tags + tag] + countryTag[c * tags + tag]) }
        pairs.append(0)
      }
    }
    pairTag = pairs
  }

  static func generate(random: inout SeededRandom) -> DemoTakeModel {
    let tags = DemoNames.tags.count
    return DemoTakeModel(
      genreTag: (0..<DemoNames.genres.count * tags).map { _ in DemoModel.genreTagSigma * random.normal() },
      countryTag: (0..<DemoNames.countries.count * tags).map { _ in DemoModel.countryTagSigma * random.normal() }
    )
  }

  @inline(__always)
  func probability(member m: Int, title t: Int, artwork a: Int, members: DemoMembers, catalog: DemoCatalog) -> Double {
    probability(
      member: m, takeBase: catalog.takeBase[t], genres: catalog.genreSlots[t], artwork: a, members: members,
      catalog: catalog)
  }

  /// The take probability given the title's base logit and genre slots, for callers that keep
  /// them at hand.
  @inline(__always)
  func probability(
    member m: Int, takeBase: Double, genres: (Int, Int, Int), artwork a: Int, members: DemoMembers,
    catalog: DemoCatalog
  ) -> Double {
    probability(
      member: m, takeBase: takeBase, lift: DemoModel.takeAffinity * members.affinity(m, genres: genres), artwork: a,
      members: members, catalog: catalog)
  }

  /// The take probability given the title's base logit and the member's taste for the title's
  /// genres (`lift`), for callers that judge several artworks of one title for one member.
  @inline(__always)
  func probability(
    member m: Int, takeBase: Double, lift: Double, artwork a: Int, members: DemoMembers, catalog: DemoCatalog
  ) -> Double {
    let row = (members.topGenre[m] * DemoNames.countries.count + members.country[m]) * (DemoNames.tags.count + 1)
    var logit = takeBase + catalog.artworkEffect[a] + lift
    // The artwork's tags in their order, an empty slot adding 0 (x + 0 is x): no branch on how
    // many tags it has, which no predictor guesses.
    let (t0, t1, t2) = catalog.artworkTagSlots[a]
    logit += pairTag[row + Int(t0)]
    logit += pairTag[row + Int(t1)]
    logit += pairTag[row + Int(t2)]
    return 1 / (1 + Double.exp(-logit))
  }

  /// `truth.genre_tags`: genre, tag, weight (w).
  func genreTagsTable() -> Table { weightsTable("genre", DemoNames.genres, genreTag) }

  /// `truth.country_tags`: country, tag, weight (u).
  func countryTagsTable() -> Table { weightsTable("country", DemoNames.countries, countryTag) }

  private func weightsTable(_ key: String, _ keys: [String], _ weights: [Double]) -> Table {
    let tags = DemoNames.tags.count
    let rows = 0..<keys.count * tags
    return Table([
      (key, Column(type: .string, storage: .string(rows.map { Int32($0 / tags) }, StringDictionary(keys)))),
      ("tag", Column(type: .string, storage: .string(rows.map { Int32($0 % tags) }, StringDictionary(DemoNames.tags)))),
      ("weight", Column(type: .float, storage: .float64(weights))),
    ])
  }
}

extension DemoCatalog {
  /// `truth.titles`: title, popularity, home_country, runtime, episodes, take_base.
  func truthTable() -> Table {
    Table([
      ("title", Column(type: .int, storage: .int32(Array(1...Int32(count))))),
      ("popularity", Column(type: .float, storage: .float64(popularity))),
      ("home_country", Column(type: .string, storage: .string(homeCountry.map { Int32($0) }, StringDictionary(DemoNames.countries)))),
      ("runtime", Column(type: .duration, storage: .int32(runtime.map { Int32($0) }))),
      ("episodes", Column(type: .int, storage: .int32(episodes.map { Int32($0) }))),
      ("take_base", Column(type: .float, storage: .float64(takeBase))),
    ])
  }

  /// `truth.takes`: title, artwork, effect (e_a), logit (b_t + e_a), probability (its sigmoid:
  /// the take probability for a member with no tag or affinity terms).
  func takesTable() -> Table {
    var titles: [Int32] = []
    var logits: [Double] = []
    for t in indices {
      for a in artworks(of: t) {
        titles.append(Int32(t + 1))
        logits.append(takeBase[t] + artworkEffect[a])
      }
    }
    return Table([
      ("title", Column(type: .int, storage: .int32(titles))),
      ("artwork", Column(type: .int, storage: .int32(Array(1...Int32(artworkCount))))),
      ("effect", Column(type: .float, storage: .float64(artworkEffect))),
      ("logit", Column(type: .float, storage: .float64(logits))),
      ("probability", Column(type: .float, storage: .float64(logits.map { 1 / (1 + Double.exp(-$0)) }))),
    ])
  }
}

extension DemoMembers {
  /// `truth.members`: member, top_genre, activity (plays per year if active all year),
  /// favourite_cast, usual_device.
  func truthTable(catalog: DemoCatalog) -> Table {
    Table([
      ("member", Column(type: .int, storage: .int32(Array(1...Int32(count))))),
      ("top_genre", Column(type: .string, storage: .string(topGenre.map { Int32($0) }, StringDictionary(DemoNames.genres)))),
      ("activity", Column(type: .float, storage: .float64(activity))),
      ("favourite_cast", listColumn(favourites, StringDictionary(catalog.actorNames))),
      ("usual_device", Column(type: .string, storage: .string(usualDevice.map { Int32($0) }, StringDictionary(DemoNames.devices)))),
    ])
  }

  /// `truth.tastes`: member, genre, weight — every genre of every member.
  func tastesTable() -> Table {
    let genres = DemoNames.genres.count
    let rows = 0..<count * genres
    return Table([
      ("member", Column(type: .int, storage: .int32(rows.map { Int32($0 / genres + 1) }))),
      ("genre", Column(type: .string, storage: .string(rows.map { Int32($0 % genres) }, StringDictionary(DemoNames.genres)))),
      ("weight", Column(type: .float, storage: .float64(tastes))),
    ])
  }
}
