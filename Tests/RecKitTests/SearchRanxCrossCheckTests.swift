import Foundation
import Testing

@testable import RecEngine

/// rec's search metrics against ranx and ir_measures on rec's own ranked lists: the `popular` and `truth`
/// rankers on a 1,000-member demo split at 2026-06-01, every clicked search after the cut, its
/// candidates ranked by score with ties broken by title id. The lists go to ranx with strictly
/// decreasing scores (and to ir_measures likewise), so all judge the very same ranking; every
/// value must be bit-identical.
///
/// `Fixtures/ranx/search_lists.json` is rec's export (made with `RECORD_SNAPSHOTS=1 swift test
/// --filter SearchRanxCrossCheckTests`), each list cut at the largest cut-off; `search_ranx.json`
/// holds ranx's values, made with
/// `python3 Tests/Benchmarks/ranx_check.py search Tests/RecKitTests/Fixtures/ranx/search_lists.json > Tests/RecKitTests/Fixtures/ranx/search_ranx.json`
/// (ranx 0.3.21); `search_ir_measures.json` ir_measures' values, made with
/// `python3 Tests/Benchmarks/ranx_check.py search-ir Tests/RecKitTests/Fixtures/ranx/search_lists.json > Tests/RecKitTests/Fixtures/ranx/search_ir_measures.json`
/// (ir_measures 0.4.3, its trec_eval provider).
@Suite struct SearchRanxCrossCheckTests {
  struct Lists: Codable, Equatable {
    struct Search: Codable, Equatable {
      var search: String
      var titles: [Int]
      var clicked: Int
    }

    var cutoffs: [Int]
    var searches: [Search]
  }

  static let cutoffs = [1, 3, 5, 10, 20]
  static let metrics: [(Metric.Kind, String)] = [(.mrr, "mrr"), (.ndcg, "ndcg"), (.recall, "recall"), (.hit, "hit_rate")]
  static let listsFile = RanxCrossCheckTests.fixtureFolder.appendingPathComponent("search_lists.json")
  static let ranxFile = RanxCrossCheckTests.fixtureFolder.appendingPathComponent("search_ranx.json")
  static let irMeasuresFile = RanxCrossCheckTests.fixtureFolder.appendingPathComponent("search_ir_measures.json")
  /// 2026-06-01T00:00 UTC.
  static let cut = 1_780_272_000

  /// The lists rec ranks, and where each search's click stands in its whole list.
  static func exported() throws -> (lists: Lists, ranks: [String: Int?]) {
    let world = DemoWorld.generate(members: 1_000, titles: 2_000, seed: 1)
    let tables = Dictionary(world.tables.map { ($0.name, $0.table) }, uniquingKeysWith: { a, _ in a })
    let (titles, plays, searches) = (try #require(tables["titles"]), try #require(tables["plays"]), try #require(tables["searches"]))
    let at = try #require(searches["at"]?.integers)
    let after = searches.gather((0..<searches.count).filter { at[$0] >= cut })
    let before = searches.gather((0..<searches.count).filter { at[$0] < cut })
    var candidates = try #require(SearchCandidates(titles: titles))
    let history = SearchHistory(
      plays: plays, searches: before, now: cut, popularity: candidates.popularity(plays: plays, before: cut))
    let judged = SearchJudgement(searches: after)
    var lists = Lists(cutoffs: cutoffs, searches: [])
    var ranks: [String: Int?] = [:]
    let rankers: [(String, any SearchRanker)] = [("popular", PopularRanker()), ("truth", DemoTruthRanker(world: world))]
    for (name, ranker) in rankers {
      for (i, request) in judged.requests.enumerated() {
        let results = SearchResults.rank(request, ranker: ranker, candidates: &candidates, history: history)
        let id = "\(name)/\(judged.rows[i])"
        lists.searches.append(.init(search: id, titles: Array(results.titles.prefix(20)), clicked: judged.clicked[i]))
        ranks[id] = results.rank(of: judged.clicked[i])
      }
    }
    return (lists, ranks)
  }

  /// ir_measures' output under ranx's metric names: its version, and each metric's value by search.
  struct IRMeasuresValues: Decodable {
    var ir_measures: String
    var values: [String: [String: Double]]
  }

  /// The largest |rec − reference| over every search, metric and cut-off, and how many values were
  /// compared; `values` are the reference's, by ranx's metric name and then by search.
  static func compare(_ values: [String: [String: Double]], ranks: [String: Int?]) -> (worst: Double, compared: Int) {
    var worst = 0.0
    var compared = 0
    for (id, rank) in ranks {
      for (kind, name) in metrics {
        for k in cutoffs {
          let rec = SearchJudgement.scores(Metric(kind: kind, k: k), ranks: [rank])[0]
          guard let theirs = values["\(name)@\(k)"]?[id] else { return (.infinity, 0) }
          worst = max(worst, abs(rec - theirs))
          compared += 1
        }
      }
    }
    return (worst, compared)
  }

  @Test func agreesBitForBitWithTheStoredRanxValues() throws {
    let (lists, ranks) = try Self.exported()
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      try encoder.encode(lists).write(to: Self.listsFile)
    }
    let stored = try JSONDecoder().decode(Lists.self, from: Data(contentsOf: Self.listsFile))
    #expect(stored == lists, "rec's ranked lists changed: record them anew and rerun ranx")
    let ranx = try JSONDecoder().decode(RanxCrossCheckTests.RanxValues.self, from: Data(contentsOf: Self.ranxFile))
    let (worst, compared) = Self.compare(ranx.values, ranks: ranks)
    print("ranx \(ranx.ranx) (stored): \(ranks.count) ranked searches, \(compared) values, max |difference| = \(worst)")
    #expect(ranks.count == 410)
    #expect(compared == ranks.count * Self.metrics.count * Self.cutoffs.count)
    #expect(worst == 0)
  }

