import Testing

@testable import RecKit
@testable import RecBench
@testable import RecEngine
@testable import RecCore

/// Home pages on a small demo world judged on a cut at 2026-06-01: the `balanced` rules hold
/// on every member's page, and personalised rows beat popularity, which beats chance.
@Suite struct HomePageQualityTests {
  /// The tour's rows and `home_ranked` page, then rows and pages to compare it with.
  static let tour = BenchmarkScripts.tourPage + "\n\n" + """
    row picks "Top picks for you"
      from top_picks()
      exclude watched
    row pop1 "Popular"
      from popular()
      exclude watched
    row pop2 "Popular this month"
      from popular(window: 30d)
      exclude watched
    row pop3 "Popular this week"
      from popular(window: 7d)
      exclude watched
    row pop4 "Popular in {member.country}"
      from popular(by: member.country)
      exclude watched
    row rand1 "Random"
      from titles
      order by random()
    row rand2 "Random"
      from titles
      order by random()
    row rand3 "Random"
      from titles
      order by random()
    row rand4 "Random"
      from titles
      order by random()
    diversity unique
      unique titles
    page personal
      candidates because, genre, picks
      utility relevance
      diversity unique
      size 4 x 5
    page popular
      rows pop1, pop2, pop3, pop4
      diversity unique
      size 4 x 5
    page random
      rows rand1, rand2, rand3, rand4
      diversity unique
      size 4 x 5
    """

  /// A session on a 1,000-member demo with the tour's definitions, and the train side of
  /// a cut at 2026-06-01.
  static func world() throws -> (Session, SplitResult) {
    let world = DemoWorld.generate(members: 1_000, titles: 300, seed: 1)
    let session = Session(options: SessionOptions()) { _, _ in }
    session.tables = .init(uniqueKeysWithValues: world.tables.map { ($0.name, $0.table) })
    if let problem = session.run(SourceFile(name: "tour.rec", text: tour)) { throw problem }
    let cut = CivilTime.days(year: 2026, month: 6, day: 1) * 86400
    let split = try Splitter.split(session.tables["plays"]!, by: .time(at: cut), name: "plays", at: nil)
    return (session, split)
  }

  static func builder(_ name: String, _ session: Session, _ split: SplitResult) throws -> HomePageBuilder {
    let page = try session.plan(ofPage: name)
    let tables = Dictionary(uniqueKeysWithValues: session.tables.map { ($0, $1) })
    return try session.homePageBuilder(page, context: PageContext(plays: split.train, tables: tables, now: split.now))
  }

  @Test func balancedHoldsOnEveryMembersPage() throws {
    let (session, split) = try Self.world()
    let builder = try Self.builder("home_ranked", session, split)
    let index = builder.home.index
    var pages = 0
    for member in index.memberIDs {
      guard let grid = try builder.page(for: member) else { continue }
      pages += 1
      let titles = grid.rows.flatMap(\.titles)
      #expect(Set(titles).count == titles.count, "member \(member): a title twice")
      #expect(grid.rows.allSatisfy { $0.titles.count >= 5 }, "member \(member): a short row")
      #expect(grid.rows.count <= 10 && grid.rows.allSatisfy { $0.titles.count <= 20 })
      var perGenre: [String: Int] = [:]
      for row in grid.rows {
        let genre = row.title.hasSuffix(" picks for you")
          ? index.genreNames.firstIndex(of: String(row.title.dropLast(" picks for you".count))).map(Int32.init)
          : HomePageBuilder.commonestGenre(row.titles.map { index.titleNumber[$0]! }, index: index)
        if let genre { perGenre[index.genreNames[Int(genre)], default: 0] += 1 }
      }
      #expect(perGenre.values.allSatisfy { $0 <= 2 }, "member \(member): \(perGenre)")
    }
    #expect(pages == 1_000)
  }

  /// Recall@4x5: distinct test titles inside the first 4 rows and 5 columns over distinct
  /// test titles, averaged over members with at least one.
  static func recall(_ builder: HomePageBuilder, test: Table) throws -> Double {
    var relevant: [Int: Set<Int>] = [:]
    let (member, title) = (test["member"]!, test["title"]!)
    for i in 0..<test.count { relevant[member.int(at: i)!, default: []].insert(title.int(at: i)!) }
    var sum = 0.0
    for (m, titles) in relevant {
      let grid = try builder.page(for: m)?.rows.prefix(4).flatMap { $0.titles.prefix(5) } ?? []
      sum += Double(titles.intersection(grid).count) / Double(titles.count)
    }
    return sum / Double(relevant.count)
  }

  @Test func personalisedBeatsPopularBeatsRandomInRecall() throws {
    let (session, split) = try Self.world()
    let personal = try Self.recall(Self.builder("personal", session, split), test: split.test)
    let popular = try Self.recall(Self.builder("popular", session, split), test: split.test)
    let random = try Self.recall(Self.builder("random", session, split), test: split.test)
    print("recall@4x5 personal \(personal) popular \(popular) random \(random)")
    #expect(personal > popular)
    #expect(popular > random)
  }
}
