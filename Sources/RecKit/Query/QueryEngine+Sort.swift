/// `sort`: stable, missing values last in either direction, `-` descending.
extension QueryEngine {
  func sort(
    _ t: Table, by keys: [(expr: BoundExpr, descending: Bool)], _ evaluator: ExpressionEvaluator
  ) throws(Diagnostic) -> Table {
    var ranks: [SortRank] = []
    for key in keys { ranks.append(SortRank(try evaluator.evaluate(key.expr, over: t), descending: key.descending)) }
    let order = (0..<t.count).sorted { a, b in
      for rank in ranks {
        let c = rank.compare(a, b)
        if c != 0 { return c < 0 }
      }
      return a < b  // equal keys keep their order
    }
    return t.gather(order)
  }
}

/// One sort key's values in a form that compares fast: integers (strings by the rank of
/// their text) or doubles, with a direction.
struct SortRank {
  private enum Values {
    /// `Int.min` where missing.
    case ints([Int])
    /// NaN where missing.
    case doubles([Double])
  }

  private let values: Values
  private let descending: Bool

  init(_ column: Column, descending: Bool) {
    self.descending = descending
    switch column.storage {
    case .float32, .float64:
      values = .doubles(column.doubleValues ?? [])
    case .string(let codes, let dict):
      let order = dict.strings.indices.sorted { dict.strings[$0] < dict.strings[$1] }
      var rank = [Int](repeating: 0, count: dict.count)
      for (r, code) in order.enumerated() { rank[code] = r }
      values = .ints(codes.map { $0 < 0 ? Int.min : rank[Int($0)] })
    default:
      values = .ints(column.intValues ?? [])
    }
  }

  /// Negative when row `a` sorts first, positive when `b` does, 0 when equal.
  @inline(__always)
  func compare(_ a: Int, _ b: Int) -> Int {
    switch values {
    case .ints(let v): order(v[a], v[b], missingA: v[a] == Int.min, missingB: v[b] == Int.min)
    case .doubles(let v): order(v[a], v[b], missingA: v[a].isNaN, missingB: v[b].isNaN)
    }
  }

  @inline(__always)
  private func order<T: Comparable>(_ x: T, _ y: T, missingA: Bool, missingB: Bool) -> Int {
    if missingA || missingB { return missingA == missingB ? 0 : missingA ? 1 : -1 }
    if x == y { return 0 }
    return (x < y) != descending ? -1 : 1
  }
}
