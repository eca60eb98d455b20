import Testing

@testable import RecCore
@testable import RecEngine
@testable import RecKit

/// The session keeps the feature history learned rankers read while the data is unchanged, and
/// builds it afresh for another "now" or changed tables.
@Suite struct SearchFeatureHistoryCacheTests {
  @Test func reusedWhileTheTablesShareTheirStorage() throws {
    let session = Session(options: SessionOptions()) { _, _ in }
    if let problem = session.run(SourceFile(name: "c.rec", text: "load demo members 200 titles 100\n")) { throw problem }
    let cache = SearchFeatureHistoryCache()
    let tables = session.tablesByName
    let (plays, searches) = (try #require(tables["plays"]), try #require(tables["searches"]))
    let now = 1_780_000_000
    let first = try #require(cache.history(plays: plays, searches: searches, tables: tables, now: now))
    #expect(cache.history(plays: plays, searches: searches, tables: tables, now: now) === first)
    #expect(cache.history(plays: plays, searches: searches, tables: tables, now: now + 1) !== first)
    let fewer = plays.gather(Array(0..<(plays.count / 2)))
    #expect(cache.history(plays: fewer, searches: searches, tables: tables, now: now + 1) !== first)
  }
}
