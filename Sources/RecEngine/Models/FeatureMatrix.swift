/// Training inputs as one row-major block of 32-bit floats: features are computed in Double and
/// stored rounded to Float, which halves the memory of millions of rows; every reader (the
/// fits, the exported training table, the verifier) sees the same rounded values.
package struct FeatureMatrix: Sendable {
  package let columns: Int
  package private(set) var count = 0
  /// Row i is `values[i · columns ..< (i + 1) · columns]`.
  package private(set) var values: [Float] = []

  package init(columns: Int) { self.columns = columns }

  /// Rows already rounded, one after the other (`values.count` a multiple of `columns`).
  package init(columns: Int, values: [Float]) {
    precondition(columns > 0 && values.count % columns == 0, "whole rows")
    self.columns = columns
    self.values = values
    count = values.count / columns
  }

  /// Appends one row of `columns` values.
  /// - Complexity: O(columns) amortised.
  package mutating func append<C: Collection<Double>>(_ row: C) {
    precondition(row.count == columns, "a feature row has one value per column")
    for x in row { values.append(Float(x)) }
    count += 1
  }

  package subscript(row: Int, column: Int) -> Double { Double(values[row * columns + column]) }
}

extension FeatureMatrix {
  /// Every column as stored, the matrix read once, a block of rows at a time.
  package func floatColumns() -> [[Float]] {
    var out = [[Float]](repeating: [], count: columns)
    for j in 0..<columns { out[j].reserveCapacity(count) }
    let block = 4096
    for start in stride(from: 0, to: count, by: block) {
      let rows = start..<min(count, start + block)
      for j in 0..<columns { out[j].append(contentsOf: rows.lazy.map { self.values[$0 * self.columns + j] }) }
    }
    return out
  }
}
