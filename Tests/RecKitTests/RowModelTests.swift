import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecCore

/// `model` on a hand-made log: the training examples, their history cut, and every diagnostic
/// `model` and `utility model` give, located with markers.
@Suite struct RowModelTests {
  /// Members 1 and 2, titles 10–12. Member 1 sees page 1 at t = 500, member 2 page 2 at t = 800;
  /// member 2's play of 12 at t = 900 comes after their view and must not count.
  static func tables(played: [Bool] = [false, true, false, false, false, false, true]) -> [String: Table] {
    let plays = Table([
      ("member", Column(type: .int, ints: [1, 1, 2, 2])),
      ("title", Column(type: .int, ints: [10, 11, 10, 12])),
      ("at", Column(type: .time, ints: [100, 200, 150, 900])),
    ])
    let impressions = Table([
      ("member", Column(type: .int, ints: [1, 1, 1, 1, 2, 2, 2])),
      ("title", Column(type: .int, ints: [10, 11, 12, 11, 12, 10, 11])),
      ("at", Column(type: .time, ints: [500, 500, 500, 500, 800, 800, 800])),
      ("page", Column(type: .int, ints: [1, 1, 1, 1, 2, 2, 2])),
      ("row", Column(type: .int, ints: [1, 1, 2, 2, 1, 1, 2])),
      ("position", Column(type: .int, ints: [1, 2, 2, 1, 1, 2, 1])),
      ("played", Column(type: .bool, values: played.map(Value.bool))),
    ])
    let titles = Table([("id", Column(type: .int, ints: [10, 11, 12]))])
    return ["plays": plays, "impressions": impressions, "titles": titles]
  }

  @Test func oneExamplePerLoggedRowWithHistoryBeforeTheView() throws {
    let tables = Self.tables()
    let rows = try LoggedRows(
      tables["impressions"]!, name: "impressions", plays: tables["plays"]!, tables: tables, at: nil)
    #expect(rows.played == [true, false, false, true])
    #expect(rows.features.map(\.position) == [1, 2, 1, 2])
    // Member 1's second row {11, 12} shares 11 with the first {10, 11}.
    #expect(rows.features.map(\.similarity) == [0, 1.0 / 3, 0, 0])
    // Plays before each view: title 10 twice, 11 once, 12 never (its play is after the view).
    let log3 = Double.log(3)
    let popularity = [(1 + Double.log(2) / log3) / 2, Double.log(2) / log3 / 2, 0.5, Double.log(2) / log3]
    for (got, want) in zip(rows.features.map(\.popularity), popularity) { #expect(abs(got - want) < 1e-12) }
  }

  static func session(_ tables: [String: Table]) -> (Session, () -> String) {
    var output = ""
    let session = Session(options: SessionOptions()) { text, _ in output += text }
    session.tables = .init(uniqueKeysWithValues: tables.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    return (session, { output })
  }

  /// Runs `marked` in a session over the hand-made log and expects one error at `1️⃣`.
  func expectError(
    _ marked: String, _ message: String, tables: [String: Table] = tables(),
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let source = MarkedSource(marked)
    let problem = Self.session(tables).0.run(source.file)
    #expect(problem?.message == message, sourceLocation: sourceLocation)
    #expect(problem?.range?.bytes.lowerBound == source.offsets["1️⃣"], "wrong location", sourceLocation: sourceLocation)
  }

  @Test func trainsAndPrintsItsCoefficients() throws {
    let (session, output) = Self.session(Self.tables())
    let problem = session.run(SourceFile(name: "t.rec", text: "model m = logistic(popularity, position) on impressions"))
    #expect(problem == nil)
    #expect(session.models["m"]?.examples == 4)
    #expect(session.models["m"]?.positives == 2)
    let text = output()
    #expect(text.contains("│ (intercept) │"))
    #expect(text.contains("│ popularity  │"))
    #expect(text.contains("m: logistic on 4 logged rows (2 with a play)"))
  }

  @Test func unknownFeatureSuggestsTheNearest() {
    expectError(
      "model m = logistic(relevance, 1️⃣freshnes) on impressions",
      "unknown row feature 'freshnes'; did you mean 'freshness'?")
  }

  @Test func unknownKindSuggestsLogistic() {
    expectError("model m = 1️⃣logistc(relevance) on impressions", "unknown model kind 'logistc'; did you mean 'logistic'?")
  }

  @Test func unknownTable() {
    expectError("model m = logistic(relevance) on 1️⃣impresions", "unknown table 'impresions'; did you mean 'impressions'?")
  }

  @Test func tableWithoutPageColumns() {
    var tables = Self.tables()
    tables["shown"] = tables["plays"]
    expectError(
      "model m = logistic(relevance) on 1️⃣shown", "'shown' is not a log of pages: it has no 'page' column", tables: tables)
  }

  @Test func singleClassIsRefused() {
    expectError(
      "1️⃣model m = logistic(relevance) on impressions", "cannot train 'm' on 'impressions': no logged row got a play",
      tables: Self.tables(played: Array(repeating: false, count: 7)))
  }

  @Test func nonFiniteInputIsLocated() {
    expectError(
      "model m = logistic(relevance, 1️⃣log(similarity)) on impressions",
      "cannot train 'm' on 'impressions': 'log(similarity)' is not a finite number in every row")
  }

  @Test func pageNamingAnUnknownModelIsCaughtBeforeRunning() {
    expectError(
      """
      model row_model = logistic(relevance) on impressions
      row r
        from popular()
      page p
        candidates r
        utility model 1️⃣row_modl
      """,
      "unknown model 'row_modl'; did you mean 'row_model'?")
  }
}
