import Synchronization

/// The built-in Netflix-like world behind `load demo`: a catalog, members with hidden tastes,
/// a year of plays, ratings, logged home pages with artwork impressions, searches, and the
/// ground truth that generated them (the `truth.…` tables and the functions below).
///
/// Everything is drawn from `SeededRandom` with the given seed, member by member on
/// per-member sub-streams, so the tables are identical on every run, machine and thread split.
/// The generative model is described in README "The demo world".
public struct DemoWorld: Sendable {
  /// The default number of members.
  public static let defaultMembers = 10_000
  /// The default number of titles.
  public static let defaultTitles = 2_000
  /// The default seed.
  public static let defaultSeed: UInt64 = 1

  /// The first day of the data year, 2025-07-01; plays run to 2026-06-30T23:59 UTC.
  public static let firstDay = DemoModel.startDay
  /// The number of days in the data year.
  public static let dayCount = DemoModel.dayCount

  let catalog: DemoCatalog
  let members: DemoMembers
  let takes: DemoTakeModel

  /// The tables in load order: `titles`, `members`, `plays`, `ratings`, `artworks`, `impressions`,
  /// `searches`, `pages`, the `truth.…` tables, then `exposures` and `truth.exposures` (added
  /// last so that the earlier tables keep their places).
  public let tables: [(name: String, table: Table)]

  /// Generates the world for `members` members and `titles` titles (at least 1 each) from `seed`.
  /// When `cancellation` is asked to stop, it stops early and what it returns is partial: the
  /// caller looks at `cancellation` before using it.
  /// - Complexity: O(members × titles) for the members' title weights, plus O(rows).
  public static func generate(
    members: Int, titles: Int, seed: UInt64, cancellation: Cancellation = .never
  ) -> DemoWorld {
    var catalogRandom = SeededRandom(seed: seed, stream: DemoModel.catalogStream)
    let catalog = DemoCatalog.generate(count: max(1, titles), random: &catalogRandom)
    var takeRandom = SeededRandom(seed: seed, stream: DemoModel.takeStream)
    let takes = DemoTakeModel.generate(random: &takeRandom)
    let people = DemoMembers.generate(count: max(1, members), seed: seed, catalog: catalog, cancellation: cancellation)
    let log = simulate(seed: seed, catalog: catalog, members: people, takes: takes, cancellation: cancellation)
    // Stopped: the tables of a partial world would only be thrown away.
    if cancellation.isCancelled { return DemoWorld(catalog: catalog, members: people, takes: takes, tables: []) }
    let tables: [(name: String, table: Table)] = [
      ("titles", catalog.titlesTable()),
      ("members", people.membersTable()),
      ("plays", log.playsTable()),
      ("ratings", log.ratingsTable()),
      ("artworks", catalog.artworksTable()),
      ("impressions", log.impressionsTable()),
      ("searches", log.searchesTable()),
      ("pages", log.pagesTable()),
      ("truth.titles", catalog.truthTable()),
      ("truth.members", people.truthTable(catalog: catalog)),
      ("truth.tastes", people.tastesTable()),
      ("truth.takes", catalog.takesTable()),
      ("truth.genre_tags", takes.genreTagsTable()),
      ("truth.country_tags", takes.countryTagsTable()),
      ("truth.impressions", log.truthImpressionsTable()),
      ("truth.searches", log.truthSearchesTable()),
      ("exposures", log.exposuresTable()),
      ("truth.exposures", log.truthExposuresTable()),
    ]
    return DemoWorld(catalog: catalog, members: people, takes: takes, tables: tables)
  }

  /// Runs every member's year in chunks on all cores and joins the chunks in member order.
  ///
  /// Every member draws from random streams of its own, so the log is the same however the
  /// members are cut; several chunks per core let a core that finishes early take more.
  private static func simulate(
    seed: UInt64, catalog: DemoCatalog, members people: DemoMembers, takes: DemoTakeModel,
    cancellation: Cancellation
  ) -> DemoLog {
    let count = people.count
    let parts = chunks(of: count, into: count >= 1_000 ? min(8, count / 500) : 1)
    let index = DemoReleaseIndex(catalog: catalog)
    let results = Mutex<[DemoLog]>(Array(repeating: DemoLog(), count: parts.count))
    inParallel(parts.count) { c in
      let members = parts[c]
      var simulator = DemoSimulator(seed: seed, catalog: catalog, members: people, takes: takes, index: index)
      // The first chunk's log becomes the whole log: it has room for every member, so that the
      // other chunks are appended to it without moving it.
      var log = DemoLog(reservingFor: c == 0 ? count : members.count)
      for m in members {
        if m % 256 == 0 && cancellation.isCancelled { break }
        simulator.simulate(member: m, into: &log)
      }
      results.withLock { $0[c] = log }
    }
    var logs: [DemoLog] = []
    results.withLock { swap(&logs, &$0) }
    var log = logs.removeFirst()
    for part in logs { log.append(part) }
    return log
  }

