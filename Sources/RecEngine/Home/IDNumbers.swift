/// Dense numbers of ids, by array for ids in `0..<limit` and by dictionary for any other, so
/// that indexing a history of millions of plays reads arrays instead of hashing every id.
struct IDNumbers {
  private var slots: [Int32]
  private var others: [Int: Int32] = [:]
  /// The ids that have a number, in the order they were given one.
  private(set) var ids: [Int] = []

  init(limit: Int) {
    slots = [Int32](repeating: -1, count: limit)
  }

  /// Ids in `0..<limit` are numbered through an array.
  var limit: Int { slots.count }

  subscript(id: Int) -> Int32? {
    guard id >= 0, id < slots.count else { return others[id] }
    return slots[id] < 0 ? nil : slots[id]
  }

  /// Gives `id` the number `number` (a new id or a new number for a known one).
  mutating func set(_ id: Int, _ number: Int32) {
    if self[id] == nil { ids.append(id) }
    if id >= 0, id < slots.count { slots[id] = number } else { others[id] = number }
  }
}
