/// One request a policy answers: the candidate actions and the context they are shown in.
///
/// Policies see actions by their local index (0 ..< `actions.count`); `actions` holds their
/// global ids (artwork ids in the demo, item ids in a bandit log), which linear policies key
/// their per-action models by.
package struct Decision {
  /// The row of the request in its source table (the log, or the logged row a simulated request copies).
  var row: Int
  /// The dense id of the context cell: the arm set and the policy's context values.
  var cell: Int
  /// The arms of all cells with smaller ids, counted: where the cell's per-arm numbers start in
  /// storage laid out cell after cell.
  var slot: Int
  /// The candidate actions' global ids, ascending; valid while the log they come from lives.
  package var actions: UnsafeBufferPointer<Int32>
}
