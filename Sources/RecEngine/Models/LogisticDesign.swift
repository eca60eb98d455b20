extension LogisticRegression {
  /// A fit's standardised design and the sums over its rows that Newton's method needs, found
  /// block by block on every core.
  ///
  /// The features are standardised once, into one array column after column (from the rows of
  /// 32-bit floats of a `FeatureMatrix` directly: no other copy of them is made). Rows are cut
  /// into blocks of `blockRows`, whatever the cores; each block's sums are found alone, with
  /// vector lanes, and the blocks' sums are added in block order. A fit is thus the same to the
  /// bit on one core or many, and the sums over millions of rows go at the speed of the memory
  /// rather than of one chain of additions.
  struct Design: Sendable {
    let rows: Int
    let features: Int
    let y: [Double]
    /// Feature j of row i, standardised, at `z[j · rows + i]`.
    private let z: [Double]
    /// For a feature whose every value is 0 or 1 (an indicator), its two standardised values:
    /// the Gram matrix reads such a column only where it is 1 (`gram`).
    let levels: [Levels?]

    struct Levels: Sendable {
      let zero: Double
      let one: Double
    }

    static let blockRows = 4096

    /// Features from `columns` (one array of n values each).
    init(columns: [[Double]], standardisation: Standardisation, labels: [Bool]) {
      rows = labels.count
      features = columns.count
      y = labels.map { $0 ? 1.0 : 0.0 }
      var z: [Double] = []
      z.reserveCapacity(rows * features)
      for (j, column) in columns.enumerated() {
        let (mean, scale) = (standardisation.means[j], standardisation.scales[j])
        z.append(contentsOf: column.lazy.map { ($0 - mean) / scale })
      }
      self.z = z
      levels = columns.indices.map { j in
        columns[j].allSatisfy { $0 == 0 || $0 == 1 } ? Self.levels(j, standardisation) : nil
      }
    }

    /// The standardised values of 0 and 1 in feature j, computed as every value is.
    private static func levels(_ j: Int, _ standardisation: Standardisation) -> Levels {
      let (mean, scale) = (standardisation.means[j], standardisation.scales[j])
      return Levels(zero: (0 - mean) / scale, one: (1 - mean) / scale)
    }

    /// Features from the rows of `matrix`, as `matrix.column` gives them, standardised on every core.
    init(matrix: FeatureMatrix, standardisation: Standardisation, labels: [Bool]) {
      let (n, k) = (labels.count, matrix.columns)
      rows = n
      features = k
      y = labels.map { $0 ? 1.0 : 0.0 }
      // Blocks of rows on every core, each read once and written column by column (a pass per
      // column over the whole row-major matrix would read it k times).
      let blocks = (n + Self.blockRows - 1) / Self.blockRows
      let parts = max(1, min(blocks, 64))
      let (means, scales) = (standardisation.means, standardisation.scales)
      var notIndicator = [Bool](repeating: false, count: parts * k)
      let z = [Double](unsafeUninitializedCapacity: n * k) { z, initialised in
        guard let base = z.baseAddress else { return }
        notIndicator.withUnsafeMutableBufferPointer { notIndicator in
          matrix.values.withUnsafeBufferPointer { values in
            inParallel(parts) { part in
              for index in Swift.stride(from: part, to: blocks, by: parts) {
                for i in index * Self.blockRows..<min(n, (index + 1) * Self.blockRows) {
                  for j in 0..<k {
                    let x = values[i * k + j]
                    if x != 0 && x != 1 { notIndicator[part * k + j] = true }
                    (base + j * n + i).initialize(to: (Double(x) - means[j]) / scales[j])
                  }
                }
              }
            }
          }
        }
        initialised = n * k
      }
      self.z = z
      levels = (0..<k).map { j in
        (0..<parts).contains { notIndicator[$0 * k + j] } ? nil : Self.levels(j, standardisation)
      }
    }

    /// One block's rows while its sums are found.
    struct Block {
      let rows: Range<Int>
      /// b₀ + Σⱼ bⱼ₊₁ zⱼ of each row.
      let eta: UnsafeBufferPointer<Double>
      fileprivate let z: UnsafeBufferPointer<Double>
      fileprivate let stride: Int

      /// Feature j's standardised values over the block.
      func column(_ j: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(rebasing: z[j * stride + rows.lowerBound..<j * stride + rows.upperBound])
      }
    }

    /// For every block, `body(block, out)` adds the block's terms into `out` (`width` numbers,
    /// zero at first), with η at `b`; the blocks' `out` added in block order.
    func sum(_ b: [Double], width: Int, _ body: (Block, UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
      let blocks = (rows + Self.blockRows - 1) / Self.blockRows
      var partial = [Double](repeating: 0, count: blocks * width)
      let parts = max(1, min(blocks, 64))
      z.withUnsafeBufferPointer { z in
        partial.withUnsafeMutableBufferPointer { partial in
          inParallel(parts) { part in
            let eta = UnsafeMutableBufferPointer<Double>.allocate(capacity: Self.blockRows)
            defer { eta.deallocate() }
            for index in Swift.stride(from: part, to: blocks, by: parts) {
              let block = Block(
                rows: index * Self.blockRows..<min(rows, (index + 1) * Self.blockRows),
                eta: UnsafeBufferPointer(eta), z: z, stride: rows)
              let m = block.rows.count
              // η row by row in the order b₀ + b₁z₁ + b₂z₂ + …, a column at a time.
              for i in 0..<m { eta[i] = b[0] }
              for j in 0..<features {
                let (bj, column) = (b[j + 1], block.column(j))
                for i in 0..<m { eta[i] += column[i] * bj }
              }
              body(
                Block(rows: block.rows, eta: UnsafeBufferPointer(rebasing: eta[0..<m]), z: z, stride: rows),
                UnsafeMutableBufferPointer(rebasing: partial[index * width..<(index + 1) * width]))
            }
          }
        }
      }
      var total = [Double](repeating: 0, count: width)
      for index in 0..<blocks { for t in 0..<width { total[t] += partial[index * width + t] } }
      return total
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
