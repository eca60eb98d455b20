/// How many of the first rows in ranking order an `uplift@…` metric takes: a share of them
/// (`uplift@10%`) or a number of them (`uplift@500`).
package enum UpliftCut: Equatable, Sendable {
  /// The first int(n · share) rows, the floating product truncated as sklift's `int(n_samples * k)`;
  /// `share` strictly between 0 and 1.
  case share(Double)
  /// The first `count` rows; at least 1 and fewer than all of them.
  case rows(Int)

  /// How many of `total` rows the cut takes, after sklift's checks on `k`.
  func count(of total: Int) throws(UpliftFailure) -> Int {
    switch self {
    case .share(let share):
      guard share > 0, share < 1 else { throw .cutOutOfRange(self, rows: total) }
      // The product is below `total`, so the conversion cannot trap.
      return Int(Double(total) * share)
    case .rows(let count):
      guard count > 0, count < total else { throw .cutOutOfRange(self, rows: total) }
      return count
    }
  }
}
