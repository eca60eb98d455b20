import Foundation
import Testing

@testable import RecCore
@testable import RecEngine
@testable import RecKit

/// `outcome plays within D` against pandas (`Tests/Benchmarks/attribution_check.py`, a
/// `merge_asof` of the plays onto the exposures by member and title): every exposure's credited
/// outcome, and the number of plays credited, equal exactly — against the stored output in
/// `Fixtures/attribution/pandas.json` always, and live from the tables rec saves where python3
/// imports pandas. Live, the hand-made case of the golden script `uplift/attribution.rec` is
/// credited by pandas too, so the tie and boundary rules are the same on both sides.
@Suite struct AttributionCrossCheckTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let fixture = folder.appendingPathComponent("Fixtures/attribution/pandas.json")
  static let script = folder.deletingLastPathComponent().appendingPathComponent("Benchmarks/attribution_check.py")
  static let handMade = folder.deletingLastPathComponent().appendingPathComponent("RecCLITests/Scripts/data/attribution")

  /// The demo's exposures with a key per row (a page has at most 8 slots), credited by the
  /// statement itself, one result row per exposure.
  static let program = """
    load demo members 300 titles 120
    save exposures to "exposures.csv"
    save plays to "plays.csv"
    let keyed = from exposures | derive row = page * 16 + slot
    uplift of keyed on plays by row within 7d
    """

  struct Reference: Decodable {
    var pandas: String
    var window: Int
    var exposures: Int
    var plays: Int
    var credited_plays: Int
    var played: String
  }

  /// Runs the program in `directory`: each exposure's outcome as the statement credits it ("1" or
  /// "0" in the table's order) and the plays the engine credits.
  static func credit(in directory: String) throws -> (played: String, creditedPlays: Int) {
    let session = Session(options: SessionOptions(directory: directory)) { _, _ in }
    if let problem = session.run(SourceFile(name: "check.rec", text: program)) { throw problem }
    let keyed = try #require(session.tables["keyed"])
    let result = try #require(session.tables["_"])
    let (keys, shown, held) = (try #require(result["row"]), try #require(result["shown_plays"]), try #require(result["held_plays"]))
    var plays: [Int: Int] = [:]
    // The first result row is the total, its key missing.
    for i in 1..<result.count {
      let key = try #require(keys.int(at: i))
      let (s, h) = (try #require(shown.int(at: i)), try #require(held.int(at: i)))
      plays[key] = s + h
    }
    let rows = try #require(keyed["row"])
    var played = ""
    for i in 0..<keyed.count {
      let key = try #require(rows.int(at: i))
      played += try #require(plays[key]) > 0 ? "1" : "0"
    }
    let attribution = try PlayAttribution(
      exposures: LogKeys(keyed, name: "keyed", kind: .exposures, at: nil),
      plays: LogKeys(session.tables["plays"] ?? Table(), name: "plays", kind: .plays, at: nil), window: 7 * 86_400)
    #expect(attribution.played.map { $0 ? "1" : "0" }.joined() == played, "engine and statement disagree")
    return (played, attribution.creditedPlays)
  }

  static func expectAgreement(_ rec: (played: String, creditedPlays: Int), _ reference: Reference) {
    #expect(reference.window == 7 * 86_400)
    #expect(rec.played.count == reference.exposures)
    #expect(rec.creditedPlays == reference.credited_plays)
    let differing = zip(rec.played, reference.played).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
    #expect(rec.played == reference.played, "exposures credited differently (rows from 1): \(differing.prefix(10).map { $0 + 1 })")
  }

  @Test func outcomesEqualStoredPandasCredits() throws {
    let folder = TemporaryFolder()
    let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: Self.fixture))
    // Enough credited exposures in both arms for the comparison to mean something.
    #expect(reference.credited_plays > 500 && reference.played.filter { $0 == "1" }.count > 250)
    Self.expectAgreement(try Self.credit(in: folder.path), reference)
  }

  static let installed: Bool = {
    let found = (try? RanxCrossCheckTests.python([script.path, "--check"]).status) == 0
    if !found { print("attribution cross-check skipped: python3 cannot import pandas") }
    return found
  }()

  static func pandas(_ arguments: [String]) throws -> Reference {
    let result = try RanxCrossCheckTests.python([Self.script.path] + arguments)
    #expect(result.status == 0)
    return try JSONDecoder().decode(Reference.self, from: result.stdout)
  }

  @Test(.enabled(if: installed, "needs python3 with pandas"))
  func outcomesEqualLivePandasCredits() throws {
    let folder = TemporaryFolder()
    let rec = try Self.credit(in: folder.path)
    let reference = try Self.pandas([folder.path])
    print("pandas \(reference.pandas): \(reference.credited_plays) of \(reference.plays) plays credited")
    Self.expectAgreement(rec, reference)
  }

  /// The golden script's exposures, ids 1 to 12: 1 is played exactly 7d later, 7 and 8 share a
  /// time (8 last); one second more of window credits 1.
  @Test(.enabled(if: installed, "needs python3 with pandas"))
  func handMadeCaseEqualsPandas() throws {
    #expect(try Self.pandas([Self.handMade.path]).played == "010101011011")
    #expect(try Self.pandas([Self.handMade.path, "604801"]).played == "110101011011")
  }
}
