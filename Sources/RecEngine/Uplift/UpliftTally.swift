/// Counts over the first `rows` rows of an `UpliftRanking`, and the value each library's curve
/// gives them. The formulas keep the libraries' operations and their order, so the values agree
/// to the last digit.
struct UpliftTally {
  var rows: Int
  var treated: Int
  var treatedPlays: Int
  var controlPlays: Int

  var control: Int { rows - treated }

  /// sklift `qini_curve`: treated plays − control plays × (treated rows / control rows), the
  /// ratio 0 while there is no control row.
  var skliftQini: Double {
    let ratio = control == 0 ? 0 : Double(treated) / Double(control)
    return Double(treatedPlays) - Double(controlPlays) * ratio
  }

  /// sklift `uplift_curve`: (treated play rate − control play rate) × rows, the rate of an arm
  /// with no row 0.
  var skliftGain: Double {
    let treatedRate = treated == 0 ? 0 : Double(treatedPlays) / Double(treated)
    let controlRate = control == 0 ? 0 : Double(controlPlays) / Double(control)
    return (treatedRate - controlRate) * Double(rows)
  }

  /// causalml `get_qini`: treated plays − (control plays × treated rows) / control rows, the
  /// product taken in integers as pandas does; nil (pandas' 0/0) while there is no control row.
  var causalMLQini: Double? {
    // Both counts are below 2^31 (an `UpliftRanking` has fewer rows), so the product fits.
    control == 0 ? nil : Double(treatedPlays) - Double(controlPlays &* treated) / Double(control)
  }

  /// causalml `get_cumlift`: treated play rate − control play rate; nil (pandas' 0/0) while an
  /// arm has no row.
  var causalMLLift: Double? {
    guard treated > 0, control > 0 else { return nil }
    return Double(treatedPlays) / Double(treated) - Double(controlPlays) / Double(control)
  }
}
