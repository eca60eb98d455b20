import RecCore

/// The last `HomeIndexes` and the last `Judge` a session built, kept so that `show page`,
/// `show row`, `explain page`, `eval`, `sweep` and `abtest` at the prompt reuse them instead of
/// indexing the history again — with whatever each built on demand since (co-visitation
/// neighbours, plays in time order, a judge's genres or popularity).
///
/// Indexes depend on the context's plays and its `titles`, `members` and `impressions` tables,
/// on "now" and on the seed; a judge on its split's test and train
/// tables, on `titles` and on "now". A table counts as unchanged when it still shares the very
/// arrays they were built from (tables are values that share their storage until changed), so
/// any change to the data — a reload, an assignment, a new split — builds afresh. The tables
/// are kept alive with what was built from them, which is what makes storage identity a sound
/// test.
package final class HomeIndexCache {
  package init() {}

  private struct Key {
    var tables: [Table?]
    var now: SplitNow?
    var seed: UInt64

    init(_ context: PageContext, seed: UInt64) {
      tables = [context.plays] + HomeIndexCache.tableNames.map { context.tables[$0] }
      now = context.now
      self.seed = seed
    }

    func matches(_ other: Key) -> Bool {
      now == other.now && seed == other.seed && sharesStorage(tables, other.tables)
    }
  }

  /// The session tables the indexes read besides the plays.
  private static let tableNames = ["titles", "members", "impressions"]

  private var last: (key: Key, indexes: HomeIndexes)?
  /// How many times indexes were built (not reused), for tests.
  package private(set) var builds = 0
  /// The indexes kept, for tests.
  package var current: HomeIndexes? { last?.indexes }
  private var lastJudge: (tables: [Table?], now: SplitNow?, judge: Judge)?
  /// How many times a judge was made (not reused), for tests.
  package private(set) var judgeBuilds = 0
  /// The judge kept, for tests.
  package var currentJudge: Judge? { lastJudge?.judge }

  /// Forgets the kept indexes (a load replaced the tables they were built from).
  package func clear() {
    last = nil
  }

  /// The indexes of `context`: the kept ones when nothing they depend on changed.
  package func indexes(
    _ context: PageContext, seed: UInt64, cancellation: Cancellation = .never
  ) throws(Diagnostic) -> HomeIndexes {
    let key = Key(context, seed: seed)
    if let last, last.key.matches(key) { return last.indexes }
    // Dropped first, so that the old indexes and the new are not held at once.
    last = nil
    let made = try HomeIndexes(context, seed: seed, cancellation: cancellation)
    builds += 1
    last = (key, made)
    return made
  }

  /// The judge of a split's `test` and `train` sides with the session's `titles`: the kept one
  /// when none of them changed.
  package func judge(test: Table, train: Table, titles: Table?, now: SplitNow?) -> Judge {
    let tables = [test, train, titles]
    if let lastJudge, lastJudge.now == now, sharesStorage(lastJudge.tables, tables) { return lastJudge.judge }
    lastJudge = nil
    let made = Judge(test: test, train: train, titles: titles, now: now)
    judgeBuilds += 1
    lastJudge = (tables, now, made)
    return made
  }
}

/// Whether `a` and `b` are the same tables in order (`sharesStorage` each, or both absent).
func sharesStorage(_ a: [Table?], _ b: [Table?]) -> Bool {
  a.count == b.count
    && zip(a, b).allSatisfy { x, y in
      switch (x, y) {
      case (nil, nil): true
      case (let x?, let y?): sharesStorage(x, y)
      default: false
      }
    }
}

/// Whether `a` and `b` are the same table: the same names and types over the same arrays.
private func sharesStorage(_ a: Table, _ b: Table) -> Bool {
  a.count == b.count && a.names == b.names
    && zip(a.columns, b.columns).allSatisfy { x, y in x.type == y.type && sameArrays(x.storage, y.storage) }
}

private func sameArrays(_ a: Column.Storage, _ b: Column.Storage) -> Bool {
  switch (a, b) {
  case (.int32(let x), .int32(let y)): same(x, y)
  case (.int64(let x), .int64(let y)): same(x, y)
  case (.float32(let x), .float32(let y)): same(x, y)
  case (.float64(let x), .float64(let y)): same(x, y)
  case (.bool(let x), .bool(let y)): same(x, y)
  case (.string(let x, let d), .string(let y, let e)): same(x, y) && same(d.strings.elements, e.strings.elements)
  case (.list(let o, let c, let d), .list(let p, let e, let f)):
    same(o, p) && same(c, e) && same(d.strings.elements, f.strings.elements)
  default: false
  }
}

/// Whether two arrays are one buffer (or both empty).
private func same<T>(_ x: [T], _ y: [T]) -> Bool {
  guard x.count == y.count else { return false }
  return x.isEmpty || x.withUnsafeBufferPointer { p in y.withUnsafeBufferPointer { q in p.baseAddress == q.baseAddress } }
}
