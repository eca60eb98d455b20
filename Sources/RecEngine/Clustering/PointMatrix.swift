/// Points as the rows of a dense row-major matrix, the input of `KMeans`.
struct PointMatrix: Sendable {
  /// Row i is `values[i * dimensions ..< (i + 1) * dimensions]`.
  let values: [Double]
  let dimensions: Int

  /// The number of rows.
  var count: Int { dimensions == 0 ? 0 : values.count / dimensions }

  init(values: [Double], dimensions: Int) {
    self.values = values
    self.dimensions = max(0, dimensions)
  }

  /// The rows `rows` of the `dimensions`-wide matrix `source`, in that order.
  init(rows: [Int], of source: [Double], dimensions: Int) {
    var values = [Double](repeating: 0, count: rows.count * dimensions)
    for (i, r) in rows.enumerated() {
      for j in 0..<dimensions { values[i * dimensions + j] = source[r * dimensions + j] }
    }
    self.init(values: values, dimensions: dimensions)
  }
}

/// Σ (a[j] − b[j])² over `dimensions` values from `a` and `b`, eight lanes at a time.
@inline(__always)
func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ dimensions: Int) -> Double {
  var lanes = SIMD8<Double>()
  var j = 0
  while j + 8 <= dimensions {
    let x = UnsafeRawPointer(a + j).loadUnaligned(as: SIMD8<Double>.self)
    let y = UnsafeRawPointer(b + j).loadUnaligned(as: SIMD8<Double>.self)
    let difference = x - y
    lanes += difference * difference
    j += 8
  }
  var sum = lanes.sum()
  while j < dimensions {
    let difference = a[j] - b[j]
    sum += difference * difference
    j += 1
  }
  return sum
}
