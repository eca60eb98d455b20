import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecSyntax
@testable import RecCore

/// Where a prepared policy's cells keep their per-arm numbers: slots laid out cell after cell.
@Suite struct PreparedPolicyTests {
  /// Four logged requests over items 10 and 20 at positions 1, 2, 1, 3.
  static let log = Table([
    ("title", Column(type: .int, ints: [10, 20, 10, 10])),
    ("position", Column(type: .int, ints: [1, 2, 1, 3])),
    ("played", Column(type: .bool, storage: .bool([1, 1, 0, 1]))),
  ])

  func prepared(_ text: String) throws -> (PreparedPolicy, BanditLog) {
    let (program, problems) = parse(SourceFile(name: "<test>", text: text))
    #expect(problems.isEmpty)
    guard case .policy(let d)? = program.statements.first?.kind else { throw Diagnostic(.interrupted(), at: nil) }
    let bandit = try BanditLog.read(Self.log, artworks: nil)
    let p = try PreparedPolicy(
      spec: try checkedPolicy(d), log: bandit, sources: .init(requests: Self.log), features: nil, draws: 1)
    return (p, bandit)
  }

  @Test func slotsCountTheArmsOfEarlierCells() throws {
    let (p, _) = try prepared("policy g = greedy context position")
    #expect(p.cells == [0, 1, 0, 2])
    #expect(p.cellSlots == [0, 2, 4, 6])
    #expect((0..<4).map { p.slot(row: $0) } == [0, 2, 0, 4])
  }

  @Test func greedyKeepsEachCellsNumbersApart() throws {
    var (p, bandit) = try prepared("policy g = greedy context position")
    var random = SeededRandom(seed: 1)
    // Item 20 pays in position 2's cell; position 1's cell still ties to the smallest id.
    p.policy.update(p.decision(bandit, row: 1), arm: 1, reward: 1)
    #expect(p.policy.choose(p.decision(bandit, row: 1), random: &random) == 1)
    #expect(p.policy.choose(p.decision(bandit, row: 0), random: &random) == 0)
    #expect(p.policy.choose(p.decision(bandit, row: 3), random: &random) == 0)
  }
}
