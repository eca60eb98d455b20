import RecCore

/// Conversions between column types: the casts `int(x)`, `float(x)`, `text(x)`, `time(x)` and the
/// `types` clause of `load table`. A value that does not convert becomes missing (as pandas'
/// `to_numeric(errors="coerce")` and DuckDB's `TRY_CAST` do); the rows where that happened are
/// returned so that a load can say so.
extension Column {
  /// Whether each row holds no value, as a bool column's flags (1 missing, 0 present).
  package func missingFlags() -> [Int8] {
    switch storage {
    case .int32(let a): a.map { $0 == Int32.min ? 1 : 0 }
    case .int64(let a): a.map { $0 == Int.min ? 1 : 0 }
    case .float32(let a): a.map { $0.isNaN ? 1 : 0 }
    case .float64(let a): a.map { $0.isNaN ? 1 : 0 }
    case .bool(let a): a.map { $0 < 0 ? 1 : 0 }
    case .string(let codes, _): codes.map { $0 < 0 ? 1 : 0 }
    case .list(let offsets, _, _): [Int8](repeating: 0, count: offsets.count - 1)
    }
  }

  /// The types a column can be cast to.
  package static let castTypes: [ColumnType] = [.int, .float, .bool, .string, .date, .time]

  /// The column as `type`, and the rows whose present value did not convert (now missing).
  package func cast(to type: ColumnType) -> (column: Column, failed: [Int]) {
    if type == self.type { return (self, []) }
    if type == .string { return (Column(type: .string, values: texts()), []) }
    var failed: [Int] = []
    var values: [Value] = []
    values.reserveCapacity(count)
    // A string column converts each distinct text once.
    var converted: [Int32: Value?] = [:]
    for i in 0..<count {
      let v = value(at: i)
      if v.isNull {
        values.append(.null)
        continue
      }
      let result: Value?
      if case .string(let codes, _) = storage {
        if let known = converted[codes[i]] {
          result = known
        } else {
          result = Self.convert(v, to: type)
          converted[codes[i]] = result
        }
      } else {
        result = Self.convert(v, to: type)
      }
      if let result {
        values.append(result)
      } else {
        values.append(.null)
        failed.append(i)
      }
    }
    return (Column(type: type, values: values), failed)
  }

  /// Every value as text, as CSV writes it (floats at full precision, ISO dates and times);
  /// missing stays missing.
  private func texts() -> [Value] {
    (0..<count).map { i in
      let v = value(at: i)
      return v.isNull ? .null : .string(CellFormatter.csv(v))
    }
  }

  /// One present value as `type`; nil when it has no such reading.
  private static func convert(_ v: Value, to type: ColumnType) -> Value? {
    switch (v, type) {
    case (.string(let s), _): return parse(s.trimmingBlanks, as: type)
    case (.int(let x), .float), (.duration(let x), .float): return .float(Double(x))
    case (.float(let x), .int):
      // Toward zero, as Python's int() and pandas' astype(int) do; no reading outside 64 bits.
      guard x.isFinite, x > -9.2e18, x < 9.2e18 else { return nil }
      return .int(Int(x.rounded(.towardZero)))
    case (.bool(let b), .int): return .int(b ? 1 : 0)
    case (.bool(let b), .float): return .float(b ? 1 : 0)
    case (.int(let x), .bool): return x == 0 || x == 1 ? .bool(x == 1) : nil
    case (.duration(let x), .int): return .int(x)
    case (.date(let d), .int): return .int(d)
    case (.time(let t), .int): return .int(t)
    case (.time(let t), .float): return .float(Double(t))
    case (.int(let x), .time): return .time(x)
    case (.date(let d), .time):
      let (seconds, overflow) = d.multipliedReportingOverflow(by: 86400)
      return overflow ? nil : .time(seconds)
    case (.time(let t), .date): return .date(t >= 0 ? t / 86400 : (t - 86399) / 86400)
    case (.int(let x), .date): return .date(x)
    default: return nil
    }
  }

  /// Text as `type`: integers (or whole numbers such as `1990.0`), numbers, `true`/`false`,
  /// ISO dates and times (a bare date is midnight).
  private static func parse(_ text: String, as type: ColumnType) -> Value? {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { b -> Value? in
      guard let p = b.baseAddress, !b.isEmpty else { return nil }
      switch type {
      case .int:
        if let v = CSVReader.parseInt(p, b.count) { return v == Int.min ? nil : .int(v) }
        if let x = CSVReader.parseDouble(p, b.count), x.isFinite, x == x.rounded(), abs(x) < 9.2e18 {
          return .int(Int(x))
        }
        return nil
      case .float:
        return CSVReader.parseDouble(p, b.count).flatMap { $0.isNaN ? nil : .float($0) }
      case .bool: return CSVReader.parseBool(p, b.count).map(Value.bool)
      case .date: return CSVReader.parseDate(p, b.count).map(Value.date)
      case .time: return CSVReader.parseTime(p, b.count, allowingDate: true).map(Value.time)
      default: return nil
      }
    }
  }
}

extension String {
  /// Without leading and trailing spaces and tabs.
  fileprivate var trimmingBlanks: String {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
    return String(self[first...last])
  }
}
