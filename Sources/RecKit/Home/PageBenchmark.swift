import Dispatch
import Synchronization

/// `rec bench page`: one home page for every member, timed apart from building the indexes.
///
/// The demo run builds the contract tour's `home_ranked` page (10 × 20, five row definitions,
/// `balanced` diversity) for every demo member on a cut at 2026-06-01. The MovieLens run builds
/// a page of the rows MovieLens data supports for every member of a `ratings.csv`/`movies.csv`
/// folder, on a global cut 30 days before the last rating.
public struct PageBenchmark: Sendable {
  /// Seconds to build the indexes (history, co-visitation).
  public var indexSeconds: Double
  /// Seconds to build every member's page, members split in chunks over all cores.
  public var pageSeconds: Double
  /// CPU seconds (every thread, user and system) the pages took: about twice `pageSeconds`
  /// when both cores worked throughout.
  public var pageCPUSeconds: Double
  public var members: Int
  /// Titles placed on all pages together.
  public var cells: Int

  /// The demo world's run.
  public static func demo(members: Int, titles: Int) throws(Diagnostic) -> PageBenchmark {
    let world = DemoWorld.generate(members: members, titles: titles, seed: DemoWorld.defaultSeed)
    let cut = CivilTime.days(year: 2026, month: 6, day: 1) * 86400
    return try run(tables: world.tables.map { ($0.name, $0.table) }, cut: cut, definitions: tourPage, page: "home_ranked")
  }

  /// The MovieLens run over the tables the MovieLens loader made; co-visitation counts each
  /// member's `covisitDepth` most recent distinct titles.
  public static func movieLens(tables: [(String, Table)], covisitDepth: Int) throws(Diagnostic) -> PageBenchmark {
    let plays = tables.first { $0.0 == "plays" }?.1 ?? Table()
    var latest = Int.min
    if let at = plays["at"] { for i in 0..<at.count { if let t = at.int(at: i), t > latest { latest = t } } }
    let cut = latest - 30 * 86400
    return try run(tables: tables, cut: cut, definitions: movieLensPage, page: "home_ml", covisitDepth: covisitDepth)
  }

  /// Defines `page` in a session over `tables`, then times its indexes on the plays before
  /// `cut` and a page for every member.
  private static func run(
    tables: [(String, Table)], cut: Int, definitions: String, page name: String, covisitDepth: Int? = nil
  ) throws(Diagnostic) -> PageBenchmark {
    let byName = Dictionary(tables, uniquingKeysWith: { a, _ in a })
    let split = try Splitter.split(byName["plays"] ?? Table(), by: .time(at: cut), name: "plays", at: nil)
    let session = Session(options: SessionOptions(), write: { _, _ in })
    session.tables = .init(tables, uniquingKeysWith: { a, _ in a })
    if let problem = session.run(SourceFile(name: "<bench>", text: definitions)) { throw problem }
    guard case .page(let page) = session.definitions[name]?.kind else { return PageBenchmark(0, 0, 0, 0, 0) }
    let clock = ContinuousClock()
    var start = clock.now
    let builder = try session.homePageBuilder(
      page, context: PageContext(plays: split.train, tables: byName, now: split.now), covisitDepth: covisitDepth)
    let indexSeconds = (clock.now - start).inSeconds
    start = clock.now
    let cpuBefore = ProcessUsage.cpuSeconds()
    let ids = builder.home.index.memberIDs
    let chunks = 16
    let cells = Atomic<Int>(0)
    let failure = Mutex<Diagnostic?>(nil)
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
      var count = 0
      for i in ids.count * c / chunks..<ids.count * (c + 1) / chunks {
        do throws(Diagnostic) {
          count += try builder.page(for: ids[i])?.rows.reduce(0) { $0 + $1.titles.count } ?? 0
        } catch {
          failure.withLock { $0 = error }
        }
      }
      cells.add(count, ordering: .relaxed)
    }
    if let error = failure.withLock({ $0 }) { throw error }
    let pageSeconds = (clock.now - start).inSeconds
    let cpuAfter = ProcessUsage.cpuSeconds()
    let cpu = cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system
    return PageBenchmark(indexSeconds, pageSeconds, cpu, ids.count, cells.load(ordering: .relaxed))
  }

  private init(_ indexSeconds: Double, _ pageSeconds: Double, _ cpu: Double, _ members: Int, _ cells: Int) {
    (self.indexSeconds, self.pageSeconds, self.pageCPUSeconds) = (indexSeconds, pageSeconds, cpu)
    (self.members, self.cells) = (members, cells)
  }

  /// The contract tour's page (also the start of the home-page quality tests' definitions).
  static let tourPage = """
    row continue "Continue watching"
      from continue_watching(min: 5%, max: 90%)

    row top10 "Top 10 in {member.country} today"
      from popular(window: 7d, by: member.country)
      limit 10

    row new "New releases"
      from titles where released within 90d
      order by popularity desc

    \(personalRows)

    \(balanced)

    page home_ranked "Row-ranked home"
      candidates continue, top10, new, because, genre
      utility 0.7 * relevance + 0.2 * freshness + 0.1 * popularity
      diversity balanced
      size 10 x 20
    """

  /// The rows MovieLens data supports: ratings are plays (no completion, no impressions, no
  /// countries), movies have genres but no release dates.
  private static let movieLensPage = """
    row popular "Popular on MovieLens"
      from popular()
      exclude watched

    row month "Popular this month"
      from popular(window: 30d)
      exclude watched

    \(personalRows)

    row picks "Top picks for you"
      from top_picks()
      exclude watched

    \(balanced)

    page home_ml "MovieLens home"
      candidates popular, month, because, genre, picks
      utility 0.7 * relevance + 0.2 * freshness + 0.1 * popularity
      diversity balanced
      size 10 x 20
    """

  /// The personal rows both pages share: neighbours of recent plays, and the member's genres.
  private static let personalRows = """
    row because "Because you watched {seed.name}"
      for seed in recent_plays(limit: 3)
      from similar(seed, by: covisit)
      exclude watched
      limit 20

    row genre "{genre} picks for you"
      for genre in top_genres(limit: 5)
      from titles where genre in genres
      order by affinity(member, title) desc
      exclude watched
    """

  private static let balanced = """
    diversity balanced
      unique titles
      max 2 rows per genre
      max similarity 50% by titles
      penalty 0.3
      min row length 5
    """
}
