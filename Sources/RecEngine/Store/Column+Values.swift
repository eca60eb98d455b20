extension Column {
  /// The value at row `i`, boxed; for printing and row-at-a-time work.
  /// - Complexity: O(1) (O(length) for a list).
  public func value(at i: Int) -> Value {
    switch storage {
    case .int32(let a):
      let v = a[i]
      return v == Int32.min ? .null : Self.box(type, Int(v))
    case .int64(let a):
      let v = a[i]
      return v == Int.min ? .null : Self.box(type, v)
    case .float32(let a):
      let v = a[i]
      return v.isNaN ? .null : .float(Double(v))
    case .float64(let a):
      let v = a[i]
      return v.isNaN ? .null : .float(v)
    case .bool(let a):
      return a[i] < 0 ? .null : .bool(a[i] == 1)
    case .string(let codes, let dict):
      let c = codes[i]
      return c < 0 ? .null : .string(dict[c])
    case .list(let offsets, let codes, let dict):
      return .list(codes[Int(offsets[i])..<Int(offsets[i + 1])].map { dict[$0] })
    }
  }

  private static func box(_ type: ColumnType, _ v: Int) -> Value {
    switch type {
    case .date: .date(v)
    case .time: .time(v)
    case .duration: .duration(v)
    default: .int(v)
    }
  }

  /// The integer at row `i` (int, date, time and duration columns), nil when missing.
  @inline(__always)
  public func int(at i: Int) -> Int? {
    switch storage {
    case .int32(let a): a[i] == Int32.min ? nil : Int(a[i])
    case .int64(let a): a[i] == Int.min ? nil : a[i]
    case .bool(let a): a[i] < 0 ? nil : Int(a[i])
    default: nil
    }
  }

  /// The number at row `i` (any numeric column), nil when missing.
  @inline(__always)
  public func double(at i: Int) -> Double? {
    switch storage {
    case .float32(let a): a[i].isNaN ? nil : Double(a[i])
    case .float64(let a): a[i].isNaN ? nil : a[i]
    default: int(at: i).map(Double.init)
    }
  }

  /// Builds a column from boxed values of one type (nulls allowed); for small results.
  /// - Complexity: O(n).
  public init(type: ColumnType, values: [Value]) {
    switch type {
    case .int, .date, .time, .duration:
      let ints = values.map { v -> Int in
        switch v {
        case .int(let x), .date(let x), .time(let x), .duration(let x): x
        // A float kept as an integer only when it is one (no trap on NaN or beyond 64 bits).
        case .float(let x): Int(exactly: x) ?? Int.min
        case .bool(let b): b ? 1 : 0
        default: Int.min
        }
      }
      self.init(type: type, ints: ints)
    case .float:
      self.init(type: .float, storage: .float64(values.map { $0.number ?? .nan }))
    case .bool:
      self.init(type: .bool, storage: .bool(values.map { if case .bool(let b) = $0 { b ? 1 : 0 } else { -1 } }))
    case .string:
      var dict = StringDictionary()
      let codes = values.map { v -> Int32 in
        if case .string(let s) = v { return dict.intern(s) }
        return -1
      }
      self.init(type: .string, storage: .string(codes, dict))
    case .list:
      var dict = StringDictionary()
      var offsets: [Int32] = [0]
      var codes: [Int32] = []
      for v in values {
        if case .list(let items) = v { for s in items { codes.append(dict.intern(s)) } }
        offsets.append(Int32(codes.count))
      }
      self.init(type: .list, storage: .list(offsets: offsets, codes: codes, dict))
    }
  }

  /// An integer-backed column (int, date, time, duration), 32-bit when every value fits.
  /// `Int.min` marks a missing value.
  public init(type: ColumnType, ints: [Int]) {
    let fits32 = ints.allSatisfy { $0 == Int.min || ($0 > Int(Int32.min) && $0 <= Int(Int32.max)) }
    if fits32 {
      self.init(type: type, storage: .int32(ints.map { $0 == Int.min ? Int32.min : Int32($0) }))
    } else {
      self.init(type: type, storage: .int64(ints))
    }
  }

  /// Picks the rows `rows` (in that order) into a new column; dictionaries are shared.
  /// - Complexity: O(rows.count).
  public func gather(_ rows: [Int]) -> Column {
    switch storage {
    case .int32(let a): Column(type: type, storage: .int32(rows.map { a[$0] }))
    case .int64(let a): Column(type: type, storage: .int64(rows.map { a[$0] }))
    case .float32(let a): Column(type: type, storage: .float32(rows.map { a[$0] }))
    case .float64(let a): Column(type: type, storage: .float64(rows.map { a[$0] }))
    case .bool(let a): Column(type: type, storage: .bool(rows.map { a[$0] }))
    case .string(let c, let d): Column(type: type, storage: .string(rows.map { c[$0] }, d))
    case .list(let o, let c, let d):
      {
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(rows.count + 1)
        var codes: [Int32] = []
        for r in rows {
          codes.append(contentsOf: c[Int(o[r])..<Int(o[r + 1])])
          offsets.append(Int32(codes.count))
        }
        return Column(type: type, storage: .list(offsets: offsets, codes: codes, d))
      }()
    }
  }
}
