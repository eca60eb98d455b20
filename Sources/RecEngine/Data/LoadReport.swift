import RecCore

/// What a loader did, for the session to print: the files it read, the tables it made
/// (rows, columns), what it mapped, and how long it took.
public struct LoadReport: Sendable {
  /// One table made by the load.
  public struct TableEntry: Sendable, Equatable {
    public let name: String
    public let rows: Int
    public let columns: [String]
    /// Each column's type, as `.schema` names it.
    public let types: [ColumnType]
    /// `member ← userId` style notes of renamed or derived columns.
    public let mapped: [String]
  }

  /// Files read, in order, as the user would name them.
  public private(set) var files: [String] = []
  public private(set) var tables: [TableEntry] = []
  /// Other remarks: optional files absent, values dropped.
  public private(set) var notes: [String] = []
  /// What the user should know about the data read: values that were made missing.
  public private(set) var warnings: [String] = []
  /// Wall time of the whole load, in seconds.
  public var elapsedSeconds = 0.0

  public init() {}

  mutating func read(_ file: String) { files.append(file) }

  mutating func made(_ name: String, _ table: Table, mapped: [String] = []) {
    let types = table.names.map { table[$0]?.type ?? .string }
    tables.append(TableEntry(name: name, rows: table.count, columns: table.names, types: types, mapped: mapped))
  }

  mutating func note(_ text: String) { notes.append(text) }

  /// Warns, for each column of `table` that `repairs` changed, which values were made missing.
  mutating func warn(_ repairs: [MostlyNumbers.Repair], in table: String) {
    warnings += repairs.map { "'\(table)' \($0.message)" }
  }

  /// The report as lines; `timed` adds the elapsed time (off for reproducible output).
  public func lines(timed: Bool) -> [String] {
    var out = ["read \(files.joined(separator: ", "))"]
    for t in tables {
      var line = "\(t.name): \(thousands(t.rows)) row\(t.rows == 1 ? "" : "s") × \(t.columns.count) column\(t.columns.count == 1 ? "" : "s") (\(zip(t.columns, t.types).map { "\($0): \($1.rawValue)" }.joined(separator: ", ")))"
      if !t.mapped.isEmpty { line += "; \(t.mapped.joined(separator: ", "))" }
      out.append(line)
    }
    out += notes
    if timed {
      let ms = Int((elapsedSeconds * 1000).rounded())
      out.append("loaded in \(ms / 1000).\(String(repeating: "0", count: 3 - String(ms % 1000).count))\(ms % 1000) s")
    }
    return out
  }
}
