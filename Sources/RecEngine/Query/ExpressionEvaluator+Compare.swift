import RecCore

/// Comparisons, with typed fast paths: a column against a constant loops over the raw
/// `Int32`, `Int` or `Double` storage (the common `where` shape); strings compare once per
/// dictionary entry, then by code.
extension ExpressionEvaluator {
  func compare(
    _ op: BinaryOperator, _ left: Operand, _ lt: ColumnType, _ right: Operand, _ rt: ColumnType, _ n: Int
  ) -> [Int8] {
    // A constant on the left is a constant on the right with the operator mirrored.
    if case .scalar = left, case .column = right {
      return compare(Self.mirrored(op), right, rt, left, lt, n)
    }
    if case .column(let c) = left, case .scalar(let v) = right, let fast = Self.compare(c, op, v) {
      return fast
    }
    if lt == .string, rt == .string {
      return Self.compareStrings(materialise(left, lt, n), op, materialise(right, rt, n))
    }
    if lt.isIntBacked && rt.isIntBacked {
      return Self.test(ints(left, n), ints(right, n), op, missing: Int.min)
    }
    return Self.test(doubles(left, n), doubles(right, n), op, missing: .nan)
  }

  private static func mirrored(_ op: BinaryOperator) -> BinaryOperator {
    switch op {
    case .less: .greater
    case .lessEqual: .greaterEqual
    case .greater: .less
    case .greaterEqual: .lessEqual
    default: op
    }
  }

  /// Column against constant, straight on the storage; nil when no fast path applies.
  private static func compare(_ c: Column, _ op: BinaryOperator, _ v: Value) -> [Int8]? {
    switch (c.storage, v) {
    case (.string(let codes, let dict), .string(let s)):
      let hit = dict.strings.map { holds($0, op, s) }
      return codes.map { $0 >= 0 && hit[Int($0)] ? 1 : 0 }
    case (.float64(let a), _):
      guard let x = v.number else { return nil }
      return test(a, x, op, missing: .nan)
    case (.float32(let a), _):
      guard let x = v.number else { return nil }
      if Double(Float(x)) == x { return test(a, Float(x), op, missing: .nan) }
      // A constant such as 0.9 has no exact Float: compare each value widened.
      switch op {
      case .equal: return marks(a) { Double($0) == x }
      case .notEqual: return marks(a) { $0 == $0 && Double($0) != x }
      case .less: return marks(a) { Double($0) < x }
      case .lessEqual: return marks(a) { Double($0) <= x }
      case .greater: return marks(a) { Double($0) > x }
      default: return marks(a) { Double($0) >= x }
      }
    case (.int64(let a), _):
      // Integers compare exactly; a float constant goes the general way, as doubles.
      guard let k = v.integer, k != Int.min else { return nil }
      return test(a, k, op, missing: Int.min)
    case (.int32(let a), _):
      guard let k = v.integer.flatMap({ Int32(exactly: $0) }), k != Int32.min else { return nil }
      return test(a, k, op, missing: Int32.min)
    case (.bool(let a), .bool(let b)):
      return test(a, b ? 1 : 0, op, missing: -1)
    default:
      return nil
    }
  }

  @inline(__always)
  private static func holds<T: Comparable>(_ a: T, _ op: BinaryOperator, _ b: T) -> Bool {
    switch op {
    case .equal: a == b
    case .notEqual: a != b
    case .less: a < b
    case .lessEqual: a <= b
    case .greater: a > b
    default: a >= b
    }
  }

  /// Each value against a constant; a missing value (`missing`, or NaN) never matches.
  private static func test<T: Comparable>(_ a: [T], _ k: T, _ op: BinaryOperator, missing: T) -> [Int8] {
    switch op {
    case .equal: marks(a) { $0 == k && $0 != missing }
    case .notEqual: marks(a) { $0 != k && $0 == $0 && $0 != missing }
    case .less: marks(a) { $0 < k && $0 != missing }
    case .lessEqual: marks(a) { $0 <= k && $0 != missing }
    case .greater: marks(a) { $0 > k && $0 != missing }
    default: marks(a) { $0 >= k && $0 != missing }
    }
  }

  /// Row by row between two arrays of equal length.
  private static func test<T: Comparable>(_ a: [T], _ b: [T], _ op: BinaryOperator, missing: T) -> [Int8] {
    [Int8](unsafeUninitializedCapacity: a.count) { buffer, count in
      for i in a.indices {
        let (x, y) = (a[i], b[i])
        // `x == x` is false only for NaN, the missing float.
        let present = x == x && y == y && x != missing && y != missing
        buffer[i] = present && holds(x, op, y) ? 1 : 0
      }
      count = a.count
    }
  }

  @inline(__always)
  private static func marks<T>(_ a: [T], _ f: (T) -> Bool) -> [Int8] {
    [Int8](unsafeUninitializedCapacity: a.count) { buffer, count in
      a.withUnsafeBufferPointer { values in
        for i in values.indices { buffer[i] = f(values[i]) ? 1 : 0 }
      }
      count = a.count
    }
  }

  private static func compareStrings(_ a: Column, _ op: BinaryOperator, _ b: Column) -> [Int8] {
    guard case .string(let ac, let ad) = a.storage, case .string(let bc, let bd) = b.storage else { return [] }
    return ac.indices.map { i in
      ac[i] >= 0 && bc[i] >= 0 && holds(ad[ac[i]], op, bd[bc[i]]) ? 1 : 0
    }
  }
}