  // MARK: - The truth, for simulations and estimators

  /// The number of members.
  public var memberCount: Int { members.count }
  /// The number of titles.
  public var titleCount: Int { catalog.count }

  /// The true probability that `member` plays `title` when it is shown with `artwork`
  /// (ids as in the tables): `sigmoid(b_t + e_a + Σ_tags (w[topGenre, tag] + u[country, tag]) +
  /// δ · affinity)`, where affinity is the member's taste weight on the title's genres.
  /// Returns 0 for an artwork that is not one of the title's.
  public func takeProbability(member: Int, title: Int, artwork: Int) -> Double {
    let m = member - 1
    let t = title - 1
    let a = artwork - 1
    guard members.indices.contains(m), catalog.indices.contains(t), catalog.artworks(of: t).contains(a) else {
      return 0
    }
    return takes.probability(member: m, title: t, artwork: a, members: members, catalog: catalog)
  }

  /// `takeProbability` of each of `artworks` (ids) for one member and title, into `p`: the
  /// member's taste for the title is found once for all of them.
  package func takeProbabilities(member: Int, title: Int, artworks: UnsafeBufferPointer<Int32>, into p: UnsafeMutableBufferPointer<Double>) {
    let m = member - 1
    let t = title - 1
    guard members.indices.contains(m), catalog.indices.contains(t) else {
      for j in 0..<artworks.count { p[j] = 0 }
      return
    }
    let own = catalog.artworks(of: t)
    let base = catalog.takeBase[t]
    let lift = DemoModel.takeAffinity * members.affinity(m, genres: catalog.genreSlots[t])
    for (j, artwork) in artworks.enumerated() {
      let a = Int(artwork) - 1
      p[j] = own.contains(a)
        ? takes.probability(member: m, takeBase: base, lift: lift, artwork: a, members: members, catalog: catalog) : 0
    }
  }

  /// The title's artwork with the highest true take probability for `member` (lowest id on ties),
  /// or 0 when the member or title is unknown.
  public func bestArtwork(member: Int, title: Int) -> Int {
    let m = member - 1
    let t = title - 1
    guard members.indices.contains(m), catalog.indices.contains(t) else { return 0 }
    var best = -1
    var bestP = -1.0
    for a in catalog.artworks(of: t) {
      let p = takes.probability(member: m, title: t, artwork: a, members: members, catalog: catalog)
      if p > bestP {
        best = a
        bestP = p
      }
    }
    return best + 1
  }

  /// The artwork ids of `title`, ascending (empty for an unknown title).
  public func artworks(title: Int) -> [Int] {
    catalog.indices.contains(title - 1) ? catalog.artworks(of: title - 1).map { $0 + 1 } : []
  }

  /// The member's hidden taste: a weight per genre (in the order of `DemoWorld.genres`), summing to 1.
  public func taste(member: Int) -> [Double] {
    guard members.indices.contains(member - 1) else { return [] }
    return Array(members.taste(of: member - 1))
  }

  /// The genre with the member's largest taste weight.
  public func topGenre(member: Int) -> String {
    members.indices.contains(member - 1) ? DemoNames.genres[members.topGenre[member - 1]] : ""
  }

  /// The member's country code.
  public func country(member: Int) -> String {
    members.indices.contains(member - 1) ? DemoNames.countries[members.country[member - 1]] : ""
  }

  /// The genres, in the order of `taste(member:)`.
  public static var genres: [String] { DemoNames.genres }
  /// The artwork tags.
  public static var tags: [String] { DemoNames.tags }
  /// The member countries.
  public static var countries: [String] { DemoNames.countries }
}
