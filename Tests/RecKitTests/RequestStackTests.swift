import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecSyntax
@testable import RecCore

/// `policy … trained on T` where T is not the judged table: T's rows are stacked under the judged
/// ones by value, and a policy learns from them alone.
@Suite struct RequestStackTests {
  /// 600 requests over items 1 to 3 in two countries; item 2 pays most in "US", item 3 in "FR".
  static let log: Table = {
    var random = SeededRandom(seed: 9)
    var items: [Int] = []
    var played: [Int8] = []
    var countries: [Int32] = []
    for i in 0..<600 {
      let item = 1 + random.below(3)
      let country = Int32(i % 2)
      items.append(item)
      countries.append(country)
      played.append(random.uniform() < (item == 2 + Int(country) ? 0.6 : 0.2) ? 1 : 0)
    }
    return Table([
      ("title", Column(type: .int, ints: items)),
      ("country", Column(type: .string, storage: .string(countries, StringDictionary(["US", "FR"])))),
      ("played", Column(type: .bool, storage: .bool(played))),
      ("propensity", Column(type: .float, storage: .float64([Double](repeating: 1.0 / 3, count: 600)))),
    ])
  }()

  /// The policy `text` over `stack`, trained as the session trains it.
  func prepared(_ text: String, _ stack: RequestStack) throws -> (PreparedPolicy, BanditLog) {
    let (program, problems) = parse(SourceFile(name: "<test>", text: text))
    #expect(problems.isEmpty)
    guard case .policy(let d)? = program.statements.first?.kind else { throw Diagnostic(.interrupted(), at: nil) }
    let log = try BanditLog.read(stack, artworks: nil)
    var p = try PreparedPolicy(
      spec: try checkedPolicy(d), log: log, sources: .init(requests: stack.table), features: nil, draws: 50)
    p.train(on: log)
    return (p, log)
  }

  @Test func textIsStackedByValueThroughOneDictionary() {
    let top = Table([("country", Column(type: .string, storage: .string([0, 1, -1], StringDictionary(["FR", "US"]))))])
    let bottom = Table([("country", Column(type: .string, storage: .string([0, 1], StringDictionary(["US", "DE"]))))])
    let stack = RequestStack(top, training: [("old", bottom)])
    #expect(stack.judgedCount == 3)
    #expect(stack.training == ["old": 3..<5])
    let values = (0..<5).map { stack.table["country"]!.value(at: $0) }
    #expect(values == [.string("FR"), .string("US"), .null, .string("US"), .string("DE")])
  }

  @Test func aMissingOrMistypedColumnIsMissingBelow() {
    let top = Table([
      ("position", Column(type: .int, ints: [1, 2])),
      ("score", Column(type: .float, storage: .float64([0.5, 0.25]))),
    ])
    let bottom = Table([("position", Column(type: .string, storage: .string([0], StringDictionary(["1"]))))])
    let stack = RequestStack(top, training: [("old", bottom)])
    #expect((0..<3).map { stack.table["position"]!.value(at: $0) } == [.int(1), .int(2), .null])
    #expect(stack.table["score"]!.doubleValues!.prefix(2) == [0.5, 0.25])
    #expect(stack.table["score"]!.doubleValues![2].isNaN)
  }

  /// Trained on a copy of the judged table stacked under it, a policy replays and estimates as
  /// when trained on the judged table itself.
  @Test func trainingOnACopyEqualsTrainingOnTheJudgedTable() throws {
    let text = "policy g = epsilon_greedy(epsilon: 10%) context country trained on "
    var (itself, log) = try prepared(text + "requests", RequestStack(Self.log))
    var (copy, stackedLog) = try prepared(text + "copy", RequestStack(Self.log, training: [("copy", Self.log)]))
    #expect(stackedLog.count == 600 && stackedLog.training == ["copy": 600..<1200])
    #expect(Replay.run(&copy, log: stackedLog, seed: 3) == Replay.run(&itself, log: log, seed: 3))

    (itself, log) = try prepared(text + "requests", RequestStack(Self.log))
    (copy, stackedLog) = try prepared(text + "copy", RequestStack(Self.log, training: [("copy", Self.log)]))
    let a = try OffPolicyEvaluation.run(
      &itself, log: log, estimators: OffPolicyEstimator.allCases, truth: nil, seed: 3)
    let b = try OffPolicyEvaluation.run(
      &copy, log: stackedLog, estimators: OffPolicyEstimator.allCases, truth: nil, seed: 3)
    #expect(a.rows == 600 && b.rows == 600)
    #expect(a.estimates.map(\.value) == b.estimates.map(\.value))
    #expect(a.estimates.map(\.low) == b.estimates.map(\.low))
  }

  /// Trained on "US" rows alone (a dictionary that codes "US" as 0, "FR"'s code in the judged
  /// table), greedy knows the "US" cell and treats "FR" as an unseen cell: every item scores 0
  /// and the smallest id wins.
  @Test func aContextSeenOnlyInTheJudgedTableIsAnUnseenCell() throws {
    let us = (0..<600).filter { $0 % 2 == 0 }
    var old = Self.log.gather(us)
    old.set("country", Column(type: .string, storage: .string([Int32](repeating: 0, count: us.count), StringDictionary(["US"]))))
    let judged = Table([
      ("title", Column(type: .int, ints: [1, 1])),
      ("country", Column(type: .string, storage: .string([0, 1], StringDictionary(["FR", "US"])))),
      ("played", Column(type: .bool, storage: .bool([0, 0]))),
    ])
    let (p, log) = try prepared("policy g = greedy context country trained on old", RequestStack(judged, training: [("old", old)]))
    var policy = p
    var random = SeededRandom(seed: 1)
    #expect(Array(log.candidates(row: 0)) == [1, 2, 3])
    #expect(policy.policy.probabilities(policy.decision(log, row: 0), random: &random) == [1, 0, 0])
    #expect(policy.policy.probabilities(policy.decision(log, row: 1), random: &random) == [0, 1, 0])
  }
}
