/// Why an uplift metric has no value for the rows given. sklift answers several of these with
/// NaN and a warning (an empty arm among the first k rows) or an exception from deep inside
/// (one arm missing altogether); rec names the cause instead.
package enum UpliftFailure: Error, Equatable, CustomStringConvertible {
  /// An input array (`name`) whose length differs from the scores'.
  case lengthMismatch(String, count: Int, rows: Int)
  /// A score or true uplift (`name`) that is NaN or infinite, in row `row` (from 1).
  case notFinite(String, row: Int)
  /// An outcome other than 0 or 1, in row `row` (from 1).
  case notBinary(Double, row: Int)
  /// No treated row (`treated` true) or no control row (false) at all.
  case missingArm(treated: Bool)
  /// More rows than a ranking numbers (its positions are 32-bit).
  case tooManyRows(Int)
  /// A cut-off outside sklift's range for `rows` rows.
  case cutOutOfRange(UpliftCut, rows: Int)
  /// A cut-off that takes no row of `rows`.
  case emptyCut(UpliftCut, rows: Int)
  /// No treated row (`treated` true) or no control row among the first `rows` rows.
  case emptyArm(treated: Bool, rows: Int)
  /// A `by_group` cut-off that takes no row of an arm of `armRows` rows.
  case emptyArmCut(treated: Bool, armRows: Int)
  /// A `by_group` cut-off wanting `wanted` rows of an arm that has `has`.
  case armTooSmall(treated: Bool, wanted: Int, has: Int)
  /// An area metric whose normalising denominator is 0: `reason` says which.
  case undefined(String, reason: String)

  package var description: String {
    switch self {
    case .lengthMismatch(let name, let count, let rows): "\(name) has \(count) values for \(rows) scores"
    case .notFinite(let name, let row): "\(name) is not a finite number in row \(row)"
    case .notBinary(let value, let row): "the outcome is \(value) in row \(row), not 0 or 1"
    case .missingArm(let treated): "no \(Self.arm(treated)) row: uplift needs both arms"
    case .tooManyRows(let rows): "\(rows) rows: an uplift ranking holds fewer than \(Int32.max)"
    case .cutOutOfRange(.share(let share), _):
      "the cut-off \(Self.text(.share(share))) is not strictly between 0% and 100%"
    case .cutOutOfRange(.rows(let count), let rows): "the cut-off \(count) is not between 1 and \(rows - 1) rows"
    case .emptyCut(let cut, let rows): "the cut-off \(Self.text(cut)) takes no row of \(rows)"
    case .emptyArm(let treated, let rows): "no \(Self.arm(treated)) row among the first \(rows) rows"
    case .emptyArmCut(let treated, let armRows): "the cut-off takes none of the \(armRows) \(Self.arm(treated)) rows"
    case .armTooSmall(let treated, let wanted, let has):
      "the cut-off wants \(wanted) \(Self.arm(treated)) rows but there are \(has)"
    case .undefined(let metric, let reason): "\(metric) is undefined here: \(reason)"
    }
  }

  private static func arm(_ treated: Bool) -> String { treated ? "treated" : "control" }

  /// The cut-off as written: a share as a percentage (to 6 decimals, so 0.07 reads 7%, not
  /// 7.000000000000001%), a count as it is.
  private static func text(_ cut: UpliftCut) -> String {
    switch cut {
    case .share(let share):
      let percent = (share * 1e8).rounded() / 1e6
      return percent.magnitude < 1e15 && percent == percent.rounded() ? "\(Int(percent))%" : "\(percent)%"
    case .rows(let count): return "\(count)"
    }
  }
}
