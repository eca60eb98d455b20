import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecCore

@Suite struct DemoWorldTests {
  /// Small worlds keep the suite fast in debug builds; generation is deterministic, so every
  /// figure asserted below is exact for its seed.
  static let small = DemoWorld.generate(members: 500, titles: 200, seed: 1)
  static let medium = DemoWorld.generate(members: 2_000, titles: 1_000, seed: 1)

  static let cut = CivilTime.days(year: 2026, month: 6, day: 1) * 86400

  // MARK: - Determinism

  @Test func sameSeedGivesIdenticalTables() {
    let again = DemoWorld.generate(members: 500, titles: 200, seed: 1)
    #expect(checksum(again) == checksum(Self.small))
  }

  @Test func differentSeedGivesDifferentTables() {
    let other = DemoWorld.generate(members: 500, titles: 200, seed: 2)
    #expect(checksum(other) != checksum(Self.small))
    for name in ["titles", "plays", "impressions", "searches"] {
      #expect(checksum(table(other, name)) != checksum(table(Self.small, name)), "table \(name)")
    }
  }

  /// Members are simulated on their own sub-streams, so a member's rows do not depend on how
  /// many members there are, nor on how they were split between threads (one chunk at 500 members,
  /// two at 1 600).
  @Test func memberRowsDoNotDependOnTheThreadSplit() {
    let larger = DemoWorld.generate(members: 1_600, titles: 200, seed: 1)
    for name in ["plays", "ratings", "searches", "exposures"] {
      #expect(checksum(rows(of: table(larger, name), memberAtMost: 500)) == checksum(table(Self.small, name)))
    }
    #expect(checksum(table(larger, "titles")) == checksum(table(Self.small, "titles")))
  }

  // MARK: - Schema and sizes

  @Test func tablesFollowTheCanonicalSchema() {
    let expected: [(String, [(String, ColumnType)])] = [
      ("titles", [("id", .int), ("name", .string), ("kind", .string), ("genres", .list), ("cast", .list),
                  ("directors", .list), ("year", .int), ("released", .date), ("maturity", .string)]),
      ("members", [("id", .int), ("country", .string), ("language", .string), ("joined", .date)]),
      ("plays", [("member", .int), ("title", .int), ("at", .time), ("seconds", .int), ("completion", .float),
                 ("device", .string)]),
      ("ratings", [("member", .int), ("title", .int), ("at", .time), ("rating", .float)]),
      ("artworks", [("title", .int), ("id", .int), ("tags", .list)]),
      ("impressions", [("member", .int), ("title", .int), ("at", .time), ("page", .int), ("row", .int),
                       ("position", .int), ("artwork", .int), ("propensity", .float), ("played", .bool)]),
      ("searches", [("member", .int), ("query", .string), ("at", .time), ("clicked", .int)]),
      ("pages", [("member", .int), ("row", .int), ("col", .int), ("title", .int), ("row_title", .string)]),
      ("truth.titles", [("title", .int), ("popularity", .float), ("home_country", .string), ("runtime", .duration),
                        ("episodes", .int), ("take_base", .float)]),
      ("truth.members", [("member", .int), ("top_genre", .string), ("activity", .float),
                         ("favourite_cast", .list), ("usual_device", .string)]),
      ("truth.tastes", [("member", .int), ("genre", .string), ("weight", .float)]),
      ("truth.takes", [("title", .int), ("artwork", .int), ("effect", .float), ("logit", .float),
                       ("probability", .float)]),
      ("truth.genre_tags", [("genre", .string), ("tag", .string), ("weight", .float)]),
      ("truth.country_tags", [("country", .string), ("tag", .string), ("weight", .float)]),
      ("truth.impressions", [("page", .int), ("row", .int), ("position", .int), ("probability", .float)]),
      ("truth.searches", [("member", .int), ("query", .string), ("at", .time), ("intent", .string),
                          ("intended", .int), ("genre", .string), ("typo", .bool)]),
      ("exposures", [("member", .int), ("title", .int), ("at", .time), ("page", .int), ("slot", .int),
                     ("shown", .bool), ("propensity", .float), ("played", .bool)]),
      ("truth.exposures", [("page", .int), ("slot", .int), ("p_shown", .float), ("p_not_shown", .float),
                           ("uplift", .float)]),
    ]
    #expect(Self.small.tables.map(\.name) == expected.map(\.0))
    for ((name, table), (_, columns)) in zip(Self.small.tables, expected) {
      #expect(table.names == columns.map(\.0), "columns of \(name)")
      #expect(table.columns.map(\.type) == columns.map(\.1), "types of \(name)")
    }
  }

