/// The metrics of the first rows in ranking order: sklift `uplift_at_k` (`uplift@k`,
/// `uplift@k[by_group]`) and the mean true uplift (`true_uplift@k`).
extension UpliftRanking {
  /// sklift `uplift_at_k`: the treated rows' play rate − the control rows' play rate, with
  /// `strategy="overall"` among the first rows `cut` takes, with `"by_group"` (`byGroup`) among the
  /// first int(treated rows × share) treated rows and the first int(control rows × share) control
  /// rows (or `cut`'s count of each).
  /// - Throws: `UpliftFailure` when the cut-off is out of sklift's range or an arm has no row
  ///   among the rows it takes (sklift's NaN).
  /// - Complexity: O(1) overall, O(log n) by group.
  package func uplift(at cut: UpliftCut, byGroup: Bool = false) throws(UpliftFailure) -> Double {
    let rows = try cut.count(of: count)
    guard byGroup else {
      guard rows > 0 else { throw .emptyCut(cut, rows: count) }
      let t = tally(rows)
      guard t.treated > 0 else { throw .emptyArm(treated: true, rows: rows) }
      guard t.control > 0 else { throw .emptyArm(treated: false, rows: rows) }
      return Double(t.treatedPlays) / Double(t.treated) - Double(t.controlPlays) / Double(t.control)
    }
    let all = tally(count)
    let (treated, control) =
      switch cut {
      case .share(let share): (Int(Double(all.treated) * share), Int(Double(all.control) * share))
      case .rows(let rows): (rows, rows)
      }
    // sklift checks the control arm first.
    guard control <= all.control else { throw .armTooSmall(treated: false, wanted: control, has: all.control) }
    guard treated <= all.treated else { throw .armTooSmall(treated: true, wanted: treated, has: all.treated) }
    guard treated > 0 else { throw .emptyArmCut(treated: true, armRows: all.treated) }
    guard control > 0 else { throw .emptyArmCut(treated: false, armRows: all.control) }
    let treatedPlays = tally(rowsHolding(treated, treated: true)).treatedPlays
    let controlPlays = tally(rowsHolding(control, treated: false)).controlPlays
    return Double(treatedPlays) / Double(treated) - Double(controlPlays) / Double(control)
  }

  /// The mean of `truth` (each row's true uplift, in row order) over the first rows `cut`
  /// takes, summed in NumPy's order as `np.mean` does.
  /// - Throws: `UpliftFailure` when `truth` has the wrong length or a value that is not finite,
  ///   or the cut-off is out of range or takes no row.
  /// - Complexity: O(k) for the k rows taken.
  package func trueUplift(at cut: UpliftCut, truth: [Double]) throws(UpliftFailure) -> Double {
    guard truth.count == count else { throw .lengthMismatch("the true uplift", count: truth.count, rows: count) }
    if let row = truth.firstIndex(where: { !$0.isFinite }) { throw .notFinite("the true uplift", row: row + 1) }
    let rows = try cut.count(of: count)
    guard rows > 0 else { throw .emptyCut(cut, rows: count) }
    return pairwiseSum(order[..<rows].map { truth[Int($0)] }) / Double(rows)
  }
}
