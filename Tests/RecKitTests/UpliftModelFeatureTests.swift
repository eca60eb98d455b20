import Foundation
import Testing

@testable import RecCore
@testable import RecEngine
@testable import RecKit

/// The history an uplift model's features read, recomputed here from the demo's tables: each
/// member's history is their plays strictly before their first exposure in the training table, and
/// `title.popularity` counts the plays of every member before that first exposure — what a page
/// shown at that moment counts, whichever members the training table holds. Checked on the treated
/// arm's kept rows (`m.treated`), which are the training table's shown rows in order.
@Suite struct UpliftModelFeatureTests {
  static let program = """
    load demo members 300 titles 120
    split exposures by time at 2026-06-01 into ex_train, ex_test
    uplift m = response(logistic(title.popularity, affinity(member, title))) on ex_train
    """

  @Test func popularityCountsEveryMembersPlaysBeforeEachMembersFirstExposure() throws {
    let session = Session(options: SessionOptions(directory: TemporaryFolder().path)) { _, _ in }
    if let problem = session.run(SourceFile(name: "m.rec", text: Self.program)) { throw problem }
    let log = try #require(session.tables["ex_train"])
    let plays = try #require(session.tables["plays"])
    let kept = try #require(session.tables["m.treated"])
    let (member, title, at, shown) = (
      try #require(log["member"]), try #require(log["title"]), try #require(log["at"]), try #require(log["shown"])
    )
    var first: [Int: Int] = [:]
    for i in 0..<log.count {
      let m = try #require(member.int(at: i))
      first[m] = min(first[m] ?? .max, try #require(at.int(at: i)))
    }
    var playTimes: [Int: [Int]] = [:]
    for i in 0..<plays.count {
      guard let t = plays["title"]?.int(at: i), let when = plays["at"]?.int(at: i) else { continue }
      playTimes[t, default: []].append(when)
    }
    let expected = try (0..<log.count).filter { shown.int(at: $0) == 1 }.map { i in
      let id = try #require(member.int(at: i))
      let cut = try #require(first[id])
      return Double((playTimes[title.int(at: i) ?? 0] ?? []).filter { $0 < cut }.count)
    }
    let column = try #require(kept["title.popularity"])
    #expect(expected.count == kept.count && kept.count > 1000)
    #expect((0..<kept.count).map { column.double(at: $0) ?? .nan } == expected)
    // Affinity is read from the same history: 0 for a member with none.
    let affinity = try #require(kept["affinity(member, title)"])
    #expect((0..<kept.count).allSatisfy { (affinity.double(at: $0) ?? -1) >= 0 })
  }
}
