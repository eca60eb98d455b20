/// Training inputs as 32-bit floats, one array per input column: features are computed in Double
/// and stored rounded to Float, which halves the memory of millions of rows; every reader (the
/// fits, the exported training table, the verifier) sees the same rounded values. Columns, not
/// rows, because the exported training table holds them as they are (no second copy of
/// millions of rows) and the fits read a column's stretch of rows at a time.
package struct FeatureMatrix: Sendable {
  /// Column j's value in every row.
  package private(set) var columnValues: [[Float]]
  package private(set) var count = 0

  package init(columns: Int) { columnValues = [[Float]](repeating: [], count: columns) }

  /// Columns already rounded, all of one length.
  package init(columnValues: [[Float]]) {
    let count = columnValues.first?.count ?? 0
    precondition(columnValues.allSatisfy { $0.count == count }, "columns of one length")
    self.columnValues = columnValues
    self.count = count
  }

  /// A matrix of `rows` rows whose `columns` columns `write` fills, given a buffer per column:
  /// every value must be written (the buffers start uninitialised). Parts of the rows may be
  /// written from several threads at once.
  package init(rows: Int, columns: Int, write: ([UnsafeMutableBufferPointer<Float>]) -> Void) {
    var taken = (0..<columns).map { _ in
      [Float](unsafeUninitializedCapacity: rows) { _, initialised in initialised = rows }
    }
    // Each column's buffer is held open while the next ones are opened, so that `write` sees
    // them all at once; each array is moved out of `taken` first, so that it is held once.
    func opened(from j: Int, _ buffers: [UnsafeMutableBufferPointer<Float>]) {
      guard j < columns else { return write(buffers) }
      var column = taken[j]
      taken[j] = []
      column.withUnsafeMutableBufferPointer { opened(from: j + 1, buffers + [$0]) }
      taken[j] = column
    }
    opened(from: 0, [])
    columnValues = taken
    count = rows
  }

  package var columns: Int { columnValues.count }

  /// Appends one row of `columns` values.
  /// - Complexity: O(columns) amortised.
  package mutating func append<C: Collection<Double>>(_ row: C) {
    precondition(row.count == columns, "a feature row has one value per column")
    for (j, x) in row.enumerated() { columnValues[j].append(Float(x)) }
    count += 1
  }

  package subscript(row: Int, column: Int) -> Double { Double(columnValues[column][row]) }

  /// Rows `rows` of every column, in that order.
  package func rows(_ rows: [Int]) -> FeatureMatrix {
    FeatureMatrix(columnValues: columnValues.map { column in rows.map { column[$0] } })
  }
}
