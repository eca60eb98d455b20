import Testing

@testable import RecEngine

/// The uplift metrics on rows small enough to work by hand, and every failure with its message.
///
/// Six rows, untied, already in ranking order (score, arm, outcome): 0.9 T 1, 0.8 C 0, 0.7 T 0,
/// 0.6 C 1, 0.5 T 1, 0.4 C 0. Over the first i rows (treated, their plays, control, their plays):
/// 1 1 0 0, 1 1 1 0, 2 1 1 0, 2 1 2 1, 3 2 2 1, 3 2 3 1.
@Suite struct UpliftMetricsTests {
  static let six = (
    score: [0.9, 0.8, 0.7, 0.6, 0.5, 0.4], treated: [true, false, true, false, true, false],
    outcome: [1.0, 0, 0, 1, 1, 0]
  )

  static func ranking() throws -> UpliftRanking {
    try UpliftRanking(score: six.score, treated: six.treated, outcome: six.outcome)
  }

  static func expect(_ value: Double, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(abs(value - expected) <= 1e-15, "\(value) is not \(expected)", sourceLocation: sourceLocation)
  }

  /// The message of the failure `body` throws; nil when it returns.
  static func failure(_ body: () throws -> Any) -> String? {
    do { _ = try body() } catch { return "\(error)" }
    return nil
  }

  @Test func qiniAreas() throws {
    let r = try Self.ranking()
    // Qini curve t-plays − c-plays × t / c at 0 … 6 rows: 0 1 1 1 0 0.5 1, area 4; random line to
    // (6, 1), area 3. Perfect: 2 treated plays first, the 1 control play last: (2, 2), (5, 2),
    // (6, 1), area 9.5. (4 − 3) / (9.5 − 3) = 2/13.
    Self.expect(try r.qini(), 2.0 / 13)
    // Without negative effects the perfect curve is (0, 0), (1, 1), (6, 1): r = 2 − 3 × 1 / 3 = 1,
    // area 5.5; (4 − 3) / (5.5 − 3).
    Self.expect(try r.qini(negativeEffect: false), 0.4)
  }

  @Test func auucArea() throws {
    // Gain (t-rate − c-rate) × rows: 0 1 2 1.5 0 5/6 2, area 19/3; random area 6. Perfect (one
    // control play, one treated row without: not more, so the treated row first): (2, 2), (4, 4),
    // (5, 10/3), (6, 2), area 43/3. (19/3 − 6) / (43/3 − 6) = 1/25.
    Self.expect(try Self.ranking().auuc(), 1.0 / 25)
  }

  /// With more control rows with a play than treated rows without one, sklift's perfect gain
  /// curve puts the control rows with a play before the treated rows without.
  @Test func auucWithMoreControlPlaysThanTreatedMisses() throws {
    // Rows (arm, outcome) C 1, T 0, C 1, T 1, C 0: gain −1, −2, −3, −2, −5/6, area −101/12; random
    // area −25/12. Perfect: T 1, C 0, C 1, C 1, T 0: (1, 1), (2, 2), (4, 4/3), (5, −5/6), area 67/12.
    let r = try UpliftRanking(
      score: [4, 3, 2, 1, 0], treated: [false, true, false, true, false], outcome: [1, 0, 1, 1, 0])
    #expect(abs(try r.auuc() - -19.0 / 23) <= 1e-15)
  }

  @Test func causalMLAreas() throws {
    let r = try Self.ranking()
    // Qini per row 0 1 1 0 0.5 1 after the 0 at none; row 1 has no control row (NaN), interpolated
    // to 0.5. Σ = 4, the line 0 … 1 over 7 points sums to 3.5: (4 − 3.5) / 7.
    Self.expect(try r.causalMLQini(), 1.0 / 14)
    // Lift 0, (0.5), 1, 0.5, 0, 1/6, 1/3; × rows: 0, 0.5, 2, 1.5, 0, 5/6, 2; / 2 and averaged.
    Self.expect(try r.causalMLAUUC(), 41.0 / 84)
    #expect(r.liftCurve == [0, 0.5, 1, 0.5, 0, 2.0 / 3 - 0.5, 2.0 / 3 - 1.0 / 3])
  }

  @Test func upliftAtCutOffs() throws {
    let r = try Self.ranking()
    Self.expect(try r.uplift(at: .share(0.5)), 0.5)  // 3 rows: 1/2 − 0/1
    Self.expect(try r.uplift(at: .rows(4)), 0)  // 1/2 − 1/2
    // By group: int(3 × 0.5) = 1 row of each arm (rows 1 and 2), then the first 2 of each.
    Self.expect(try r.uplift(at: .share(0.5), byGroup: true), 1)
    Self.expect(try r.uplift(at: .rows(2), byGroup: true), 0)
  }

  @Test func trueUpliftAtCutOffs() throws {
    let truth = [0.25, -0.5, 0.125, 1, 0.5, -1]
    Self.expect(try Self.ranking().trueUplift(at: .share(0.5), truth: truth), (0.25 - 0.5 + 0.125) / 3)
    Self.expect(try Self.ranking().trueUplift(at: .rows(5), truth: truth), 1.375 / 5)
  }

  /// Equal scores rank in descending row order (sklift's reversed stable sort), which decides the
  /// rows a cut-off takes; the qini curve groups them and does not depend on it.
  @Test func tiesRankInDescendingRowOrderAndCurvesGroupThem() throws {
    let r = try UpliftRanking(
      score: [0.5, 0.5, 0.5, 0.1], treated: [true, false, true, false], outcome: [1, 0, 0, 1])
    #expect(r.order == [2, 1, 0, 3])
    #expect(r.tieEnds == [3, 4])
    // The first two rows are 2 (treated, no play) and 1 (control, no play).
    Self.expect(try r.uplift(at: .rows(2)), 0)
    Self.expect(try r.trueUplift(at: .rows(1), truth: [1, 2, 3, 4]), 3)
    // Curve (0, 0), (3, 1), (4, 0): area 2, random 0; perfect (1, 1), (3, 1), (4, 0): area 3.
    #expect(r.qiniCurve.x == [0, 3, 4])
    Self.expect(try r.qini(), 2.0 / 3)
  }

