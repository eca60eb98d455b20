extension Column {
  /// The values of an int-backed column (int, date, time, duration, bool) widened to `Int`,
  /// `Int.min` where missing; nil for other columns.
  /// - Complexity: O(count).
  package var intValues: [Int]? {
    switch storage {
    case .int32(let a): a.map { $0 == Int32.min ? Int.min : Int($0) }
    case .int64(let a): a
    case .bool(let a): a.map { $0 < 0 ? Int.min : Int($0) }
    default: nil
    }
  }

  /// The values of a numeric or bool column as doubles, NaN where missing; nil for others.
  /// - Complexity: O(count).
  package var doubleValues: [Double]? {
    switch storage {
    case .float32(let a): a.map(Double.init)
    case .float64(let a): a
    default: intValues.map { $0.map { $0 == Int.min ? .nan : Double($0) } }
    }
  }

  /// An int-backed column of `type` from widened values (`Int.min` = missing), bool included.
  init(type: ColumnType, intValues: [Int]) {
    if type == .bool {
      self.init(type: .bool, storage: .bool(intValues.map { $0 == Int.min ? -1 : Int8($0 != 0 ? 1 : 0) }))
    } else {
      self.init(type: type, ints: intValues)
    }
  }

  /// `count` copies of `value` (a missing value when `value` is null).
  package init(repeating value: Value, type: ColumnType, count: Int) {
    switch (value, type) {
    case (.string(let s), .string):
      self.init(type: .string, storage: .string([Int32](repeating: 0, count: count), StringDictionary([s])))
    case (_, .float):
      self.init(type: .float, storage: .float64([Double](repeating: value.number ?? .nan, count: count)))
    case (_, .int), (_, .date), (_, .time), (_, .duration), (_, .bool):
      let v = value.integer ?? value.number.flatMap { Int(exactly: $0) } ?? Int.min
      self.init(type: type, intValues: [Int](repeating: v, count: count))
    default:
      self.init(type: type, values: [Value](repeating: value, count: count))
    }
  }

  /// Picks rows `rows` in order, with a missing value where a row is negative.
  /// - Complexity: O(rows.count).
  func gather(orMissing rows: [Int]) -> Column {
    guard rows.contains(where: { $0 < 0 }) else { return gather(rows) }
    switch storage {
    case .int32(let a): return Column(type: type, storage: .int32(rows.map { $0 < 0 ? Int32.min : a[$0] }))
    case .int64(let a): return Column(type: type, storage: .int64(rows.map { $0 < 0 ? Int.min : a[$0] }))
    case .float32(let a): return Column(type: type, storage: .float32(rows.map { $0 < 0 ? .nan : a[$0] }))
    case .float64(let a): return Column(type: type, storage: .float64(rows.map { $0 < 0 ? .nan : a[$0] }))
    case .bool(let a): return Column(type: type, storage: .bool(rows.map { $0 < 0 ? -1 : a[$0] }))
    case .string(let c, let d): return Column(type: type, storage: .string(rows.map { $0 < 0 ? -1 : c[$0] }, d))
    case .list(let o, let c, let d):
      var offsets: [Int32] = [0]
      var codes: [Int32] = []
      for r in rows {
        if r >= 0 { codes.append(contentsOf: c[Int(o[r])..<Int(o[r + 1])]) }
        offsets.append(Int32(codes.count))
      }
      return Column(type: type, storage: .list(offsets: offsets, codes: codes, d))
    }
  }
}
