/// causalml's scores with `normalize=True`, `qini_score` (`qini[causalml]`) and `auuc_score`
/// (`auuc[causalml]`), and its cumulative lift, over rec's ranking order. causalml itself sorts
/// with an unstable quicksort: on tied scores its values depend on that sort, and equal these
/// only for untied scores.
extension UpliftRanking {
  /// causalml `get_cumlift`: over the first i rows (i = 0 … n), treated play rate − control play
  /// rate; 0 at i = 0.
  /// - Complexity: O(n).
  var liftCurve: [Double] { causalMLCurve(\.causalMLLift) }

  /// causalml `qini_score(normalize=True)`: the qini values over the first i rows (i = 0 … n),
  /// treated plays − control plays × treated rows / control rows, divided by |the last|; then
  /// (Σ values − Σ of the straight line from 0 to the last) / (n + 1).
  /// - Throws: `UpliftFailure.undefined` when the last qini value is 0.
  /// - Complexity: O(n).
  package func causalMLQini() throws(UpliftFailure) -> Double {
    var qini = causalMLCurve(\.causalMLQini)
    let scale = qini[count].magnitude
    guard scale != 0 else {
      throw .undefined("qini[causalml]", reason: "treated plays equal what the control play rate predicts")
    }
    for i in qini.indices { qini[i] /= scale }
    // NumPy's `linspace(0, last, n + 1)`: i × (last / n) + 0, the last point exactly `last`.
    let step = qini[count] / Double(count)
    var random = (0...count).map { Double($0) * step + 0 }
    random[count] = qini[count]
    return (pairwiseSum(qini) - pairwiseSum(random)) / Double(count + 1)
  }

  /// causalml `auuc_score(normalize=True)`: the gains over the first i rows (i = 0 … n), lift × i,
  /// divided by |the last|, summed and divided by n + 1 (about 0.5 for a random ranking).
  /// - Throws: `UpliftFailure.undefined` when the last gain is 0.
  /// - Complexity: O(n).
  package func causalMLAUUC() throws(UpliftFailure) -> Double {
    var gain = liftCurve
    for i in gain.indices { gain[i] *= Double(i) }
    let scale = gain[count].magnitude
    guard scale != 0 else {
      throw .undefined("auuc[causalml]", reason: "the play rates of the two arms are equal")
    }
    for i in gain.indices { gain[i] /= scale }
    return pairwiseSum(gain) / Double(count + 1)
  }

  /// `value` over the first i rows for i = 0 … n, as causalml builds a curve: 0 at i = 0, and
  /// the leading values where `value` is nil (pandas' 0/0 while an arm has no row yet) filled by
  /// pandas' `interpolate()`, the straight line from 0 to the first defined value (NumPy's
  /// `interp`: slope × i).
  private func causalMLCurve(_ value: (UpliftTally) -> Double?) -> [Double] {
    var curve = [Double](repeating: 0, count: count + 1)
    var firstDefined = 0
    for i in 1...count {
      guard let v = value(tally(i)) else { continue }
      curve[i] = v
      if firstDefined == 0 { firstDefined = i }
    }
    // Both arms are present, so the value is defined at i = n at the latest.
    let slope = curve[firstDefined] / Double(firstDefined)
    for i in 1..<firstDefined { curve[i] = slope * Double(i) }
    return curve
  }
}
