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

  /// Column j as Doubles.
  package func column(_ j: Int) -> [Double] { (0..<count).map { self[$0, j] } }
}

extension FeatureMatrix {
  /// Row i's values.
  package func row(_ i: Int) -> [Double] { (0..<columns).map { self[i, $0] } }

  /// Column j as stored.
  package func floatColumn(_ j: Int) -> [Float] { (0..<count).map { values[$0 * columns + j] } }
}
