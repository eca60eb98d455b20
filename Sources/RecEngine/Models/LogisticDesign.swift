extension LogisticRegression {
  /// A fit's standardised design and the sums over its rows that Newton's method needs, found
  /// block by block on every core.
  ///
  /// Rows are cut into blocks of `blockRows`, whatever the cores. Each block is standardised
  /// when it is summed, column after column into a buffer of its part's own — the features are
  /// never held standardised whole (at millions of rows that copy would be gigabytes, written and
  /// read again at every pass) — and its sums are found alone, with vector lanes; the blocks'
  /// sums are added in block order. A fit is thus the same to the bit on one core or many.
  struct Design: Sendable {
    let rows: Int
    let features: Int
    let y: [Double]
    /// For a feature whose every value is 0 or 1 (an indicator), its two standardised values:
    /// the Gram matrix reads such a column only where it is 1 (`gram`).
    let levels: [Levels?]
    private let source: Source
    private let means: [Double]
    private let scales: [Double]

    struct Levels: Sendable {
      let zero: Double
      let one: Double
    }

    /// The raw features: one array of n values per feature, or a matrix's columns of 32-bit floats.
    private enum Source {
      case columns([[Double]])
      case matrix(FeatureMatrix)
    }

    static let blockRows = 4096
    /// The distance between two columns of a block's buffer: a little more than a block, so that
    /// the columns written row by row do not all fall in the same sets of the cache (4,096
    /// Doubles is 32 KiB, the size of the first-level cache).
    static let columnStride = blockRows + 8

    /// Features from `columns` (one array of n values each).
    init(columns: [[Double]], standardisation: Standardisation, labels: [Bool]) {
      rows = labels.count
      features = columns.count
      y = labels.map { $0 ? 1.0 : 0.0 }
      source = .columns(columns)
      (means, scales) = (standardisation.means, standardisation.scales)
      levels = columns.indices.map { j in
        columns[j].allSatisfy { $0 == 0 || $0 == 1 } ? Self.levels(j, standardisation) : nil
      }
    }

    /// Features from the columns of `matrix`, read as Doubles.
    init(matrix: FeatureMatrix, standardisation: Standardisation, labels: [Bool]) {
      let k = matrix.columns
      rows = labels.count
      features = k
      y = labels.map { $0 ? 1.0 : 0.0 }
      source = .matrix(matrix)
      (means, scales) = (standardisation.means, standardisation.scales)
      // Which columns hold only 0 and 1, a column to a core at a time.
      let indicator = parallelMap(k) { j in matrix.columnValues[j].allSatisfy { $0 == 0 || $0 == 1 } }
      levels = (0..<k).map { j in indicator[j] ? Self.levels(j, standardisation) : nil }
    }

    /// Rows 0, s, 2s, … of this design, standardised as the whole is; nil when they lack a class.
    func sample(every s: Int) -> Design? {
      let picked = Array(Swift.stride(from: 0, to: rows, by: max(1, s)))
      let y = picked.map { self.y[$0] }
      let positives = y.reduce(0, +)
      guard positives > 0, positives < Double(y.count) else { return nil }
      let source: Source
      switch self.source {
      case .columns(let columns): source = .columns(columns.map { column in picked.map { column[$0] } })
      case .matrix(let matrix): source = .matrix(matrix.rows(picked))
      }
      return Design(rows: picked.count, features: features, y: y, levels: levels, source: source, means: means, scales: scales)
    }

    private init(
      rows: Int, features: Int, y: [Double], levels: [Levels?], source: Source, means: [Double], scales: [Double]
    ) {
      (self.rows, self.features, self.y, self.levels) = (rows, features, y, levels)
      (self.source, self.means, self.scales) = (source, means, scales)
    }

    /// The standardised values of 0 and 1 in feature j, computed as every value is.
    private static func levels(_ j: Int, _ standardisation: Standardisation) -> Levels {
      let (mean, scale) = (standardisation.means[j], standardisation.scales[j])
      return Levels(zero: (0 - mean) / scale, one: (1 - mean) / scale)
    }

    /// Writes rows `range` standardised into `out`, column j from `j · columnStride`.
    private func standardise(_ range: Range<Int>, into out: UnsafeMutableBufferPointer<Double>) {
      let m = Self.columnStride
      switch source {
      case .columns(let columns):
        for (j, column) in columns.enumerated() {
          let (mean, scale) = (means[j], scales[j])
          for i in range { out[j * m + i - range.lowerBound] = (column[i] - mean) / scale }
        }
      case .matrix(let matrix):
        for (j, column) in matrix.columnValues.enumerated() {
          let (mean, scale) = (means[j], scales[j])
          column.withUnsafeBufferPointer { column in
            for i in range { out[j * m + i - range.lowerBound] = (Double(column[i]) - mean) / scale }
          }
        }
      }
    }

    /// One block's rows while its sums are found.
    struct Block {
      let rows: Range<Int>
      /// b₀ + Σⱼ bⱼ₊₁ zⱼ of each row.
      let eta: UnsafeBufferPointer<Double>
      /// The block's standardised features, column j from `j · columnStride`.
      fileprivate let z: UnsafeBufferPointer<Double>

      /// Feature j's standardised values over the block.
      func column(_ j: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(rebasing: z[j * columnStride..<j * columnStride + rows.count])
      }
    }

    /// For every block, `body(block, out)` adds the block's terms into `out` (`width` numbers,
    /// zero at first), with η at `b`; the blocks' `out` added in block order.
    func sum(_ b: [Double], width: Int, _ body: (Block, UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
      let blocks = (rows + Self.blockRows - 1) / Self.blockRows
      var partial = [Double](repeating: 0, count: blocks * width)
      let parts = max(1, min(blocks, 64))
      partial.withUnsafeMutableBufferPointer { partial in
        inParallel(parts) { part in
          let eta = UnsafeMutableBufferPointer<Double>.allocate(capacity: Self.blockRows)
          let z = UnsafeMutableBufferPointer<Double>.allocate(capacity: Self.columnStride * features)
          defer { eta.deallocate(); z.deallocate() }
          for index in Swift.stride(from: part, to: blocks, by: parts) {
            let range = index * Self.blockRows..<min(rows, (index + 1) * Self.blockRows)
            let m = range.count
            standardise(range, into: z)
            let block = Block(
              rows: range, eta: UnsafeBufferPointer(rebasing: eta[0..<m]),
              z: UnsafeBufferPointer(z))
            // η row by row in the order b₀ + b₁z₁ + b₂z₂ + …, a column at a time.
            for i in 0..<m { eta[i] = b[0] }
            for j in 0..<features {
              let (bj, column) = (b[j + 1], block.column(j))
              for i in 0..<m { eta[i] += column[i] * bj }
            }
            body(block, UnsafeMutableBufferPointer(rebasing: partial[index * width..<(index + 1) * width]))
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
