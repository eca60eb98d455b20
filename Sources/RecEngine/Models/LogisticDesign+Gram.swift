extension LogisticRegression.Design {
  /// Adds the block's weighted Gram matrix Σᵢ wᵢ z̃ᵢ z̃ᵢᵀ, z̃ = (1, z), to `out`: its lower
  /// triangle, (k+1)² numbers row-major.
  ///
  /// Most columns of a search ranker are indicators (a country, a genre: 1 in few rows), and an
  /// indicator is z = zero + (one − zero)·x. So only pairs of other columns take whole dot
  /// products; an indicator's sums with another column read the rows where it is 1; and two
  /// indicators' sum needs only Σ w over the rows where both are 1, which one pass over the rows
  /// gathers for every pair. The same numbers as the direct sums, up to rounding.
  func gram(_ block: Block, weights w: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
    let (m, p) = (block.rows.count, features + 1)
    let indicators = (1..<p).filter { levels[$0 - 1] != nil }
    let dense = (1..<p).filter { levels[$0 - 1] == nil }
    // Σ w z̃ of every column (row and column 0), and the dense columns' pairs.
    var weighted = [Double](repeating: 0, count: p)
    weighted[0] = Self.total(w)
    let wz = UnsafeMutableBufferPointer<Double>.allocate(capacity: m)
    defer { wz.deallocate() }
    for a in dense {
      let za = block.column(a - 1)
      for i in 0..<m { wz[i] = w[i] * za[i] }
      weighted[a] = Self.total(UnsafeBufferPointer(wz))
      for c in dense where c <= a { out[a * p + c] += Self.dot(UnsafeBufferPointer(wz), block.column(c - 1)) }
    }

    // Each indicator's rows of 1: Σ w over them, and its sums with the dense columns; the rows
    // marked in a bit set per row for the pairs of indicators below.
    let words = (indicators.count + 63) / 64
    let marks = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(1, m * words))
    let ones = UnsafeMutableBufferPointer<Int32>.allocate(capacity: m)
    let weightOfOne = UnsafeMutableBufferPointer<Double>.allocate(capacity: m)
    defer { marks.deallocate(); ones.deallocate(); weightOfOne.deallocate() }
    marks.initialize(repeating: 0)
    var withDense = [Double](repeating: 0, count: indicators.count * p)
    for (x, a) in indicators.enumerated() {
      guard let level = levels[a - 1] else { continue }
      let za = block.column(a - 1)
      var count = 0
      for i in 0..<m where za[i] == level.one {
        ones[count] = Int32(truncatingIfNeeded: i)
        weightOfOne[count] = w[i]
        marks[i * words + x / 64] |= 1 << UInt64(x % 64)
        count += 1
      }
      let (rows, rowWeights) = (
        UnsafeBufferPointer(rebasing: ones[..<count]), UnsafeBufferPointer(rebasing: weightOfOne[..<count])
      )
      let sumOfOne = Self.total(rowWeights)
      weighted[a] = level.zero * weighted[0] + (level.one - level.zero) * sumOfOne
      withDense[x * p] = sumOfOne
      for c in dense { withDense[x * p + c] = Self.gathered(rows, rowWeights, block.column(c - 1)) }
    }
    out[0] += weighted[0]
    for a in 1..<p { out[a * p] += weighted[a] }

    // Σ w over the rows where indicators x and y (y ≤ x) are both 1.
    let q = indicators.count
    let both = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, q * q))
    let set = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, q))
    defer { both.deallocate(); set.deallocate() }
    both.initialize(repeating: 0)
    for i in 0..<m {
      var count = 0
      for word in 0..<words {
        var bits = marks[i * words + word]
        while bits != 0 {
          set[count] = word * 64 + bits.trailingZeroBitCount
          count += 1
          bits &= bits - 1
        }
      }
      for k in 0..<count {
        let row = set[k] * q
        for l in 0...k { both[row + set[l]] += w[i] }
      }
    }

    for (x, a) in indicators.enumerated() {
      guard let level = levels[a - 1] else { continue }
      let step = level.one - level.zero
      // Σ w z_a z_c = zero_a · Σ w z_c + step_a · Σ over a's rows of w z_c.
      for c in dense {
        let value = level.zero * weighted[c] + step * withDense[x * p + c]
        if c < a { out[a * p + c] += value } else { out[c * p + a] += value }
      }
      for (y, c) in indicators[...x].enumerated() {
        guard let other = levels[c - 1] else { continue }
        let overRowsOfA = other.zero * withDense[x * p] + (other.one - other.zero) * both[x * q + y]
        out[a * p + c] += level.zero * weighted[c] + step * overRowsOfA
      }
    }
  }

  /// Σₜ weights[t] · column[rows[t]], in four chains added at the end (one chain would wait on
  /// each addition).
  @inline(__always)
  private static func gathered(
    _ rows: UnsafeBufferPointer<Int32>, _ weights: UnsafeBufferPointer<Double>, _ column: UnsafeBufferPointer<Double>
  ) -> Double {
    var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
    var t = 0
    while t + 4 <= rows.count {
      s0 += weights[t] * column[Int(rows[t])]
      s1 += weights[t + 1] * column[Int(rows[t + 1])]
      s2 += weights[t + 2] * column[Int(rows[t + 2])]
      s3 += weights[t + 3] * column[Int(rows[t + 3])]
      t += 4
    }
    var sum = (s0 + s1) + (s2 + s3)
    while t < rows.count {
      sum += weights[t] * column[Int(rows[t])]
      t += 1
    }
    return sum
  }
}