  /// `members 500 titles 200`: the sizes scale with the parameters; the row counts are exact for seed 1.
  @Test func sizesFollowTheParameters() {
    let w = Self.small
    #expect(table(w, "titles").count == 200)
    #expect(table(w, "members").count == 500)
    #expect(table(w, "truth.titles").count == 200)
    #expect(table(w, "truth.tastes").count == 500 * 18)
    #expect(table(w, "truth.genre_tags").count == 18 * 12)
    #expect(table(w, "truth.country_tags").count == 10 * 12)
    #expect(table(w, "artworks").count == 1_127)
    #expect(table(w, "truth.takes").count == 1_127)
    #expect(table(w, "plays").count == 41_369)
    #expect(table(w, "ratings").count == 1_897)
    #expect(table(w, "impressions").count == 79_312)
    #expect(table(w, "truth.impressions").count == 79_312)
    #expect(table(w, "searches").count == 1_217)
    #expect(table(w, "pages").count == 1_986)
    #expect(w.memberCount == 500 && w.titleCount == 200)
  }

  @Test func catalogListsHaveTheirSizes() {
    let titles = table(Self.small, "titles")
    for i in 0..<titles.count {
      guard case .list(let genres) = titles["genres"]!.value(at: i),
        case .list(let cast) = titles["cast"]!.value(at: i),
        case .list(let directors) = titles["directors"]!.value(at: i)
      else { Issue.record("lists expected"); return }
      #expect((1...3).contains(genres.count) && Set(genres).count == genres.count)
      #expect((2...5).contains(cast.count) && Set(cast).count == cast.count)
      #expect(directors.count == 1)
    }
    let names = (0..<titles.count).map { titles["name"]!.value(at: $0) }
    #expect(Set(names).count == titles.count)
    let artworks = table(Self.small, "artworks")
    var perTitle: [Int: Int] = [:]
    for i in 0..<artworks.count {
      perTitle[artworks["title"]!.int(at: i)!, default: 0] += 1
      #expect(artworks["id"]!.int(at: i) == i + 1)
    }
    #expect(perTitle.count == 200 && perTitle.values.allSatisfy { (3...8).contains($0) })
  }

  // MARK: - Plays

  @Test func everyPlayFollowsItsTitlesRelease() {
    let titles = table(Self.small, "titles")
    let plays = table(Self.small, "plays")
    let released = (0..<titles.count).map { titles["released"]!.int(at: $0)! }
    let start = DemoWorld.firstDay * 86400
    let end = (DemoWorld.firstDay + DemoWorld.dayCount) * 86400
    var previous = (0, 0)
    for i in 0..<plays.count {
      let member = plays["member"]!.int(at: i)!
      let at = plays["at"]!.int(at: i)!
      #expect(at >= released[plays["title"]!.int(at: i)! - 1] * 86400)
      #expect(at >= start && at < end && at % 60 == 0)
      #expect(previous <= (member, at), "plays are ordered by member, then time")
      previous = (member, at)
      let completion = plays["completion"]!.double(at: i)!
      #expect(completion > 0 && completion <= 1)
    }
  }

