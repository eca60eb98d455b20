extension LogisticRegression {
  /// A fit's standardised design, column by column, and the sums over its rows that Newton's
  /// method needs, found block by block on every core.
  ///
  /// Rows are cut into blocks of `blockRows`, whatever the cores; each block's sums are found
  /// alone, with vector lanes, and the blocks' sums are added in block order. A fit is thus the
  /// same to the bit on one core or many, and the sums over millions of rows go at the speed of
  /// the memory rather than of one chain of additions.
  struct Design: Sendable {
    /// The features, standardised: `z[j][i]` is row i's feature j.
    let z: [[Double]]
    let y: [Double]

    static let blockRows = 4096

    var rows: Int { y.count }

    /// For every block, `body(block, eta, out)` adds the block's terms into `out` (`width`
    /// numbers, zero at first), with `eta[i]` = b₀ + Σⱼ bⱼ₊₁ z[j][i] for the block's row i; the
    /// blocks' `out` added in block order.
    func sum(
      _ b: [Double], width: Int,
      _ body: (Range<Int>, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    ) -> [Double] {
      let n = rows
      let blocks = (n + Self.blockRows - 1) / Self.blockRows
      var partial = [Double](repeating: 0, count: blocks * width)
      let parts = max(1, min(blocks, 64))
      partial.withUnsafeMutableBufferPointer { partial in
        inParallel(parts) { part in
          let eta = UnsafeMutableBufferPointer<Double>.allocate(capacity: Self.blockRows)
          defer { eta.deallocate() }
          for index in stride(from: part, to: blocks, by: parts) {
            let block = index * Self.blockRows..<min(n, (index + 1) * Self.blockRows)
            // η row by row in the order b₀ + b₁z₁ + b₂z₂ + …, a column at a time.
            for i in 0..<block.count { eta[i] = b[0] }
            for (j, column) in z.enumerated() {
              let bj = b[j + 1]
              column.withUnsafeBufferPointer { c in
                for i in 0..<block.count { eta[i] += c[block.lowerBound + i] * bj }
              }
            }
            body(
              block, UnsafeBufferPointer(rebasing: eta[0..<block.count]),
              UnsafeMutableBufferPointer(rebasing: partial[index * width..<(index + 1) * width]))
          }
        }
      }
      var total = [Double](repeating: 0, count: width)
      for index in 0..<blocks { for t in 0..<width { total[t] += partial[index * width + t] } }
      return total
    }

    /// `body` with feature `j`'s values over `block`.
    @inline(__always)
    func column<T>(_ j: Int, _ block: Range<Int>, _ body: (UnsafeBufferPointer<Double>) -> T) -> T {
      z[j].withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[block])) }
    }

    /// Σ xᵢ yᵢ, in eight lanes added at the end.
    @inline(__always)
    static func dot(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
      let m = min(x.count, y.count)
      guard m > 0, let xs = x.baseAddress, let ys = y.baseAddress else { return 0 }
      var lanes = SIMD8<Double>()
      var i = 0
      while i + 8 <= m {
        lanes += UnsafeRawPointer(xs + i).loadUnaligned(as: SIMD8<Double>.self)
          * UnsafeRawPointer(ys + i).loadUnaligned(as: SIMD8<Double>.self)
        i += 8
      }
      var sum = lanes.sum()
      while i < m {
        sum += xs[i] * ys[i]
        i += 1
      }
      return sum
    }

    /// Σ xᵢ, in eight lanes added at the end.
    @inline(__always)
    static func total(_ x: UnsafeBufferPointer<Double>) -> Double {
      guard let xs = x.baseAddress else { return 0 }
      var lanes = SIMD8<Double>()
      var i = 0
      while i + 8 <= x.count {
        lanes += UnsafeRawPointer(xs + i).loadUnaligned(as: SIMD8<Double>.self)
        i += 8
      }
      var sum = lanes.sum()
      while i < x.count {
        sum += xs[i]
        i += 1
      }
      return sum
    }
  }
}
