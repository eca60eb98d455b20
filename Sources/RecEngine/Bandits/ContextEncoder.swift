import RecCore

/// Turns a policy's `context` clause into a dense cell id per request row: the row's arm set and
/// the values of its context columns.
///
/// A context name is looked up, in order, as a column of the request table (`position`,
/// `user_feature_0`), a column of `members` (`country`, by the row's member), and a column of
/// `truth.members` (`top_genre`, the demo's truth). `member.X` skips the request table.
package struct ContextEncoder {
  /// Tables a context name may come from besides the requests.
  package struct Sources {
    var requests: Table
    var members: Table?
    var truthMembers: Table?

    package init(requests: Table, members: Table? = nil, truthMembers: Table? = nil) {
      self.requests = requests
      self.members = members
      self.truthMembers = truthMembers
    }
  }

  /// The cell of each request row, dense from 0, and the number of cells.
  static func cells(
    context: [ContextColumn], sources: Sources, armSet: [Int32], member: [Int32]
  ) throws(Diagnostic) -> (cells: [Int32], count: Int) {
    var columns: [(codes: [Int32], radix: Int)] = []
    for column in context { columns.append(try codes(of: column, sources: sources, member: member)) }
    let n = armSet.count
    var radix = 1
    var keys = [Int](repeating: 0, count: n)
    var overflow = false
    for i in 0..<n { keys[i] = Int(armSet[i]) + 1 }
    radix = (armSet.max().map { Int($0) } ?? 0) + 2
    for (codes, r) in columns {
      let (product, o) = radix.multipliedReportingOverflow(by: r)
      overflow = overflow || o
      for i in 0..<n { keys[i] = keys[i] &* r &+ Int(codes[i]) }
      radix = product
    }
    var cells = [Int32](repeating: 0, count: n)
    var count = 0
    if !overflow && radix <= 1 << 22 {
      var table = [Int32](repeating: -1, count: radix)
      for i in 0..<n {
        if table[keys[i]] < 0 {
          table[keys[i]] = Int32(count)
          count += 1
        }
        cells[i] = table[keys[i]]
      }
    } else {
      var table: [Int: Int32] = [:]
      for i in 0..<n {
        if let c = table[keys[i]] {
          cells[i] = c
        } else {
          table[keys[i]] = Int32(count)
          cells[i] = Int32(count)
          count += 1
        }
      }
    }
    return (cells, count)
  }

  /// The names a context may use, for suggestions.
  static func knownNames(_ sources: Sources) -> [String] {
    var names = sources.requests.names
    for t in [sources.members, sources.truthMembers].compactMap({ $0 }) {
      names += t.names.filter { $0 != "id" && $0 != "member" && !names.contains($0) }
    }
    return names
  }

  /// Dense codes (0 ..< radix) of one context column for every request row.
  private static func codes(
    of context: ContextColumn, sources: Sources, member: [Int32]
  ) throws(Diagnostic) -> (codes: [Int32], radix: Int) {
    let name = context.name
    if !context.ofMember, let column = sources.requests[name] { return dense(column) }
    for (table, key) in [(sources.members, "id"), (sources.truthMembers, "member")] {
      guard let table, let column = table[name], let keyColumn = table[key] else { continue }
      let (values, radix) = dense(column)
      let ids = int32s(keyColumn)
      let top = Int(ids.max() ?? 0)
      var byMember = [Int32](repeating: Int32(radix), count: top + 1)
      for (id, v) in zip(ids, values) where id >= 0 { byMember[Int(id)] = v }
      return (member.map { $0 >= 0 && Int($0) <= top ? byMember[Int($0)] : Int32(radix) }, radix + 1)
    }
    throw Diagnostic(.unknownContext(name, known: knownNames(sources)), at: context.range)
  }

  /// A column's values as dense codes: text and bool by their codes, integers by rank.
  private static func dense(_ column: Column) -> (codes: [Int32], radix: Int) {
    switch column.storage {
    case .string(let codes, let dictionary):
      let missing = Int32(dictionary.count)
      return (codes.map { $0 < 0 ? missing : $0 }, dictionary.count + 1)
    case .bool(let a):
      return (a.map { Int32($0) + 1 }, 3)
    case .int32, .int64:
      let values = column.intValues ?? []
      guard let low = values.min(), let high = values.max() else { return ([], 1) }
      if high.subtractingReportingOverflow(low).partialValue < 1 << 20 && low > Int.min {
        var rank = [Int32](repeating: -1, count: high - low + 1)
        for v in values { rank[v - low] = 0 }
        var next: Int32 = 0
        for j in rank.indices where rank[j] == 0 {
          rank[j] = next
          next += 1
        }
        return (values.map { rank[$0 - low] }, Int(next))
      }
      var rank: [Int: Int32] = [:]
      for v in Set(values).sorted() { rank[v] = Int32(rank.count) }
      return (values.map { rank[$0]! }, max(rank.count, 1))
    case .float32, .float64:
      let values = (column.doubleValues ?? []).map { $0.isNaN ? -Double.infinity : $0 }
      var rank: [Double: Int32] = [:]
      for v in Set(values).sorted() { rank[v] = Int32(rank.count) }
      return (values.map { rank[$0]! }, max(rank.count, 1))
    case .list(let offsets, let codes, _):
      // A list's context value is its first element.
      let first = (0..<column.count).map { offsets[$0] < offsets[$0 + 1] ? codes[Int(offsets[$0])] + 1 : 0 }
      return (first, (codes.max().map { Int($0) } ?? 0) + 2)
    }
  }
}
