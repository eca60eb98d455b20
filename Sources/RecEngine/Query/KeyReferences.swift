/// The rule behind dotted access: which table a key column points into.
///
/// The canonical references come first (`clicked` → `titles.id`, see `CanonicalSchema`);
/// beyond them a column `x` refers to the table `x + "s"` by its `id` column when that
/// table exists and has one, so a user's own `studio` column reaches a `studios` table.
package enum KeyReferences {
  /// The table that column `column` refers to, or nil when it is not a key.
  package static func target(of column: String, schema: (String) -> Schema?) -> String? {
    let table = candidate(for: column)
    guard let target = schema(table), target.type(of: "id") != nil else { return nil }
    return table
  }

  /// The table a column named `column` would refer to, whether or not it exists.
  package static func candidate(for column: String) -> String {
    CanonicalSchema.reference(of: column)?.table ?? column + "s"
  }
}