  /// Some titles are left between 5% and 90% at the member's latest play of them.
  @Test func continueWatchingHasContent() {
    let plays = table(Self.medium, "plays")
    var latest: [Int: Double] = [:]
    for i in 0..<plays.count {
      latest[plays["member"]!.int(at: i)! << 20 | plays["title"]!.int(at: i)!] = plays["completion"]!.double(at: i)!
    }
    let unfinished = latest.values.filter { $0 >= 0.05 && $0 <= 0.9 }.count
    #expect(Double(unfinished) / Double(latest.count) > 0.1)
  }

  @Test func newReleasesArriveDuringTheTestMonth() {
    let titles = table(Self.medium, "titles")
    let june = CivilTime.days(year: 2026, month: 6, day: 1)
    let inJune = (0..<titles.count).filter { titles["released"]!.int(at: $0)! >= june }.count
    #expect(inJune >= 5)
  }

  // MARK: - Impressions and truth

  @Test func propensitiesAreUniformOverTheTitlesArtworks() {
    let w = Self.small
    let impressions = table(w, "impressions")
    let truth = table(w, "truth.impressions")
    for i in stride(from: 0, to: impressions.count, by: 7) {
      let member = impressions["member"]!.int(at: i)!
      let title = impressions["title"]!.int(at: i)!
      let artwork = impressions["artwork"]!.int(at: i)!
      let artworks = w.artworks(title: title)
      #expect(artworks.contains(artwork))
      #expect(impressions["propensity"]!.double(at: i)! == 1 / Double(artworks.count))
      #expect(truth["probability"]!.double(at: i)! == w.takeProbability(member: member, title: title, artwork: artwork))
      #expect((1...5).contains(impressions["row"]!.int(at: i)!) && (1...8).contains(impressions["position"]!.int(at: i)!))
    }
  }

  @Test func takeProbabilityAndBestArtwork() {
    let w = Self.small
    let artworks = w.artworks(title: 7)
    let best = w.bestArtwork(member: 3, title: 7)
    let probabilities = artworks.map { w.takeProbability(member: 3, title: 7, artwork: $0) }
    #expect(probabilities.allSatisfy { $0 > 0 && $0 < 1 })
    #expect(w.takeProbability(member: 3, title: 7, artwork: best) == probabilities.max())
    #expect(w.takeProbability(member: 3, title: 8, artwork: best) == 0, "artwork of another title")
    #expect(w.takeProbability(member: 0, title: 7, artwork: best) == 0)
    let taste = w.taste(member: 3)
    #expect(taste.count == 18 && abs(taste.reduce(0, +) - 1) < 1e-9)
    #expect(DemoWorld.genres[taste.indices.max { taste[$0] < taste[$1] }!] == w.topGenre(member: 3))
    #expect(DemoWorld.countries.contains(w.country(member: 3)))
  }

  /// The played rate follows the true take probabilities.
  @Test func playedFollowsTheTruth() {
    let impressions = table(Self.medium, "impressions")
    let truth = table(Self.medium, "truth.impressions")
    var played = 0.0
    var expected = 0.0
    for i in 0..<impressions.count {
      played += impressions["played"]!.double(at: i)!
      expected += truth["probability"]!.double(at: i)!
    }
    #expect(abs(played - expected) / expected < 0.02)
  }

  // MARK: - The essential property

  /// On a cut at 2026-06-01, recommending by the member's genre affinity beats recommending the most
  /// popular titles, which beats random titles (recall@20 of titles new to the member in the test month).
  @Test func tasteBeatsPopularityBeatsRandom() {
    let r = Recalls(Self.medium)
    #expect(r.taste > 1.5 * r.popular)
    #expect(r.popular > 3 * r.random)
    #expect(r.members > 1_000)
  }

  // MARK: - Helpers

  func table(_ world: DemoWorld, _ name: String) -> Table {
    world.tables.first { $0.name == name }!.table
  }

  func rows(of table: Table, memberAtMost limit: Int) -> Table {
    let member = table["member"]!
    return table.gather((0..<table.count).filter { member.int(at: $0)! <= limit })
  }
}

