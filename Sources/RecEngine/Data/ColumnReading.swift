import RecCore

/// The `na` and `types` clauses of `load table`: texts that mean a value is missing, and columns
/// read as a given type whatever their values look like. Types name columns as the table will
/// have them, after `map`.
public struct ColumnReading: Sendable {
  /// Texts read as missing in every column (`na "NA", "", "\N"`); in a number column, a marker
  /// that is a number (`"-999"`) makes that number missing.
  public var missing: [String]
  /// Columns and the types they are read as, in the order written.
  public var types: [(column: String, type: ColumnType)] = []

  public init(missing: [String] = []) {
    self.missing = missing
  }

  /// The type names `types` accepts; `text` and `string` are the same type.
  public static let typeNames: [String: ColumnType] = [
    "int": .int, "float": .float, "bool": .bool, "text": .string, "string": .string, "date": .date, "time": .time,
  ]

  /// `table` with the markers' values made missing.
  func markingMissing(_ table: Table) -> Table {
    guard !missing.isEmpty else { return table }
    let texts = Set(missing)
    let ints = Set(missing.compactMap { Int($0) })
    let doubles = Set(missing.compactMap { Double($0) })
    var out = table
    for name in table.names {
      guard let column = table[name] else { continue }
      switch column.storage {
      case .string(let codes, let dict):
        let marked = dict.strings.map { texts.contains($0) }
        guard marked.contains(true) else { continue }
        out.set(name, Column(type: column.type, storage: .string(codes.map { $0 >= 0 && marked[Int($0)] ? -1 : $0 }, dict)))
      case .float32, .float64:
        guard !doubles.isEmpty, let values = column.doubleValues else { continue }
        out.set(name, Column(type: column.type, storage: .float64(values.map { doubles.contains($0) ? .nan : $0 })))
      case .int32, .int64:
        guard column.type == .int, !ints.isEmpty, let values = column.intValues else { continue }
        out.set(name, Column(type: .int, ints: values.map { ints.contains($0) ? Int.min : $0 }))
      case .bool, .list:
        continue
      }
    }
    return out
  }
}
