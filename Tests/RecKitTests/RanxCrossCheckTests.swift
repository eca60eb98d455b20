import Foundation
import Testing

@testable import RecKit
@testable import RecEngine

/// rec's one-dimensional metrics against ranx on the same ranked lists: 300 seeded members'
/// pages (rows ranked with tied scores broken by title id, titles repeated across rows, short
/// pages, members with no relevant title on the page), read as rec reads a page.
///
/// `Fixtures/ranx/ranx.json` holds ranx's values, made once with
/// `python3 Tests/Benchmarks/ranx_check.py Tests/RecKitTests/Fixtures/ranx/lists.json > Tests/RecKitTests/Fixtures/ranx/ranx.json`
/// (ranx 0.3.21); the fixture itself with `python3 Tests/Benchmarks/ranx_check.py generate`.
@Suite struct RanxCrossCheckTests {
  struct Fixture: Decodable {
    struct Member: Decodable {
      var member: Int
      var rows: [[Int]]
      var relevant: [Int]
    }

    var cutoffs: [Int]
    var members: [Member]
  }

  /// ranx's output: its version, and each metric's value by member id (as a string).
  struct RanxValues: Decodable {
    var ranx: String
    var values: [String: [String: Double]]
  }

  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let fixtureFolder = folder.appendingPathComponent("Fixtures/ranx")
  static let script = folder.deletingLastPathComponent().appendingPathComponent("Benchmarks/ranx_check.py")

  /// rec's metric kinds and ranx's names for them.
  static let metrics: [(Metric.Kind, String)] = [
    (.precision, "precision"), (.recall, "recall"), (.ndcg, "ndcg"), (.map, "map"), (.mrr, "mrr"),
    (.hit, "hit_rate"),
  ]

  static func fixture() throws -> Fixture {
    try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: fixtureFolder.appendingPathComponent("lists.json")))
  }

  /// The largest |rec − ranx| over every member, metric and cut-off, and how many values were compared.
  static func compare(_ ranx: RanxValues, _ fixture: Fixture) -> (maxDifference: Double, compared: Int) {
    let test = Table([
      ("member", Column(type: .int, ints: fixture.members.flatMap { m in m.relevant.map { _ in m.member } })),
      ("title", Column(type: .int, ints: fixture.members.flatMap(\.relevant))),
    ])
    let train = Table([("member", Column(type: .int, ints: [1])), ("title", Column(type: .int, ints: [1]))])
    let judge = Judge(test: test, train: train, titles: nil, now: nil)
    var worst = 0.0
    var compared = 0
    for member in fixture.members {
      let page = PageGrid(rows: member.rows.map { PageGrid.Row(title: "", titles: $0) })
      let list = RankedList(reading: page)
      let index = judge.members.firstIndex(of: member.member)!
      for (kind, name) in metrics {
        for k in fixture.cutoffs {
          let rec = Metric(kind: kind, k: k).score(page: page, list: list, member: index, judge: judge, width: 0)
          guard let theirs = ranx.values["\(name)@\(k)"]?[String(member.member)] else { return (.infinity, 0) }
          worst = max(worst, abs(rec - theirs))
          compared += 1
        }
      }
    }
    return (worst, compared)
  }

  @Test func agreesWithTheStoredRanxValues() throws {
    let fixture = try Self.fixture()
    let ranx = try JSONDecoder().decode(
      RanxValues.self, from: Data(contentsOf: Self.fixtureFolder.appendingPathComponent("ranx.json")))
    let (worst, compared) = Self.compare(ranx, fixture)
    print("ranx \(ranx.ranx) (stored): \(fixture.members.count) members, \(compared) values, max |difference| = \(worst)")
    #expect(fixture.members.count == 300)
    #expect(compared == 300 * 6 * 5)
    #expect(worst <= 1e-9)
  }

  /// Whether `python3 -c 'import ranx'` works here; says why the live check is skipped when not.
  static let ranxInstalled: Bool = {
    let installed = (try? python(["-c", "import ranx"]).status) == 0
    if !installed {
      print("ranx cross-check (live) skipped: python3 cannot import ranx; install it with 'pip install ranx'")
    }
    return installed
  }()

  // Runs ranx itself on the fixture: slow (numba compiles on first use), so only where ranx is installed.
  @Test(.enabled(if: ranxInstalled, "needs python3 with ranx installed (pip install ranx)"))
  func agreesWithRanxRunLive() throws {
    let fixture = try Self.fixture()
    let result = try Self.python([Self.script.path, Self.fixtureFolder.appendingPathComponent("lists.json").path])
    #expect(result.status == 0)
    let ranx = try JSONDecoder().decode(RanxValues.self, from: result.stdout)
    let (worst, compared) = Self.compare(ranx, fixture)
    print("ranx \(ranx.ranx) (live): \(fixture.members.count) members, \(compared) values, max |difference| = \(worst)")
    #expect(compared == 300 * 6 * 5)
    #expect(worst <= 1e-9)
  }

  /// Runs `python3 arguments…`, its standard error discarded (numba's warnings).
  static func python(_ arguments: [String]) throws -> (status: Int32, stdout: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
  }
}
