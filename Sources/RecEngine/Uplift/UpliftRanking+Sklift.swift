/// sklift 0.5.1's areas: `qini_auc_score` (`qini`, `qini[no_negative]`) and `uplift_auc_score`
/// (`auuc`), with the curves they integrate.
extension UpliftRanking {
  /// sklift `qini_curve`: (0, 0), then at the end of each run of equal scores the rows so far and
  /// treated plays − control plays × treated rows / control rows.
  /// - Complexity: O(runs of equal scores).
  var qiniCurve: UpliftCurve { UpliftCurve(tieEnds.lazy.map { tally(Int($0)) }, value: \.skliftQini) }

  /// sklift `uplift_curve` (the gain): (0, 0), then at the end of each run of equal scores the rows
  /// so far and (treated play rate − control play rate) × rows.
  /// - Complexity: O(runs of equal scores).
  var gainCurve: UpliftCurve { UpliftCurve(tieEnds.lazy.map { tally(Int($0)) }, value: \.skliftGain) }

  /// sklift `qini_auc_score`: (area under the qini curve − area under the random line) /
  /// (the same for the perfect curve), trapezoids over the row counts. The perfect curve ranks
  /// treated rows with a play first and control rows with a play last (`negativeEffect`, the
  /// default); without it, it rises straight to the final value: from (0, 0) through (r, r) to
  /// (n, r), r = treated plays − treated rows × control plays / control rows, which sklift can
  /// only draw for r > 0.
  /// - Throws: `UpliftFailure.undefined` when the perfect curve has no area above the random line.
  /// - Complexity: O(runs of equal scores).
  package func qini(negativeEffect: Bool = true) throws(UpliftFailure) -> Double {
    if negativeEffect { return try Self.normalisedArea(qiniCurve, perfect: perfectQiniCurve, metric: "qini") }
    let all = tally(count)
    // sklift's `ratio_random`: the integer product first, as NumPy computes it (both counts are below
    // 2^31, so it fits).
    let r = Double(all.treatedPlays) - Double(all.treated &* all.controlPlays) / Double(all.control)
    guard r > 0 else {
      throw .undefined("qini[no_negative]", reason: "treated plays do not exceed what the control play rate predicts")
    }
    let perfect = UpliftCurve(x: [0, r, Double(count)], y: [0, r, r])
    return try Self.normalisedArea(qiniCurve, perfect: perfect, metric: "qini[no_negative]")
  }

  /// sklift `uplift_auc_score`: (area under the gain curve − area under the random line) / (the
  /// same for the perfect gain curve).
  /// - Throws: `UpliftFailure.undefined` when the perfect curve has no area above the random line.
  /// - Complexity: O(runs of equal scores).
  package func auuc() throws(UpliftFailure) -> Double {
    try Self.normalisedArea(gainCurve, perfect: perfectGainCurve, metric: "auuc")
  }

  private static func normalisedArea(
    _ curve: UpliftCurve, perfect: UpliftCurve, metric: String
  ) throws(UpliftFailure) -> Double {
    let random = perfect.randomLine.area
    let best = perfect.area - random
    guard best != 0 else { throw .undefined(metric, reason: "the perfect ranking does no better than a random one") }
    return (curve.area - random) / best
  }

  /// sklift `perfect_qini_curve(negative_effect=True)`: the qini curve of the scores 1 for a
  /// treated row with a play, 0 for a row without one, −1 for a control row with a play.
  private var perfectQiniCurve: UpliftCurve {
    let all = tally(count)
    let (treatedWith, controlWith) = (all.treatedPlays, all.controlPlays)
    let runs = [
      Self.run(treatedWith, treated: treatedWith, treatedPlays: treatedWith),
      Self.run(count - treatedWith - controlWith, treated: all.treated - treatedWith),
      Self.run(controlWith, treated: 0, controlPlays: controlWith),
    ]
    return UpliftCurve(Self.runEnds(runs), value: \.skliftQini)
  }

  /// sklift `perfect_uplift_curve`: the gain curve of a ranking with treated rows with a play
  /// first, then control rows without one, then — the larger group first, treated rows without a
  /// play on a draw — control rows with a play and treated rows without one.
  private var perfectGainCurve: UpliftCurve {
    let all = tally(count)
    let treatedWithout = all.treated - all.treatedPlays
    let controlWith = Self.run(all.controlPlays, treated: 0, controlPlays: all.controlPlays)
    let treatedWithoutRun = Self.run(treatedWithout, treated: treatedWithout)
    // sklift scores these two groups 1 and 0 by `summand = y if cr_num > tn_num else treatment`.
    let last = all.controlPlays > treatedWithout ? [controlWith, treatedWithoutRun] : [treatedWithoutRun, controlWith]
    let runs = [
      Self.run(all.treatedPlays, treated: all.treatedPlays, treatedPlays: all.treatedPlays),
      Self.run(all.control - all.controlPlays, treated: 0),
    ]
    return UpliftCurve(Self.runEnds(runs + last), value: \.skliftGain)
  }

  /// The counts of one run of equal scores.
  private static func run(_ rows: Int, treated: Int, treatedPlays: Int = 0, controlPlays: Int = 0) -> UpliftTally {
    UpliftTally(rows: rows, treated: treated, treatedPlays: treatedPlays, controlPlays: controlPlays)
  }

  /// The tallies at the end of each non-empty run, the runs in ranking order: sklift's thresholds
  /// of a ranking whose scores take one value per run.
  private static func runEnds(_ runs: [UpliftTally]) -> [UpliftTally] {
    var running = run(0, treated: 0)
    var ends: [UpliftTally] = []
    for run in runs where run.rows > 0 {
      running.rows += run.rows
      running.treated += run.treated
      running.treatedPlays += run.treatedPlays
      running.controlPlays += run.controlPlays
      ends.append(running)
    }
    return ends
  }
}
