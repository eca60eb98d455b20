/// The canonical tables every built-in understands (LANGUAGE.md §2), as data: their
/// columns and types, their key columns, and which columns refer to which table's id.
///
/// Loaders map foreign layouts onto these names; the checker uses the schema to know a
/// loaded table's columns without data; the query engine follows `references` for
/// dotted access (`member.country` in `plays` reads `members.country`).
public enum CanonicalSchema {
  /// A column of a canonical table.
  public struct ColumnInfo: Sendable, Equatable {
    public let name: String
    /// The column's type; nil for an identifier, which is an int or a string as loaded.
    public let type: ColumnType?
  }

  /// A canonical table.
  public struct TableInfo: Sendable, Equatable {
    public let name: String
    /// The columns that identify a row, in order.
    public let keys: [String]
    /// Every column, keys first, in display order.
    public let columns: [ColumnInfo]

    /// The column called `name`.
    public func column(_ name: String) -> ColumnInfo? { columns.first { $0.name == name } }
  }

  /// A column whose values are ids of rows of another table.
  public struct Reference: Sendable, Equatable {
    /// The referring column's name, in any table that has it.
    public let column: String
    /// The table referred to, and its id column.
    public let table: String
    public let key: String
  }

  private static func id(_ name: String) -> ColumnInfo { ColumnInfo(name: name, type: nil) }
  private static func col(_ name: String, _ type: ColumnType) -> ColumnInfo { ColumnInfo(name: name, type: type) }

  /// The canonical tables, in the order LANGUAGE.md lists them.
  public static let tables: [TableInfo] = [
    TableInfo(
      name: "titles", keys: ["id"],
      columns: [
        id("id"), col("name", .string), col("kind", .string), col("genres", .list), col("cast", .list),
        col("directors", .list), col("year", .int), col("released", .date), col("maturity", .string),
      ]),
    TableInfo(
      name: "members", keys: ["id"],
      columns: [id("id"), col("country", .string), col("language", .string), col("joined", .date)]),
    TableInfo(
      name: "plays", keys: ["member", "title", "at"],
      columns: [
        id("member"), id("title"), col("at", .time), col("seconds", .int), col("completion", .float),
        col("device", .string),
      ]),
    TableInfo(
      name: "ratings", keys: ["member", "title", "at"],
      columns: [id("member"), id("title"), col("at", .time), col("rating", .float)]),
    TableInfo(
      name: "impressions", keys: ["member", "title", "at"],
      columns: [
        id("member"), id("title"), col("at", .time), col("page", .string), col("row", .int),
        col("position", .int), id("artwork"), col("propensity", .float), col("played", .bool),
      ]),
    TableInfo(name: "artworks", keys: ["title", "id"], columns: [id("title"), id("id"), col("tags", .list)]),
    TableInfo(
      name: "searches", keys: ["member", "query", "at"],
      columns: [id("member"), col("query", .string), col("at", .time), id("clicked")]),
    TableInfo(
      name: "pages", keys: ["member", "row", "col", "title"],
      columns: [id("member"), col("row", .int), col("col", .int), id("title"), col("row_title", .string)]),
  ]

  /// Columns that refer to another table's id: `member` to `members.id`, `title` and
  /// `clicked` to `titles.id`, `artwork` to `artworks.id`.
  public static let references: [Reference] = [
    Reference(column: "member", table: "members", key: "id"),
    Reference(column: "title", table: "titles", key: "id"),
    Reference(column: "clicked", table: "titles", key: "id"),
    Reference(column: "artwork", table: "artworks", key: "id"),
  ]

  /// The canonical table called `name`.
  public static func table(_ name: String) -> TableInfo? { tables.first { $0.name == name } }

  /// The reference a column called `column` makes, if it makes one.
  public static func reference(of column: String) -> Reference? { references.first { $0.column == column } }
}
