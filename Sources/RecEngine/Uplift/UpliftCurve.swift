/// A curve as sklift returns one: points (x rows, y value), x ascending from (0, 0), straight
/// lines between them.
struct UpliftCurve {
  var x: [Double]
  var y: [Double]

  /// (0, 0), then (rows, `value`) of each tally.
  init(_ tallies: some Collection<UpliftTally>, value: (UpliftTally) -> Double) {
    (x, y) = ([0], [0])
    x.reserveCapacity(tallies.count + 1)
    y.reserveCapacity(tallies.count + 1)
    for t in tallies {
      x.append(Double(t.rows))
      y.append(value(t))
    }
  }

  init(x: [Double], y: [Double]) { (self.x, self.y) = (x, y) }

  /// The straight line from (0, 0) to the curve's last point.
  var randomLine: UpliftCurve { UpliftCurve(x: [0, x[x.count - 1]], y: [0, y[y.count - 1]]) }

  /// sklearn's `auc`: NumPy's trapezoid rule, Σ (Δx · (y₁ + y₀)) / 2 summed in NumPy's order.
  /// - Complexity: O(points).
  var area: Double {
    var terms: [Double] = []
    terms.reserveCapacity(x.count - 1)
    for i in 1..<x.count { terms.append((x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2) }
    return pairwiseSum(terms)
  }

  /// The value at `at` on the straight lines between the points, as NumPy's `interp` finds it
  /// (a point's own value at its x, else slope × (at − x₀) + y₀); `at` between the first and the
  /// last x.
  /// - Complexity: O(log points).
  func value(at: Double) -> Double {
    var (low, high) = (0, x.count - 1)
    // The last point with x ≤ at.
    while low < high {
      let middle = (low + high + 1) / 2
      if x[middle] <= at { low = middle } else { high = middle - 1 }
    }
    if x[low] == at || low == x.count - 1 { return y[low] }
    let slope = (y[low + 1] - y[low]) / (x[low + 1] - x[low])
    return slope * (at - x[low]) + y[low]
  }
}
