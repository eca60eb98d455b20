/// The Cholesky factor L (lower triangular, A = L·Lᵀ) of a small symmetric positive definite
/// matrix, for solving Newton systems and inverting Hessians of a few parameters.
package struct Cholesky: Sendable {
  /// L, row-major, n × n; zero above the diagonal.
  private let factor: [Double]
  let size: Int

  /// Factors the n × n row-major `matrix`; nil when it is not positive definite (a pivot ≤ 0
  /// or not finite). Only the lower triangle is read.
  /// - Complexity: O(n³).
  init?(_ matrix: [Double], size n: Int) {
    var l = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in 0...i {
        var sum = matrix[i * n + j]
        for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
        if i == j {
          guard sum > 0, sum.isFinite else { return nil }
          l[i * n + i] = sum.squareRoot()
        } else {
          l[i * n + j] = sum / l[j * n + j]
        }
      }
    }
    factor = l
    size = n
  }

  /// x with A·x = b, by forward then backward substitution.
  /// - Complexity: O(n²).
  func solve(_ b: [Double]) -> [Double] {
    let n = size
    var y = b
    for i in 0..<n {
      for k in 0..<i { y[i] -= factor[i * n + k] * y[k] }
      y[i] /= factor[i * n + i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      for k in (i + 1)..<n { y[i] -= factor[k * n + i] * y[k] }
      y[i] /= factor[i * n + i]
    }
    return y
  }

  /// A⁻¹, row-major, one column solved at a time.
  /// - Complexity: O(n³).
  func inverse() -> [Double] {
    let n = size
    var out = [Double](repeating: 0, count: n * n)
    for j in 0..<n {
      var e = [Double](repeating: 0, count: n)
      e[j] = 1
      let column = solve(e)
      for i in 0..<n { out[i * n + j] = column[i] }
    }
    return out
  }
}