/// FNV-1a over a table's names and values.
func checksum(_ table: Table) -> UInt64 {
  var h: UInt64 = 0xcbf2_9ce4_8422_2325
  func mix(_ v: UInt64) {
    h = (h ^ v) &* 0x100_0000_01b3
  }
  func mix(_ s: String) { for b in s.utf8 { mix(UInt64(b)) } }
  for (name, column) in zip(table.names, table.columns) {
    mix(name)
    for i in 0..<column.count {
      switch column.value(at: i) {
      case .null: mix(0)
      case .int(let v), .date(let v), .time(let v), .duration(let v): mix(UInt64(bitPattern: Int64(v)))
      case .float(let v): mix(v.bitPattern)
      case .bool(let b): mix(b ? 1 : 2)
      case .string(let s): mix(s)
      case .list(let items): for s in items { mix(s) }
      }
    }
  }
  return h
}

func checksum(_ world: DemoWorld) -> UInt64 {
  world.tables.reduce(0) { $0 &* 31 &+ checksum($1.table) }
}

/// Mean recall@20 over members with a train play and a title first played in the test month, for
/// three recommenders that exclude the member's train titles: genre-weighted popularity (train play
/// count × the member's train genre share on the title's genres), popularity, and random.
struct Recalls {
  var taste = 0.0, popular = 0.0, random = 0.0
  var members = 0

  init(_ world: DemoWorld, k: Int = 20) {
    let plays = world.tables.first { $0.name == "plays" }!.table
    let titles = world.tables.first { $0.name == "titles" }!.table
    let cut = DemoWorldTests.cut
    let genreNames = DemoWorld.genres
    let titleGenres: [[Int]] = (0..<titles.count).map {
      guard case .list(let g) = titles["genres"]!.value(at: $0) else { return [] }
      return g.map { genreNames.firstIndex(of: $0)! }
    }
    let releasedBeforeCut = (0..<titles.count).filter { titles["released"]!.int(at: $0)! * 86400 < cut }
    var count = Array(repeating: 0, count: titles.count)
    var train: [Int: Set<Int>] = [:]
    var test: [Int: Set<Int>] = [:]
    var genreShare: [Int: [Double]] = [:]
    for i in 0..<plays.count {
      let m = plays["member"]!.int(at: i)!
      let t = plays["title"]!.int(at: i)! - 1
      if plays["at"]!.int(at: i)! < cut {
        count[t] += 1
        train[m, default: []].insert(t)
        var share = genreShare[m] ?? Array(repeating: 0, count: genreNames.count)
        for g in titleGenres[t] { share[g] += 1 }
        genreShare[m] = share
      } else {
        test[m, default: []].insert(t)
      }
    }
    let byPopularity = count.indices.sorted { (-count[$0], $0) < (-count[$1], $1) }
    for (m, seen) in train.sorted(by: { $0.key < $1.key }) {
      let relevant = (test[m] ?? []).subtracting(seen)
      guard !relevant.isEmpty else { continue }
      members += 1
      func recall(_ list: [Int]) -> Double { Double(relevant.intersection(list).count) / Double(relevant.count) }
      popular += recall(Array(byPopularity.lazy.filter { !seen.contains($0) }.prefix(k)))
      let share = genreShare[m]!
      let score = count.indices.map { t in Double(count[t]) * titleGenres[t].reduce(0) { $0 + share[$1] } }
      let byTaste = count.indices.sorted { (-score[$0], $0) < (-score[$1], $1) }
      taste += recall(Array(byTaste.lazy.filter { !seen.contains($0) }.prefix(k)))
      var generator = SeededRandom(seed: 99, stream: UInt64(m))
      var picks: Set<Int> = []
      let pool = releasedBeforeCut.filter { !seen.contains($0) }
      while picks.count < min(k, pool.count) { picks.insert(pool[generator.below(pool.count)]) }
      random += recall(Array(picks))
    }
    taste /= Double(members)
    popular /= Double(members)
    random /= Double(members)
  }
}
