import RecCore

/// `sort`: stable, missing values last in either direction, `-` descending.
///
/// Each key becomes unsigned codes in the wanted order (see `SortCodes`), and the rows are put
/// in order by a stable radix sort on those codes, from the last key to the first, so that
/// each earlier key decides and the later ones break its ties.
extension QueryEngine {
  func sort(
    _ t: Table, by keys: [(expr: BoundExpr, descending: Bool)], _ evaluator: ExpressionEvaluator
  ) throws(Diagnostic) -> Table {
    var sortCodes: [SortCodes] = []
    for key in keys { sortCodes.append(SortCodes(try evaluator.evaluate(key.expr, over: t), descending: key.descending)) }
    var order: [Int32]? = nil
    for key in sortCodes.reversed() { order = RadixSort.stableOrder(refining: order, by: key) }
    guard let order else { return t }
    return t.gatheredInParallel(order.map(Int.init))
  }
}
