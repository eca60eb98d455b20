import Foundation
import Testing

@testable import RecEngine

/// rec's uplift metrics and sweep curves against scikit-uplift 0.5.1 and causalml on a seeded
/// fixture of 400 rows (`Fixtures/uplift/rows.csv`: treatment, outcome, true uplift and four
/// scores — untied, tied in nine runs (one of -0.0 and 0.0), constant, and every treated row first).
///
/// `Fixtures/uplift/reference.json` holds the libraries' values, made with
/// `python3 Tests/Benchmarks/uplift_check.py reference Tests/RecKitTests/Fixtures/uplift/rows.csv`
/// (the fixture itself with `… generate`). Where a library gives NaN or raises, the reference
/// holds a string and rec must throw. causalml's values are for the untied scores only: it sorts
/// with an unstable quicksort, so on ties they depend on its sort.
@Suite struct UpliftCrossCheckTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let fixtureFolder = folder.appendingPathComponent("Fixtures/uplift")
  static let script = folder.deletingLastPathComponent().appendingPathComponent("Benchmarks/uplift_check.py")
  static let tolerance = 1e-12

  /// The fixture's rows, each score set by name.
  struct Fixture {
    var treated: [Bool] = []
    var outcome: [Double] = []
    var truth: [Double] = []
    var scores: [String: [Double]] = [:]

    init(csv: String) throws {
      let lines = csv.split(separator: "\n")
      let header = lines[0].split(separator: ",").map(String.init)
      #expect(Array(header.prefix(3)) == ["treatment", "outcome", "true_uplift"])
      for line in lines.dropFirst() {
        let cells = line.split(separator: ",").map { Double($0) }
        guard cells.count == header.count, let t = cells[0], let y = cells[1], let u = cells[2] else {
          throw CocoaError(.fileReadCorruptFile)
        }
        treated.append(t == 1)
        outcome.append(y)
        truth.append(u)
        for (name, cell) in zip(header.dropFirst(3), cells.dropFirst(3)) {
          guard let cell else { throw CocoaError(.fileReadCorruptFile) }
          scores[String(name.dropFirst("score_".count)), default: []].append(cell)
        }
      }
    }
  }

  /// The script's output: the libraries' versions and, by score set, each metric and sweep curve.
  struct Reference: Decodable {
    struct ScoreSet: Decodable {
      var metrics: [String: Value]
      var sweep: [String: [String: [Double]]]
    }

    /// A library's value, or what it gave instead (NaN, or the exception it raised).
    enum Value: Decodable {
      case number(Double)
      case failure(String)

      init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self =
          if let number = try? container.decode(Double.self) { .number(number) } else {
            .failure(try container.decode(String.self))
          }
      }
    }

    var sklift: String
    var causalml: String
    var rows: Int
    var sets: [String: ScoreSet]
  }

  /// What one comparison found: the largest |rec − library| by source (library, and metric or
  /// sweep), and how many values were compared (a failure on both sides counts as one).
  struct Comparison {
    var worst: [String: Double] = [:]
    var compared = 0
  }

  static func fixture() throws -> Fixture {
    try Fixture(csv: String(contentsOf: fixtureFolder.appendingPathComponent("rows.csv"), encoding: .utf8))
  }

  /// rec's value of the metric `name` as the reference names it (`qini[causalml]`, `uplift@29%[by_group]`,
  /// `true_uplift@50`, …).
  static func rec(_ name: String, _ ranking: UpliftRanking, truth: [Double]) throws -> Double {
    switch name {
    case "qini": return try ranking.qini()
    case "qini[no_negative]": return try ranking.qini(negativeEffect: false)
    case "auuc": return try ranking.auuc()
    case "qini[causalml]": return try ranking.causalMLQini()
    case "auuc[causalml]": return try ranking.causalMLAUUC()
    default:
      let byGroup = name.hasSuffix("[by_group]")
      let parts = name.dropLast(byGroup ? "[by_group]".count : 0).split(separator: "@")
      let written = parts[1]
      let cut: UpliftCut =
        if written.hasSuffix("%"), let percent = Double(written.dropLast()) { .share(percent / 100) } else {
          .rows(Int(written) ?? 0)
        }
      return parts[0] == "true_uplift"
        ? try ranking.trueUplift(at: cut, truth: truth) : try ranking.uplift(at: cut, byGroup: byGroup)
    }
  }

  /// The library a metric of the reference comes from.
  static func library(_ name: String) -> String {
    name.hasSuffix("[causalml]") ? "causalml" : name.hasPrefix("true_uplift") ? "numpy" : "sklift"
  }

  /// Compares rec with `reference`, recording an issue for each value off by
  /// more than the tolerance (relative above 1, absolute below) and each library failure rec
  /// does not reproduce.
  static func compare(_ reference: Reference, _ fixture: Fixture) throws -> Comparison {
    var result = Comparison()
    func check(_ label: String, _ source: String, rec: Double, theirs: Double) {
      let difference = abs(rec - theirs)
      #expect(difference <= tolerance * max(1, abs(theirs)), "\(label): rec \(rec), library \(theirs)")
      result.worst[source] = max(result.worst[source] ?? 0, difference)
      result.compared += 1
    }
    #expect(Set(reference.sets.keys) == Set(fixture.scores.keys))
    for (set, values) in reference.sets {
      let score = try #require(fixture.scores[set])
      let ranking = try UpliftRanking(score: score, treated: fixture.treated, outcome: fixture.outcome)
      let oracle = try UpliftRanking(score: fixture.truth, treated: fixture.treated, outcome: fixture.outcome)
      for (name, theirs) in values.metrics {
        let mine = Result { try rec(name, ranking, truth: fixture.truth) }
        switch (theirs, mine) {
        case (.number(let theirs), .success(let v)): check("\(set) \(name)", library(name), rec: v, theirs: theirs)
        case (.failure, .failure): result.compared += 1
        case (.failure(let theirs), .success(let v)): Issue.record("\(set) \(name): rec \(v), library \(theirs)")
        case (.number(let theirs), .failure(let e)):
          Issue.record("\(set) \(name): rec failed (\(e)), library \(theirs)")
        }
      }
      for (kind, curves) in values.sweep {
        let sweep = UpliftSweep(try #require(UpliftSweep.Kind(rawValue: kind)), ranking: ranking, oracle: oracle)
        for (line, mine) in [("model", sweep.model), ("random", sweep.random), ("oracle", sweep.oracle ?? [])] {
          let theirs = try #require(curves[line])
          #expect(theirs.count == mine.count, "\(set) sweep \(kind) \(line)")
          for (p, (a, b)) in zip(sweep.shares, zip(mine, theirs)) {
            let source = kind == "uplift" ? "causalml sweep" : "sklift sweep"
            check("\(set) sweep \(kind) \(line) at \(p)", source, rec: a, theirs: b)
          }
        }
      }
    }
    return result
  }

  static func report(_ comparison: Comparison, _ reference: Reference, _ how: String) {
    let worst = comparison.worst.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    print(
      "uplift cross-check (\(how)): sklift \(reference.sklift), causalml \(reference.causalml): "
        + "\(comparison.compared) values, max |difference| \(worst.joined(separator: ", "))")
  }

  @Test func agreesWithTheStoredLibraryValues() throws {
    let fixture = try Self.fixture()
    let data = try Data(contentsOf: Self.fixtureFolder.appendingPathComponent("reference.json"))
    let reference = try JSONDecoder().decode(Reference.self, from: data)
    #expect(reference.sklift == "0.5.1")
    #expect(reference.rows == 400)
    #expect(fixture.treated.count == 400)
    let comparison = try Self.compare(reference, fixture)
    Self.report(comparison, reference, "stored")
    // 4 sets × (3 areas + 6 cuts × 3) + 2 untied sets × 2 causalml areas; sweeps 21 points × 3 lines,
    // two kinds for every set and causalml's lift for the untied ones.
    #expect(comparison.compared == 4 * 21 + 2 * 2 + (4 * 2 + 2) * 3 * 21)
  }

  /// Whether python3 imports sklift and causalml's metrics; says why the live check is skipped when not.
  /// Under CI (`CI=true`), where `.ci/run` installs them, a missing library fails the test instead.
  static let librariesInstalled: Bool = {
    let installed = (try? RanxCrossCheckTests.python(["-c", "import sklift.metrics, causalml.metrics"]).status) == 0
    if !installed {
      print(
        "uplift cross-check (live) skipped: python3 cannot import sklift and causalml; install them with "
          + "'pip install \"scikit-learn<1.10\" scikit-uplift==0.5.1 causalml==0.18.0'")
    }
    return installed || ProcessInfo.processInfo.environment["CI"] == "true"
  }()

  @Test(.enabled(if: librariesInstalled, "needs python3 with scikit-uplift 0.5.1 and causalml 0.18.0"))
  func agreesWithTheLibrariesRunLive() throws {
    let fixture = try Self.fixture()
    let result = try RanxCrossCheckTests.python([
      Self.script.path, "reference", Self.fixtureFolder.appendingPathComponent("rows.csv").path,
    ])
    #expect(result.status == 0)
    let reference = try JSONDecoder().decode(Reference.self, from: result.stdout)
    #expect(reference.sklift == "0.5.1")
    let comparison = try Self.compare(reference, fixture)
    Self.report(comparison, reference, "live")
    #expect(comparison.compared == 4 * 21 + 2 * 2 + (4 * 2 + 2) * 3 * 21)
  }
}
