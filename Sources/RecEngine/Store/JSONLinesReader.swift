import Collections

/// Reads JSON Lines (one object per line) into a typed `Table`.
///
/// Keys become columns, in first-seen order; a key missing from a line is a missing
/// value. Numbers, strings, booleans, null and arrays of strings (lists) are accepted;
/// a column's type is inferred as for CSV, so strings that are all dates make a date
/// column. A small scanner works on the bytes; it is not a general JSON library.
struct JSONLinesReader {
  /// One decoded value, before the column's type is known.
  enum Scalar {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list([String])
  }

  /// The table in `bytes`; `file` is the name errors use.
  /// - Complexity: O(bytes).
  func read(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(DataError) -> Table {
    guard let p = bytes.baseAddress, !bytes.isEmpty else {
      throw DataError.malformed(file, "the file is empty (no objects)")
    }
    var keys: OrderedDictionary<String, Int> = [:]
    var values: [[Scalar]] = []
    var rows = 0
    var lineNumber = 0
    var lineStart = 0
    while lineStart < bytes.count {
      lineNumber += 1
      var lineEnd = lineStart
      while lineEnd < bytes.count, p[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
      var scanner = Scanner(p: p, pos: lineStart, end: lineEnd)
      defer { lineStart = lineEnd + 1 }
      scanner.skipSpace()
      if scanner.atEnd { continue }
      let object: [(String, Scalar)]
      do {
        object = try scanner.object()
      } catch {
        throw DataError.malformed(file, line: lineNumber, error.message)
      }
      for (key, value) in object {
        let column: Int
        if let c = keys[key] {
          column = c
        } else {
          column = values.count
          keys[key] = column
          values.append(Array(repeating: .null, count: rows))
        }
        guard values[column].count == rows else {
          throw DataError.malformed(file, line: lineNumber, "key '\(key)' appears twice in one object")
        }
        values[column].append(value)
      }
      rows += 1
      for c in values.indices where values[c].count < rows { values[c].append(.null) }
    }
    guard rows > 0 else { throw DataError.malformed(file, "the file is empty (no objects)") }
    return Table(zip(keys.keys, values).map { name, column in (name, Self.column(name, column)) })
  }

  /// The narrowest column holding every value of `scalars`.
  static func column(_ name: String, _ scalars: [Scalar]) -> Column {
    var kind = CSVReader.FieldKind.unknown
    for s in scalars {
      switch s {
      case .null: continue
      case .bool: kind = kind.join(.bool)
      case .int: kind = kind.join(.int)
      case .float: kind = kind.join(.float)
      case .list: kind = kind == .unknown || kind == .list ? .list : .string
      case .string(let text):
        var utf8 = text
        let k = utf8.withUTF8 { b -> CSVReader.FieldKind in
          guard let base = b.baseAddress else { return .string }
          if CSVReader.parseDate(base, b.count) != nil { return .date }
          return CSVReader.parseTime(base, b.count) != nil ? .time : .string
        }
        kind = kind == .list ? .string : kind.join(k)
      }
    }
    if kind == .string && CSVReader.listColumnNames.contains(name) { kind = .list }
    let values = scalars.map { value(of: $0, as: kind) }
    switch kind {
    case .unknown: return Column(type: .string, values: values)
    case .bool: return Column(type: .bool, values: values)
    case .int: return Column(type: CSVReader.unixTimeColumnNames.contains(name) ? .time : .int, values: values)
    case .float: return Column(type: .float, values: values)
    case .date: return Column(type: .date, values: values)
    case .time: return Column(type: .time, values: values)
    case .string: return Column(type: .string, values: values)
    case .list: return Column(type: .list, values: values)
    }
  }

  /// `s` as a value of a column of `kind`.
  private static func value(of s: Scalar, as kind: CSVReader.FieldKind) -> Value {
    switch (s, kind) {
    case (.null, _): return .null
    case (.bool(let b), .bool): return .bool(b)
    case (.int(let v), .int): return .int(v)
    case (.int(let v), .float): return .float(Double(v))
    case (.float(let v), .float): return .float(v)
    case (.list(let items), .list): return .list(items)
    case (.string(let text), .list): return .list(text.split(separator: "|").map(String.init))
    case (.string(var text), .date), (.string(var text), .time):
      return text.withUTF8 { b in
        kind == .date
          ? .date(CSVReader.parseDate(b.baseAddress!, b.count)!)
          : .time(CSVReader.parseTime(b.baseAddress!, b.count, allowingDate: true)!)
      }
    case (.string(let text), _): return .string(text)
    case (.bool(let b), _): return .string(b ? "true" : "false")
    case (.int(let v), _): return .string(String(v))
    case (.float(let v), _): return .string(v.description)
    case (.list(let items), _): return .string(items.joined(separator: "|"))
    }
  }
}
