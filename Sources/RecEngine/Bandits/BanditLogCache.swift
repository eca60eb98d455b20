import RecCore

/// The bandit log a session read last and the context cells and reward models found over it,
/// kept so that statements run back to back on the same table (`replay` then `estimate`) read
/// the log, encode each policy context and fit its model once.
///
/// The log depends on the judged table, the tables policies are trained on (stacked under it)
/// and `artworks`; the cells also on `members` and `truth.members`. A table counts as unchanged
/// while it shares the very arrays the log was read from, so a reload, an
/// assignment or a split reads afresh. One log is kept, with the tables it was read from: for a
/// 10-million-row demo log, its per-row arrays (arm set, action, member, title: 4 bytes each;
/// reward: 8), 240 MB, and per context each row's cell (4 bytes), 40 MB, and each cell's slot.
package final class BanditLogCache {
  package init() {}

  private struct Entry {
    var tables: [Table?]
    var training: [String]
    var stack: RequestStack
    var log: BanditLog
    var cells: [String: ContextCells] = [:]
    var models: [String: RewardModel] = [:]
    var fixed: [String: PreparedPolicy] = [:]
  }

  private var last: Entry?
  /// How many logs were read (not reused), for tests.
  package private(set) var reads = 0
  /// How many reward models were kept (fitted, not reused), for tests.
  package private(set) var modelsFitted = 0

  /// Forgets the kept log (a load replaced the tables it was read from).
  package func clear() {
    last = nil
  }

  /// The stacked requests and their log: the kept ones when the same tables were read last,
  /// else `read()`'s, which are then kept.
  package func log(
    judged: Table, training: [(name: String, table: Table)], tables: [Table?],
    read: () throws(Diagnostic) -> (RequestStack, BanditLog)
  ) throws(Diagnostic) -> (RequestStack, BanditLog) {
    let key = [judged] + training.map(\.table) + tables
    let names = training.map(\.name)
    if let last, last.training == names, sharesStorage(last.tables, key) { return (last.stack, last.log) }
    // Dropped first, so that the old log and the new are not held at once.
    last = nil
    let (stack, log) = try read()
    reads += 1
    last = Entry(tables: key, training: names, stack: stack, log: log)
    return (stack, log)
  }

  /// The kept cells of `context` over the log `log(…)` returned last, if found before; safe to
  /// call from several threads at once while nothing is kept.
  package func cells(of context: [ContextColumn]) -> ContextCells? {
    last?.cells[ContextCells.key(context)]
  }

  /// Keeps the cells of `context` over the log `log(…)` returned last.
  package func keep(_ cells: ContextCells, of context: [ContextColumn]) {
    last?.cells[ContextCells.key(context)] = cells
  }

  /// The kept reward model of `context` over the log `log(…)` returned last, if fitted before.
  package func model(of context: [ContextColumn]) -> RewardModel? {
    last?.models[ContextCells.key(context)]
  }

  /// Keeps the reward model of `context` over the log `log(…)` returned last.
  package func keep(_ model: RewardModel, of context: [ContextColumn]) {
    last?.models[ContextCells.key(context)] = model
    modelsFitted += 1
  }

  /// The fixed policy `key` names (`PreparedPolicy.fixedKey`) as it was trained over the log
  /// `log(…)` returned last, with the exact probabilities it found; safe to call from several
  /// threads at once while nothing is kept.
  package func fixed(_ key: String) -> PreparedPolicy? {
    last?.fixed[key]
  }

  /// Keeps a fixed policy trained over the log `log(…)` returned last: training it again would
  /// give the same state, so `replay` then `estimate` train it once.
  package func keep(fixed policy: PreparedPolicy, as key: String) {
    last?.fixed[key] = policy
  }
}