  @Test(.enabled(if: RanxCrossCheckTests.ranxInstalled, "needs python3 with ranx installed (pip install ranx)"))
  func agreesBitForBitWithRanxRunLive() throws {
    let (_, ranks) = try Self.exported()
    let result = try RanxCrossCheckTests.python([RanxCrossCheckTests.script.path, "search", Self.listsFile.path])
    #expect(result.status == 0)
    let ranx = try JSONDecoder().decode(RanxCrossCheckTests.RanxValues.self, from: result.stdout)
    let (worst, compared) = Self.compare(ranx.values, ranks: ranks)
    print("ranx \(ranx.ranx) (live): \(ranks.count) ranked searches, \(compared) values, max |difference| = \(worst)")
    #expect(worst == 0)
  }

  @Test func agreesBitForBitWithTheStoredIRMeasuresValues() throws {
    let (_, ranks) = try Self.exported()
    let stored = try JSONDecoder().decode(IRMeasuresValues.self, from: Data(contentsOf: Self.irMeasuresFile))
    let (worst, compared) = Self.compare(stored.values, ranks: ranks)
    print("ir_measures \(stored.ir_measures) (stored): \(ranks.count) ranked searches, \(compared) values, max |difference| = \(worst)")
    #expect(compared == 410 * Self.metrics.count * Self.cutoffs.count)
    #expect(worst == 0)
  }

  /// Whether `python3 -c 'import ir_measures'` works here; says why the live check is skipped when not.
  static let irMeasuresInstalled: Bool = {
    let installed = (try? RanxCrossCheckTests.python(["-c", "import ir_measures"]).status) == 0
    if !installed {
      print("ir_measures cross-check (live) skipped: python3 cannot import ir_measures; install it with 'pip install ir_measures'")
    }
    return installed
  }()

  @Test(.enabled(if: irMeasuresInstalled, "needs python3 with ir_measures installed (pip install ir_measures)"))
  func agreesBitForBitWithIRMeasuresRunLive() throws {
    let (_, ranks) = try Self.exported()
    let result = try RanxCrossCheckTests.python([RanxCrossCheckTests.script.path, "search-ir", Self.listsFile.path])
    #expect(result.status == 0)
    let live = try JSONDecoder().decode(IRMeasuresValues.self, from: result.stdout)
    let (worst, compared) = Self.compare(live.values, ranks: ranks)
    print("ir_measures \(live.ir_measures) (live): \(ranks.count) ranked searches, \(compared) values, max |difference| = \(worst)")
    #expect(compared == 410 * Self.metrics.count * Self.cutoffs.count)
    #expect(worst == 0)
  }
}
