/// Each feature's training mean and standard deviation, which turn a raw value x into
/// z = (x − mean) / scale.
///
/// The deviation is the population form (dividing by n); a constant feature keeps scale 1. Sums
/// run over rows in order, so the same values give the same statistics bit for bit whichever
/// layout holds them.
package struct Standardisation: Sendable {
  package let means: [Double]
  package let scales: [Double]

  init(columns: [[Double]]) {
    let each = columns.map { column in column.withUnsafeBufferPointer(Self.statistics) }
    (means, scales) = (each.map(\.mean), each.map(\.scale))
  }

  /// The statistics of `matrix`'s columns, a column to a core at a time.
  package init(_ matrix: FeatureMatrix) {
    let each = parallelMap(matrix.columns) { j in matrix.columnValues[j].withUnsafeBufferPointer(Self.statistics) }
    (means, scales) = (each.map(\.mean), each.map(\.scale))
  }

  /// One feature's mean and scale, its values summed in row order, then their squared
  /// deviations from the mean.
  /// - Complexity: O(values).
  private static func statistics<T: BinaryFloatingPoint>(_ values: UnsafeBufferPointer<T>) -> (mean: Double, scale: Double) {
    var sum = 0.0
    for x in values { sum += Double(x) }
    let mean = sum / Double(values.count)
    var squares = 0.0
    for x in values {
      let d = Double(x) - mean
      squares += d * d
    }
    let sd = (squares / Double(values.count)).squareRoot()
    return (mean, sd > 0 ? sd : 1)
  }

  /// Feature j of raw value x, standardised.
  @inline(__always)
  func standardised(_ x: Double, _ j: Int) -> Double { (x - means[j]) / scales[j] }
}
