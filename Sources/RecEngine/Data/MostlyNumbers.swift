import RecCore

/// A text column whose values are numbers but for a few, read as numbers with those few made
/// missing, and said so. One stray value should not turn a column of years into text (RecBole's
/// ML-100K has `unkonwn` and `V` among 1,682 release years, and `where year < 2000` must work).
///
/// A column qualifies when at least one of its values is a number and the values that are not
/// — leaving aside the usual markers of a missing value (`NA`, `N/A`, `NaN`, `null`, `\N`, …),
/// which become missing without a word — are at most `allowed(present:)` of its present values.
/// It becomes an integer column when every number is an integer, else a float column. A number
/// written with a leading zero (`02139`) marks a column of codes, which stays text.
enum MostlyNumbers {
  /// What became of one column.
  struct Repair: Equatable {
    var column: String
    var type: ColumnType
    /// Rows whose value was neither a number nor a marker of a missing value.
    var bad: Int
    /// The first three such rows (0-based) and their text.
    var examples: [(row: Int, text: String)]

    static func == (a: Self, b: Self) -> Bool {
      a.column == b.column && a.type == b.type && a.bad == b.bad
        && a.examples.map(\.row) == b.examples.map(\.row) && a.examples.map(\.text) == b.examples.map(\.text)
    }

    /// `year: 2 values are not integers (data row 267: "unkonwn", data row 1,002: "V"); read as missing`
    var message: String {
      let noun = bad == 1 ? MostlyNumbers.nouns(type).one : MostlyNumbers.nouns(type).many
      let shown = examples.map { "data row \(thousands($0.row + 1)): \"\($0.text)\"" }.joined(separator: ", ")
      let more = bad > examples.count ? ", …" : ""
      return "column '\(column)': \(thousands(bad)) \(noun) (\(shown)\(more)); read as missing"
    }
  }

  /// How a value that is not of `type` is named, one and many.
  private static func nouns(_ type: ColumnType) -> (one: String, many: String) {
    switch type {
    case .int: ("value is not an integer", "values are not integers")
    case .float: ("value is not a number", "values are not numbers")
    case .bool: ("value is not true or false", "values are not true or false")
    case .date: ("value is not a date", "values are not dates")
    case .time: ("value is not a time", "values are not times")
    default: ("value does not convert", "values do not convert")
    }
  }

  /// Texts that mean a value is missing.
  static let missingMarkers: Set<String> = ["NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "\\N", "?", "-"]

  /// The most values that may break the majority type: 1% of the present values, at least 3.
  static func allowed(present: Int) -> Int { max(3, present / 100) }

  /// `column` as numbers, with what was made missing; nil when it is not a text column of
  /// numbers but for a few.
  static func repair(_ column: Column, named name: String) -> (Column, Repair?)? {
    guard case .string(let codes, let dict) = column.storage else { return nil }
    enum Kind { case int(Int), float(Double), missing, bad, code }
    let kinds: [Kind] = dict.strings.map { text in
      if missingMarkers.contains(text) { return .missing }
      var bytes = Array(text.utf8)
      return bytes.withUnsafeMutableBufferPointer { b -> Kind in
        guard let p = b.baseAddress, !b.isEmpty else { return .missing }
        if let v = CSVReader.parseInt(p, b.count) {
          let digits = b.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
          if digits.count > 1, digits.first == UInt8(ascii: "0") { return .code }
          return v == Int.min ? .bad : .int(v)
        }
        if let v = CSVReader.parseDouble(p, b.count), v.isFinite { return .float(v) }
        return .bad
      }
    }
    var present = 0
    var bad = 0
    var numbers = 0
    var floats = false
    for code in codes where code >= 0 {
      switch kinds[Int(code)] {
      case .int: numbers += 1
      case .float: numbers += 1; floats = true
      case .bad, .code: bad += 1
      case .missing: continue
      }
      present += 1
    }
    if kinds.contains(where: { if case .code = $0 { true } else { false } }) { return nil }
    guard numbers > 0, bad <= allowed(present: present) else { return nil }
    var examples: [(row: Int, text: String)] = []
    for (row, code) in codes.enumerated() where code >= 0 && examples.count < 3 {
      if case .bad = kinds[Int(code)] { examples.append((row, dict.strings[Int(code)])) }
    }
    let repair = bad > 0 ? Repair(column: name, type: floats ? .float : .int, bad: bad, examples: examples) : nil
    if floats {
      let values = codes.map { code -> Double in
        guard code >= 0 else { return .nan }
        switch kinds[Int(code)] {
        case .int(let v): return Double(v)
        case .float(let v): return v
        default: return .nan
        }
      }
      return (Column(type: .float, storage: .float64(values)), repair)
    }
    let values = codes.map { code -> Int in
      guard code >= 0, case .int(let v) = kinds[Int(code)] else { return Int.min }
      return v
    }
    return (Column(type: .int, ints: values), repair)
  }

  /// Every qualifying text column of `table` as numbers, with what was made missing; the columns
  /// in `skipping` (typed by the user) are left as they are.
  static func repair(_ table: Table, skipping: Set<String> = []) -> (Table, [Repair]) {
    var out = table
    var repairs: [Repair] = []
    for name in table.names where !skipping.contains(name) {
      guard let column = table[name], let (fixed, repair) = repair(column, named: name) else { continue }
      out.set(name, fixed)
      if let repair { repairs.append(repair) }
    }
    return (out, repairs)
  }
}
