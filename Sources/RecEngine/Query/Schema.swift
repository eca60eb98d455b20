/// The shape of a table without its data: column names and types, in order.
///
/// The binder checks pipelines against schemas only, so `rec check` can resolve every
/// name before any data is loaded.
public struct Schema: Sendable, Equatable {
  /// The columns, in display order.
  public var columns: [(name: String, type: ColumnType)]

  /// A schema from its columns.
  public init(_ columns: [(name: String, type: ColumnType)]) {
    self.columns = columns
  }

  /// The schema of a table's columns.
  public init(of table: Table) {
    columns = zip(table.names, table.columns).map { ($0, $1.type) }
  }

  public static func == (a: Schema, b: Schema) -> Bool {
    a.columns.count == b.columns.count && zip(a.columns, b.columns).allSatisfy { $0.name == $1.name && $0.type == $1.type }
  }

  /// The column names, in order.
  public var names: [String] { columns.map(\.name) }

  /// The type of the column `name`, nil when there is no such column.
  /// - Complexity: O(columns).
  public func type(of name: String) -> ColumnType? {
    columns.first { $0.name == name }?.type
  }
}
