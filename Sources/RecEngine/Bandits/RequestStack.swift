/// The request table a statement judges, with the tables its policies are `trained on` stacked
/// under it: one table, so that one context encoder, one set of linear features and one log cover
/// both sides and a context value is the same cell on either side.
///
/// The judged rows come first, at `0 ..< judgedCount`, so that their row numbers are the judged
/// table's own; each training table follows at its range. A column of the judged table is stacked
/// by value (text through one merged dictionary); a training table that lacks it, or holds it
/// with another type, contributes missing values.
package struct RequestStack {
  package let table: Table
  let judgedCount: Int
  /// The rows of each stacked training table, by name.
  let training: [String: Range<Int>]

  /// The judged table alone.
  init(_ judged: Table) {
    table = judged
    judgedCount = judged.count
    training = [:]
  }

  /// `judged` with `others` (name, table) stacked under it in order.
  package init(_ judged: Table, training others: [(name: String, table: Table)]) {
    var training: [String: Range<Int>] = [:]
    var end = judged.count
    for (name, table) in others {
      training[name] = end..<end + table.count
      end += table.count
    }
    self.table = others.isEmpty ? judged : Table(judged.names.map { name in
      let column = judged[name]!
      return (name, others.reduce(column) { stacked, other in
        Self.stack(stacked, other.table[name].flatMap { $0.type == column.type ? $0 : nil }, count: other.table.count)
      })
    })
    judgedCount = judged.count
    self.training = training
  }

  /// `top` with `bottom` under it (`count` missing values when `bottom` is nil).
  private static func stack(_ top: Column, _ bottom: Column?, count: Int) -> Column {
    switch (top.storage, bottom?.storage) {
    case (.int32(let a), .int32(let b)?): return Column(type: top.type, storage: .int32(a + b))
    case (.int32(let a), nil): return Column(type: top.type, storage: .int32(a + repeatElement(Int32.min, count: count)))
    case (.int32, _), (.int64, _):
      let b = bottom?.intValues ?? [Int](repeating: Int.min, count: count)
      return Column(type: top.type, storage: .int64(top.intValues! + b))
    case (.float64(let a), _):
      return Column(type: top.type, storage: .float64(a + (bottom?.doubleValues ?? [Double](repeating: .nan, count: count))))
    case (.float32(let a), .float32(let b)?): return Column(type: top.type, storage: .float32(a + b))
    case (.float32, _):
      let b = bottom?.doubleValues ?? [Double](repeating: .nan, count: count)
      return Column(type: top.type, storage: .float64(top.doubleValues! + b))
    case (.bool(let a), .bool(let b)?): return Column(type: top.type, storage: .bool(a + b))
    case (.bool(let a), _): return Column(type: top.type, storage: .bool(a + repeatElement(-1, count: count)))
    case (.string(let a, var dictionary), .string(let b, let other)?):
      let map = merge(other, into: &dictionary)
      return Column(type: top.type, storage: .string(a + b.map { $0 < 0 ? -1 : map[Int($0)] }, dictionary))
    case (.string(let a, let dictionary), _):
      return Column(type: top.type, storage: .string(a + repeatElement(-1, count: count), dictionary))
    case (.list(let offsets, let codes, var dictionary), .list(let o, let c, let other)?):
      let map = merge(other, into: &dictionary)
      let shift = offsets.last!
      return Column(type: top.type, storage: .list(
        offsets: offsets + o.dropFirst().map { $0 + shift }, codes: codes + c.map { map[Int($0)] }, dictionary))
    case (.list(let offsets, let codes, let dictionary), _):
      return Column(type: top.type, storage: .list(
        offsets: offsets + repeatElement(offsets.last!, count: count), codes: codes, dictionary))
    }
  }

  /// Adds the strings of `other` to `dictionary`; the code in `dictionary` of each code of `other`.
  private static func merge(_ other: StringDictionary, into dictionary: inout StringDictionary) -> [Int32] {
    if other == dictionary { return Array(0..<Int32(other.count)) }
    return other.strings.map { dictionary.intern($0) }
  }
}
