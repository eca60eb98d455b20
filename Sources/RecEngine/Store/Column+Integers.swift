extension Column {
  /// The values of an int-backed column (int, date, time, duration, bool) as `Int`, `Int.min`
  /// where missing, read from the stored array without boxing; nil for other columns.
  var integers: IntegerValues? { IntegerValues(self) }

  /// Calls `body(row, value)` for every row of an int-backed column, the value as in
  /// `integers` (`Int.min` where missing); nothing for other columns.
  /// - Complexity: O(count).
  @inline(__always)
  func forEachInteger(_ body: (Int, Int) -> Void) {
    switch storage {
    case .int32(let a):
      a.withUnsafeBufferPointer { a in
        for i in a.indices { body(i, a[i] == Int32.min ? Int.min : Int(a[i])) }
      }
    case .int64(let a):
      a.withUnsafeBufferPointer { a in
        for i in a.indices { body(i, a[i]) }
      }
    case .bool(let a):
      a.withUnsafeBufferPointer { a in
        for i in a.indices { body(i, a[i] < 0 ? Int.min : Int(a[i])) }
      }
    default:
      break
    }
  }
}

/// A read-only view of an int-backed column's values as `Int` (`Int.min` where missing) for
/// loops over millions of rows: the stored array is held once, so reading a value is one
/// array access and a comparison, whichever width the column stores.
struct IntegerValues: Sendable {
  private enum Stored: Sendable {
    case narrow([Int32])
    case wide([Int])
    case flags([Int8])
  }

  private let stored: Stored
  let count: Int

  init?(_ column: Column) {
    switch column.storage {
    case .int32(let a): stored = .narrow(a)
    case .int64(let a): stored = .wide(a)
    case .bool(let a): stored = .flags(a)
    default: return nil
    }
    count = column.count
  }

  @inline(__always)
  subscript(i: Int) -> Int {
    switch stored {
    case .narrow(let a): a[i] == Int32.min ? Int.min : Int(a[i])
    case .wide(let a): a[i]
    case .flags(let a): a[i] < 0 ? Int.min : Int(a[i])
    }
  }

  /// Calls `body(offset, value)` for the rows in `rows` (offset 0 for its first row), with
  /// the storage's width decided once for the whole range rather than at every row.
  @inline(__always)
  func forEach(in rows: Range<Int>, _ body: (Int, Int) -> Void) {
    func each<T: FixedWidthInteger>(_ a: [T], _ value: (T) -> Int) {
      a.withUnsafeBufferPointer { a in
        for (j, i) in rows.enumerated() { body(j, value(a[i])) }
      }
    }
    switch stored {
    case .narrow(let a): each(a) { $0 == Int32.min ? Int.min : Int($0) }
    case .wide(let a): each(a) { $0 }
    case .flags(let a): each(a) { $0 < 0 ? Int.min : Int($0) }
    }
  }

  /// The smallest and largest present value, nil when every value is missing.
  /// - Complexity: O(count).
  func bounds() -> (lo: Int, hi: Int)? {
    // The missing value is the type's smallest (or below 0 for flags): it never raises the
    // largest, and counts as the largest for the smallest, so one branch-free pass finds both.
    func scan<T: FixedWidthInteger>(_ a: [T], missing: T) -> (lo: Int, hi: Int)? {
      a.withUnsafeBufferPointer { a in
        var (lo, hi) = (T.max, missing)
        for v in a {
          lo = Swift.min(lo, v == missing ? T.max : v)
          hi = Swift.max(hi, v)
        }
        if hi == missing { return nil }
        return (Int(lo), Int(hi))
      }
    }
    switch stored {
    case .narrow(let a): return scan(a, missing: Int32.min)
    case .wide(let a): return scan(a, missing: Int.min)
    case .flags(let a): return scan(a.map { Swift.max($0, -1) }, missing: -1)
    }
  }

  /// The runs of equal values — the first row of each and its value — when the values never
  /// decrease from one row to the next (missing values count as the smallest); nil otherwise.
  /// - Complexity: O(count), one pass (stopping at the first decrease).
  func runs() -> (starts: [Int], values: [Int])? {
    func scan<T: FixedWidthInteger>(_ a: [T], _ value: (T) -> Int) -> (starts: [Int], values: [Int])? {
      a.withUnsafeBufferPointer { a in
        var (starts, values) = ([Int](), [Int]())
        var i = 0
        while i < a.count {
          if i > 0 {
            if a[i] < a[i - 1] { return nil }
            if a[i] == a[i - 1] {
              i += 1
              continue
            }
          }
          starts.append(i)
          values.append(value(a[i]))
          i += 1
        }
        return (starts, values)
      }
    }
    switch stored {
    case .narrow(let a): return scan(a) { $0 == Int32.min ? Int.min : Int($0) }
    case .wide(let a): return scan(a) { $0 }
    case .flags(let a): return scan(a.map { Swift.max($0, -1) }) { $0 < 0 ? Int.min : Int($0) }
    }
  }
}
