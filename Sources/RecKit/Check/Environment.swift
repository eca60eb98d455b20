import Collections
import RecCore
import RecEngine

/// What names stand for where a statement is checked: the tables with their columns, the splits
/// and the definitions — as the session holds them, or as the statements before this one in a
/// program will leave them.
///
/// `rec check` checks a whole program in an environment that it updates statement by statement
/// (a `load demo` declares the demo's tables with their columns); `rec run` checks the whole
/// program the same way first, so that a misspelt name fails before any slow load, then checks
/// each statement again against the session as it stands, just before running it.
struct Environment {
  /// Table names in creation order, with their columns; nil while only the name is known
  /// (a file's columns are known once it is read).
  var tables: OrderedDictionary<String, Schema?> = [:]
  /// The train/test pairs, by the name of either side.
  var splits: [String: SplitSides] = [:]
  /// Definitions by name, in definition order.
  var definitions: OrderedDictionary<String, CheckedDefinition> = [:]
  /// Query results so far; the next is kept as `_N+1`.
  var results = 0
  /// Whether the demo world, with its hidden truth, is what is loaded.
  var hasDemo = false
  /// How each table was made, for what a later load drops.
  var lineage = Lineage()
  /// Tables and splits a load dropped, with why: a later statement that names one says so.
  var dropped: [String: String] = [:]

  /// The table `name`'s columns: nil when the table is unknown, `.some(nil)` when only its
  /// name is known.
  func schema(_ name: String) -> Schema?? { tables[name] }

  /// Whether every table's columns are known, so that a pipeline can be checked to the end.
  var knowsEveryColumn: Bool { !tables.values.contains { $0 == nil } }

  /// The names of the definitions of `kind`, sorted: what a "did you mean" chooses from.
  func names(of kind: CheckedDefinition.Kind) -> [String] {
    definitions.values.filter { $0.kind == kind }.map(\.name).sorted()
  }

  /// Declares a table that a statement computes from the tables `inputs`.
  mutating func declare(_ name: String, _ schema: Schema?, from inputs: Set<String>) {
    tables.updateValue(schema, forKey: name)
    lineage.record(name, .derived(from: inputs))
    dropped[name] = nil
  }

  /// Declares a result kept as `_` and `_N`.
  mutating func declareResult(_ schema: Schema?, from inputs: Set<String>) {
    results += 1
    declare("_", schema, from: inputs)
    declare("_\(results)", schema, from: inputs)
  }

  /// Declares the tables a load makes (a dataset load when `dataset`) and drops what that makes
  /// obsolete: tables, and splits with a side gone.
  mutating func load(_ made: [(name: String, schema: Schema?)], dataset: Bool, named load: String) {
    let drop = lineage.load(made.map(\.name), dataset: dataset, named: load, existing: Array(tables.keys))
    for name in drop.tables {
      tables.removeValue(forKey: name)
      dropped[name] = drop.reasons[name]
    }
    for (name, schema) in made {
      tables.updateValue(schema, forKey: name)
      dropped[name] = nil
    }
    for (name, sides) in splits where tables[sides.train] == nil || tables[sides.test] == nil {
      splits[name] = nil
      dropped[name] = drop.reasons[sides.train] ?? drop.reasons[sides.test]
    }
  }
}

/// The two sides of a split and the table they came from.
struct SplitSides: Sendable, Equatable {
  var source: String
  var train: String
  var test: String
}

/// A split named by a statement (`on test`), with where it is named.
struct SplitChoice: Sendable {
  var sides: SplitSides
  var range: SourceRange

  var train: String { sides.train }
  var test: String { sides.test }
}
