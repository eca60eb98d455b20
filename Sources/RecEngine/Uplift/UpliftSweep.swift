/// The curves `sweep qini|gain|uplift` draws, at every 5% of rows: x the share p = 0, 5%, …,
/// 100% and the first int(n · p) rows in ranking order, y in plays (qini, gain) or a difference
/// of play rates (uplift).
///
/// - `qini`, `gain`: sklift's `qini_curve` and `uplift_curve`, read at x = int(n · p) on the
///   straight lines between their points as sklift draws them (NumPy's `interp`): where scores
///   tie, the value between the ends of the run, not one that depends on the order of the tied
///   rows; for untied scores, the value over the first int(n · p) rows. The random line runs
///   from (0, 0) to the curve's last point.
/// - `uplift`: causalml's cumulative lift over the first int(n · p) rows (0 at none), in rec's
///   ranking order; the random line is the lift over all rows, a random ranking's expected lift
///   at every size.
/// - The oracle curve, when given a ranking by true uplift over the same rows: the same curve
///   for that ranking.
package struct UpliftSweep: Sendable {
  /// The kind of curve.
  package enum Kind: String, CaseIterable, Sendable {
    case qini, gain, uplift
  }

  /// The shares of rows, 0, 0.05, …, 1 (each j / 20, the double nearest the decimal).
  package let shares: [Double]
  /// The rows each share takes, int(n · share) truncated, as `uplift@k%` takes them.
  package let rows: [Int]
  /// The model's curve at each share.
  package let model: [Double]
  /// The random ranking's line at each share.
  package let random: [Double]
  /// The oracle's curve at each share, when a ranking by true uplift was given.
  package let oracle: [Double]?

  /// The `kind` curve of `ranking`, and of `oracle` (the same rows ranked by true uplift) if given.
  /// - Precondition: `oracle` has as many rows as `ranking` (`UpliftBootstrap.Scored`'s
  ///   `ranking()` and `oracle()` of the same rows do).
  /// - Complexity: O(n).
  package init(_ kind: Kind, ranking: UpliftRanking, oracle: UpliftRanking? = nil) {
    precondition(oracle.map { $0.count == ranking.count } ?? true, "the oracle ranks other rows")
    let n = ranking.count
    let shares = (0...20).map { Double($0) / 20 }
    let rows = shares.map { Int(Double(n) * $0) }
    let model = Self.values(kind, of: ranking, rows: rows)
    let last = model[model.count - 1]
    switch kind {
    case .qini, .gain:
      // NumPy's `interp` on the line from (0, 0) to (n, last).
      let slope = last / Double(n)
      random = rows.map { $0 == 0 ? 0 : $0 == n ? last : slope * Double($0) }
    case .uplift:
      random = rows.map { _ in last }
    }
    (self.shares, self.rows, self.model) = (shares, rows, model)
    self.oracle = oracle.map { Self.values(kind, of: $0, rows: rows) }
  }

  private static func values(_ kind: Kind, of ranking: UpliftRanking, rows: [Int]) -> [Double] {
    switch kind {
    case .qini:
      let curve = ranking.qiniCurve
      return rows.map { curve.value(at: Double($0)) }
    case .gain:
      let curve = ranking.gainCurve
      return rows.map { curve.value(at: Double($0)) }
    case .uplift:
      let lift = ranking.liftCurve
      return rows.map { lift[$0] }
    }
  }
}
