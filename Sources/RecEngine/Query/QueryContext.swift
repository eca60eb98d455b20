import RecCore

/// What one run of a query reads besides its input table: other tables by name, the
/// data's "now", the seed of `random()`, and the key indexes built so far.
final class QueryContext {
  let table: (String) -> Table?
  let now: Int?
  let seed: UInt64
  private var indexes: [String: KeyIndex] = [:]

  init(table: @escaping (String) -> Table?, now: Int?, seed: UInt64) {
    self.table = table
    self.now = now
    self.seed = seed
  }

  /// The rows of `name` whose `id` equals each key (-1 where none), indexing `name` once.
  func rows(of name: String, byID keys: Column, at range: SourceRange) throws(Diagnostic) -> (Table, [Int]) {
    guard let target = table(name), let ids = target["id"] else {
      throw Diagnostic(.notAKey(range.text, table: name), at: range)
    }
    let index = indexes[name] ?? KeyIndex(ids)
    indexes[name] = index
    return (target, index.firstRows(for: keys))
  }
}