  @Test func sweepReadsTheCurvesAtEvery5Percent() throws {
    let r = try Self.ranking()
    let oracle = try UpliftRanking(score: [1, 0, 0, -1, 1, 0], treated: Self.six.treated, outcome: Self.six.outcome)
    let qini = UpliftSweep(.qini, ranking: r, oracle: oracle)
    #expect(qini.shares.count == 21 && qini.shares[10] == 0.5)
    // int(6 × p): 0 for p < 1/6; 5% × 6 = 0.3, 20% × 6 = 1.2, 50% × 6 = 3.
    #expect(qini.rows == [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6])
    #expect(qini.model[10] == 1 && qini.model[14] == 0 && qini.model[20] == 1)
    #expect(qini.random[10] == 0.5 && qini.random[20] == 1)
    // The oracle's runs: 2 treated plays, 3 rows without a play, the control play: 1 at 1 row
    // (halfway up to (2, 2)), 2 at 3 rows.
    #expect(qini.oracle?[4] == 1 && qini.oracle?[10] == 2)
    let uplift = UpliftSweep(.uplift, ranking: r)
    #expect(uplift.model[10] == 0.5 && uplift.random.allSatisfy { $0 == 1.0 / 3 } && uplift.oracle == nil)
    #expect(UpliftSweep(.gain, ranking: r).model[10] == 1.5)
  }

  @Test func badRowsAreRefusedWithTheirCause() {
    func failure(_ score: [Double], _ treated: [Bool], _ outcome: [Double]) -> String? {
      Self.failure { try UpliftRanking(score: score, treated: treated, outcome: outcome) }
    }
    #expect(failure([1, 2], [true], [0, 1]) == "the treatment has 1 values for 2 scores")
    #expect(failure([1, 2], [true, false], [0]) == "the outcome has 1 values for 2 scores")
    #expect(failure([1, .nan], [true, false], [0, 1]) == "the score is not a finite number in row 2")
    #expect(failure([1, 2], [true, false], [0, 0.5]) == "the outcome is 0.5 in row 2, not 0 or 1")
    #expect(failure([1, 2], [true, true], [0, 1]) == "no control row: uplift needs both arms")
    #expect(failure([], [], []) == "no treated row: uplift needs both arms")
  }

  @Test func cutOffsOutOfRangeOrEmptyAreRefused() throws {
    let r = try Self.ranking()
    #expect(Self.failure { try r.uplift(at: .share(1)) } == "the cut-off 100% is not strictly between 0% and 100%")
    #expect(Self.failure { try r.uplift(at: .share(0.07)) } == "the cut-off 7% takes no row of 6")
    #expect(
      Self.failure { try r.uplift(at: .share(-0.125)) } == "the cut-off -12.5% is not strictly between 0% and 100%")
    #expect(Self.failure { try r.uplift(at: .rows(6)) } == "the cut-off 6 is not between 1 and 5 rows")
    #expect(Self.failure { try r.uplift(at: .rows(1)) } == "no control row among the first 1 rows")
    #expect(
      Self.failure { try r.uplift(at: .rows(4), byGroup: true) } == "the cut-off wants 4 control rows but there are 3")
    #expect(
      Self.failure { try r.uplift(at: .share(0.2), byGroup: true) } == "the cut-off takes none of the 3 treated rows")
    #expect(Self.failure { try r.trueUplift(at: .rows(2), truth: [1]) } == "the true uplift has 1 values for 6 scores")
    #expect(
      Self.failure { try r.trueUplift(at: .rows(2), truth: [1, 1, 1, .infinity, 1, 1]) }
        == "the true uplift is not a finite number in row 4")
    let treatedOnTop = try UpliftRanking(score: [3, 2, 1], treated: [true, true, false], outcome: [0, 1, 1])
    #expect(Self.failure { try treatedOnTop.uplift(at: .rows(2)) } == "no control row among the first 2 rows")
  }

  @Test func areasWithoutRoomAboveRandomAreRefused() throws {
    let noPlays = try UpliftRanking(score: [3, 2, 1, 0], treated: [true, false, true, false], outcome: [0, 0, 0, 0])
    let noRoom = "is undefined here: the perfect ranking does no better than a random one"
    #expect(Self.failure { try noPlays.qini() } == "qini \(noRoom)")
    #expect(Self.failure { try noPlays.auuc() } == "auuc \(noRoom)")
    let noEffect = "is undefined here: treated plays equal what the control play rate predicts"
    #expect(Self.failure { try noPlays.causalMLQini() } == "qini[causalml] \(noEffect)")
    let sameRates = "is undefined here: the play rates of the two arms are equal"
    #expect(Self.failure { try noPlays.causalMLAUUC() } == "auuc[causalml] \(sameRates)")
    // Treated rows play less than control rows: sklift cannot draw its perfect curve (its `auc`
    // raises, x not monotone).
    let harmful = try UpliftRanking(score: [3, 2, 1, 0], treated: [true, false, true, false], outcome: [0, 1, 0, 1])
    #expect(
      Self.failure { try harmful.qini(negativeEffect: false) }
        == "qini[no_negative] is undefined here: treated plays do not exceed what the control play rate predicts")
  }
}
