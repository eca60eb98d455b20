/// A columnar table: named, typed columns of equal length.
///
/// The stored layout only; operations live in `Table+…` extensions and in `Query/`.
/// Tables are values: copying one shares its column arrays until either is changed.
public struct Table: Sendable {
  /// Column names, in display order; unique.
  public private(set) var names: [String]
  /// The columns, parallel to `names`.
  public private(set) var columns: [Column]
  /// The number of rows.
  public private(set) var count: Int

  /// An empty table with no columns.
  public init() {
    names = []
    columns = []
    count = 0
  }

  /// A table from named columns of equal length.
  public init(_ pairs: [(String, Column)]) {
    names = pairs.map(\.0)
    columns = pairs.map(\.1)
    count = pairs.first?.1.count ?? 0
    _checkInvariants()
  }

  /// The index of the column called `name`.
  /// - Complexity: O(columns).
  public func index(of name: String) -> Int? { names.firstIndex(of: name) }

  /// The column called `name`.
  public subscript(name: String) -> Column? {
    index(of: name).map { columns[$0] }
  }

  /// Adds or replaces the column `name`.
  public mutating func set(_ name: String, _ column: Column) {
    precondition(columns.isEmpty || column.count == count, "column '\(name)' has \(column.count) rows, table has \(count)")
    if columns.isEmpty { count = column.count }
    if let i = index(of: name) { columns[i] = column } else {
      names.append(name)
      columns.append(column)
    }
  }

  /// Renames column `old` to `new`.
  public mutating func rename(_ old: String, to new: String) {
    if let i = index(of: old) { names[i] = new }
  }

  /// Removes the column `name` if present.
  public mutating func remove(_ name: String) {
    if let i = index(of: name) {
      names.remove(at: i)
      columns.remove(at: i)
    }
  }

  /// The rows `rows`, in that order.
  /// - Complexity: O(rows.count × columns).
  public func gather(_ rows: [Int]) -> Table {
    var t = Table()
    t.names = names
    t.columns = columns.map { $0.gather(rows) }
    t.count = rows.count
    return t
  }

  /// Bytes held by the columns.
  public var byteSize: Int { columns.reduce(0) { $0 + $1.byteSize } }
}
