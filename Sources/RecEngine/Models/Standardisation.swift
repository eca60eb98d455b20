/// Each feature's training mean and standard deviation, which turn a raw value x into
/// z = (x − mean) / scale.
///
/// The deviation is the population form (dividing by n); a constant feature keeps scale 1. Sums
/// run over rows in order, so the same values give the same statistics bit for bit whichever
/// layout holds them.
package struct Standardisation: Sendable {
  package let means: [Double]
  package let scales: [Double]

  /// The statistics of `count` rows of `width` features, `value(i, j)` being row i's feature j.
  /// - Complexity: O(count · width).
  init(count n: Int, width k: Int, value: (Int, Int) -> Double) {
    var sums = [Double](repeating: 0, count: k)
    for i in 0..<n { for j in 0..<k { sums[j] += value(i, j) } }
    let means = sums.map { $0 / Double(n) }
    var squares = [Double](repeating: 0, count: k)
    for i in 0..<n {
      for j in 0..<k {
        let d = value(i, j) - means[j]
        squares[j] += d * d
      }
    }
    self.means = means
    scales = squares.map { s in
      let sd = (s / Double(n)).squareRoot()
      return sd > 0 ? sd : 1
    }
  }

  init(columns: [[Double]]) {
    self.init(count: columns.first?.count ?? 0, width: columns.count) { i, j in columns[j][i] }
  }

  /// The statistics of `matrix`'s columns, a column to a core at a time (each column's sums in
  /// row order, as above).
  package init(_ matrix: FeatureMatrix) {
    let each = parallelMap(matrix.columns) { j in
      matrix.columnValues[j].withUnsafeBufferPointer { column in
        Standardisation(count: column.count, width: 1) { i, _ in Double(column[i]) }
      }
    }
    means = each.map { $0.means[0] }
    scales = each.map { $0.scales[0] }
  }

  /// Feature j of raw value x, standardised.
  @inline(__always)
  func standardised(_ x: Double, _ j: Int) -> Double { (x - means[j]) / scales[j] }
}
