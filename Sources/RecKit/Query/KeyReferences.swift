/// The rule behind dotted access: which table a key column points into.
///
/// A column `x` refers to the table `x + "s"` by its `id` column when that table exists
/// and has one (`member` → `members.id`, `artwork` → `artworks.id`); `title` and
/// `clicked` (a search's clicked title) refer to `titles.id`.
enum KeyReferences {
  /// Columns whose target is not their name plus "s".
  static let irregular: [String: String] = ["clicked": "titles"]

  /// The table that column `column` refers to, or nil when it is not a key.
  static func target(of column: String, schema: (String) -> Schema?) -> String? {
    let table = irregular[column] ?? column + "s"
    guard let target = schema(table), target.type(of: "id") != nil else { return nil }
    return table
  }
}
