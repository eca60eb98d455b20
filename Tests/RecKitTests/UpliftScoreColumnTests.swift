import Foundation
import Testing

@testable import RecCore
@testable import RecEngine
@testable import RecKit

/// `eval COLUMN on T metrics …`: uplift metrics of scores made elsewhere, through a session as a
/// user runs them, against scikit-uplift and causalml on the seeded fixture of
/// `UpliftCrossCheckTests` (`Fixtures/uplift/`), to 1e-12.
@Suite struct UpliftScoreColumnTests {
  static let fixture = UpliftCrossCheckTests.fixtureFolder

  /// A session in a fresh folder holding the fixture's rows as `r`, with `shown` and `played`.
  static func session() throws -> (Session, URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-scores-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: fixture.appendingPathComponent("rows.csv"), to: folder.appendingPathComponent("rows.csv"))
    let session = Session(options: SessionOptions(directory: folder.path)) { _, _ in }
    let load = """
      load table fixture from "rows.csv"
      let r = from fixture | derive shown = treatment, played = outcome
      """
    if let problem = session.run(SourceFile(name: "load.rec", text: load)) { throw problem }
    return (session, folder)
  }

  @Test func columnsOfScoresEqualTheLibraries() throws {
    let (session, folder) = try Self.session()
    defer { try? FileManager.default.removeItem(at: folder) }
    let reference = try JSONDecoder().decode(
      UpliftCrossCheckTests.Reference.self, from: Data(contentsOf: Self.fixture.appendingPathComponent("reference.json")))
    var compared = 0
    for (set, values) in reference.sets.sorted(by: { $0.key < $1.key }) {
      let metrics = values.metrics.compactMap { name, value -> (String, Double)? in
        guard case .number(let v) = value, !name.hasPrefix("true_uplift") else { return nil }
        return (name, v)
      }.sorted { $0.0 < $1.0 }
      let statement = "eval score_\(set) on r metrics " + metrics.map(\.0).joined(separator: ", ")
      if let problem = session.run(SourceFile(name: "eval.rec", text: statement)) { throw problem }
      let table = try #require(session.tables["_"])
      #expect(table["rows"]?.int(at: 0) == reference.rows)
      for (name, theirs) in metrics {
        let mine = try #require(table[name]?.double(at: 0), "\(set) \(name)")
        #expect(abs(mine - theirs) <= UpliftCrossCheckTests.tolerance * max(1, abs(theirs)), "\(set) \(name): rec \(mine), library \(theirs)")
        compared += 1
      }
    }
    #expect(compared == 58)
  }

  @Test func anEmptyArmAmongTheFirstRowsIsALocatedError() throws {
    let (session, folder) = try Self.session()
    defer { try? FileManager.default.removeItem(at: folder) }
    let problem = try #require(session.run(SourceFile(name: "eval.rec", text: "eval score_treated_first on r metrics uplift@10%")))
    #expect(problem.range?.text == "uplift@10%")
    #expect(problem.message.contains("control"), "\(problem.message)")
  }

  @Test func aNameThatIsNeitherAModelNorAColumnIsRefusedWithASuggestion() throws {
    let (session, folder) = try Self.session()
    defer { try? FileManager.default.removeItem(at: folder) }
    let problem = try #require(session.run(SourceFile(name: "eval.rec", text: "eval score_untide on r metrics qini")))
    #expect(problem.message == "'score_untide' is neither an uplift model nor a column of 'r'; did you mean 'score_untied'?")
    #expect(problem.range?.text == "score_untide")
  }

  @Test func scoresNeedTheTablesArms() throws {
    let (session, folder) = try Self.session()
    defer { try? FileManager.default.removeItem(at: folder) }
    let problem = try #require(session.run(SourceFile(name: "eval.rec", text: "eval score_untied on fixture metrics qini")))
    #expect(problem.message.hasPrefix("cannot judge the scores 'score_untied': 'fixture' has no 'shown' column"))
  }
}
