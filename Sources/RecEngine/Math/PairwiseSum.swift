/// The sum of `values` in NumPy's order (`np.sum` of a contiguous float64 array): runs below 8
/// added left to right, runs up to 128 in eight interleaved partial sums, longer runs split in
/// two at a multiple of 8 below the middle. Summing in the same order as the libraries rec is
/// checked against keeps the last digits equal at a million rows, where a left-to-right sum
/// drifts; it is also more accurate (error O(log n) instead of O(n)).
/// - Complexity: O(n).
package func pairwiseSum(_ values: [Double]) -> Double {
  // NumPy adds the sum to the identity 0, which turns a sum of -0 into 0.
  values.withUnsafeBufferPointer { 0 + pairwiseSum($0) }
}

private func pairwiseSum(_ a: UnsafeBufferPointer<Double>) -> Double {
  let n = a.count
  if n < 8 {
    var sum = 0.0
    for v in a { sum += v }
    return sum
  }
  if n <= 128 {
    var r = (a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])
    var i = 8
    while i < n - n % 8 {
      r.0 += a[i]
      r.1 += a[i + 1]
      r.2 += a[i + 2]
      r.3 += a[i + 3]
      r.4 += a[i + 4]
      r.5 += a[i + 5]
      r.6 += a[i + 6]
      r.7 += a[i + 7]
      i += 8
    }
    var sum = ((r.0 + r.1) + (r.2 + r.3)) + ((r.4 + r.5) + (r.6 + r.7))
    while i < n {
      sum += a[i]
      i += 1
    }
    return sum
  }
  let half = n / 2 - (n / 2) % 8
  return pairwiseSum(UnsafeBufferPointer(rebasing: a[..<half])) + pairwiseSum(UnsafeBufferPointer(rebasing: a[half...]))
}
