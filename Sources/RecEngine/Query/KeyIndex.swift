/// The rows of a table by the value of a key column: answers "which rows have key k" for
/// every row of another column at once. Used by joins (all matches) and dotted access
/// (the first match, `members` by `id`).
struct KeyIndex: Sendable {
  private enum Slots: Sendable {
    /// Integer keys of a small range: the group of key `k` is `groups[k - lo]`, -1 when absent.
    case dense(lo: Int, groups: [Int32])
    case hashed([Int: Int32])
    /// String keys: the group of each dictionary code.
    case strings(groups: [Int32], StringDictionary)
  }

  private let slots: Slots
  /// The rows of group `g` are `rows[starts[g]..<starts[g + 1]]`, in table order.
  private let starts: [Int]
  private let rows: [Int]

  /// Indexes the rows of `column` (int-backed or string); missing keys are left out.
  /// - Complexity: O(n).
  init(_ column: Column) {
    var groupOfRow = [Int32](repeating: -1, count: column.count)
    var groups = 0
    if case .string(let codes, let dict) = column.storage {
      var byCode = [Int32](repeating: -1, count: dict.count)
      for (i, c) in codes.enumerated() where c >= 0 {
        if byCode[Int(c)] < 0 {
          byCode[Int(c)] = Int32(groups)
          groups += 1
        }
        groupOfRow[i] = byCode[Int(c)]
      }
      slots = .strings(groups: byCode, dict)
    } else {
      let keys = column.intValues ?? []
      let present = keys.filter { $0 != Int.min }
      let lo = present.min() ?? 0
      let (span, overflow) = (present.max() ?? 0).subtractingReportingOverflow(lo)
      if !overflow, span < max(1 << 16, 4 * keys.count) {
        var table = [Int32](repeating: -1, count: span + 1)
        for (i, k) in keys.enumerated() where k != Int.min {
          if table[k - lo] < 0 {
            table[k - lo] = Int32(groups)
            groups += 1
          }
          groupOfRow[i] = table[k - lo]
        }
        slots = .dense(lo: lo, groups: table)
      } else {
        var table: [Int: Int32] = [:]
        for (i, k) in keys.enumerated() where k != Int.min {
          let g = table[k, default: Int32(groups)]
          if Int(g) == groups {
            table[k] = g
            groups += 1
          }
          groupOfRow[i] = g
        }
        slots = .hashed(table)
      }
    }
    // Rows per group, by counting sort.
    var starts = [Int](repeating: 0, count: groups + 1)
    for g in groupOfRow where g >= 0 { starts[Int(g) + 1] += 1 }
    for g in 0..<groups { starts[g + 1] += starts[g] }
    var fill = starts
    var rows = [Int](repeating: 0, count: starts[groups])
    for (i, g) in groupOfRow.enumerated() where g >= 0 {
      rows[fill[Int(g)]] = i
      fill[Int(g)] += 1
    }
    self.starts = starts
    self.rows = rows
  }

  /// The key group of each value of `keys` (same kind of column as the index), -1 where none.
  /// - Complexity: O(keys.count).
  func groups(for keys: Column) -> [Int32] {
    switch (slots, keys.storage) {
    case (.strings(let groups, let dict), .string(let codes, let keyDict)):
      // Translate each distinct code once.
      let translated = keyDict.strings.map { s in dict.code(of: s).map { groups[Int($0)] } ?? -1 }
      return codes.map { $0 < 0 ? -1 : translated[Int($0)] }
    case (.dense(let lo, let groups), _):
      return (keys.intValues ?? []).map { k in
        guard k != Int.min else { return -1 }
        let (s, overflow) = k.subtractingReportingOverflow(lo)
        return !overflow && s >= 0 && s < groups.count ? groups[s] : -1
      }
    case (.hashed(let table), _):
      return (keys.intValues ?? []).map { $0 == Int.min ? -1 : table[$0] ?? -1 }
    default:
      return [Int32](repeating: -1, count: keys.count)
    }
  }

  /// The rows of key group `g`, in table order.
  func rows(of g: Int32) -> ArraySlice<Int> { rows[starts[Int(g)]..<starts[Int(g) + 1]] }

  /// How many rows group `g` has.
  func count(of g: Int32) -> Int { starts[Int(g) + 1] - starts[Int(g)] }

  /// The first row holding each value of `keys`, -1 where none: dotted access.
  func firstRows(for keys: Column) -> [Int] {
    groups(for: keys).map { $0 < 0 ? -1 : rows[starts[Int($0)]] }
  }
}
