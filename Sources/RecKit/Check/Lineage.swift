import RecEngine

/// Where each table of a session came from, so that a `load` can drop what it makes obsolete:
/// a load replaces the world it loads.
///
/// A dataset load (`load demo`, `load movielens`, …) replaces every table an earlier dataset load
/// made; any load replaces the tables it makes under the same names. Then every table computed
/// from a replaced or dropped table (a query result, a `let`, the sides of a split, a statement's
/// result) goes too, and so does every split with a side gone. Definitions stay.
///
/// The checker keeps a lineage while it checks a program and the session keeps one for its
/// tables, so that `rec check` and `rec run` agree on what a later statement may still use.
struct Lineage: Sendable {
  /// How a table was made.
  enum Origin: Sendable, Equatable {
    /// By a dataset load (`load demo`): part of the world the next dataset load replaces.
    case dataset(String)
    /// Read from a file by `load table`.
    case file
    /// Computed from these tables.
    case derived(from: Set<String>)
  }

  /// What a load made obsolete, with why, for the status lines and for the messages of later
  /// statements that name them.
  struct Drop: Sendable, Equatable {
    /// The tables dropped, in the order they were made.
    var tables: [String] = []
    /// Each dropped table's reason: "from the previous load demo", "built from the previous plays".
    var reasons: [String: String] = [:]
  }

  private(set) var origins: [String: Origin] = [:]

  mutating func record(_ table: String, _ origin: Origin) {
    origins[table] = origin
  }

  mutating func forget(_ table: String) {
    origins[table] = nil
  }

  /// Whether `table` is `root` as a dataset load made it, or was computed from it alone (through
  /// splits, filters, `let`s, results), so that its rows are rows of that table; nil when it is
  /// not, with why (a file, another table in its making).
  func rows(of table: String, comeFrom root: String) -> String? {
    var seen: Set<String> = []
    var pending = [table]
    while let name = pending.popLast() {
      guard seen.insert(name).inserted else { continue }
      switch origins[name] {
      case .dataset:
        if name != root { return "'\(table)' is made from '\(name)'" }
      case .file:
        return name == table ? "'\(table)' was read from a file" : "'\(table)' is made from '\(name)', read from a file"
      case .derived(let inputs):
        pending += inputs
      case nil:
        return "'\(table)' has no known origin"
      }
    }
    return nil
  }

  /// The tables a load that makes `made` (a dataset load when `dataset`, called `load`: `load
  /// demo`) drops, among `existing` (in creation order), with their reasons. The tables it makes
  /// are recorded with their new origin.
  mutating func load(
    _ made: [String], dataset: Bool, named load: String, existing: [String]
  ) -> Drop {
    var drop = Drop()
    var gone: [String: String] = [:]
    let madeSet = Set(made)
    for name in existing where madeSet.contains(name) { gone[name] = "" }
    if dataset {
      for name in existing where !madeSet.contains(name) {
        if case .dataset(let previous) = origins[name] { gone[name] = "from the previous \(previous)" }
      }
    }
    // Tables computed from a gone one, transitively, in creation order.
    var changed = true
    while changed {
      changed = false
      for name in existing where gone[name] == nil && !madeSet.contains(name) {
        guard case .derived(let inputs) = origins[name] else { continue }
        if let input = existing.first(where: { inputs.contains($0) && gone[$0] != nil }) {
          gone[name] = "built from the previous \(input)"
          changed = true
        }
      }
    }
    for name in existing where gone[name] != nil && !madeSet.contains(name) {
      drop.tables.append(name)
      drop.reasons[name] = gone[name]
      origins[name] = nil
    }
    for name in made { origins[name] = dataset ? .dataset(load) : .file }
    return drop
  }
}

extension BoundPipeline {
  /// Every table the pipeline reads: its source, the tables it joins, and those its dotted
  /// names reach (`member.country` reads `members`).
  var tablesRead: Set<String> {
    var names: Set<String> = [source]
    func visit(_ e: BoundExpr) {
      switch e.kind {
      case .lookup(let key, let table, _):
        names.insert(table)
        visit(key)
      case .midnight(let x), .negate(let x), .not(let x), .isMissing(let x): visit(x)
      case .binary(let first, let links):
        visit(first)
        for link in links { visit(link.operand) }
      case .call(_, let args): args.forEach(visit)
      case .column, .constant, .now, .list, .parameter: break
      }
    }
    for stage in stages {
      switch stage {
      case .filter(let e): visit(e)
      case .select(let named), .derive(let named), .distinct(let named): named.forEach { visit($0.expr) }
      case .group(let keys, let aggregates, let outputs):
        (keys + outputs).forEach { visit($0.expr) }
        aggregates.compactMap(\.argument).forEach(visit)
      case .sort(let keys): keys.forEach { visit($0.expr) }
      case .take: break
      case .join(let table, let key, _, _):
        names.insert(table)
        visit(key)
      }
    }
    return names
  }
}
