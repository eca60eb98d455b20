import RecCore

/// Each request row's context cell under one policy context, and where each cell's per-arm
/// numbers start (`Decision.slot`): what a policy needs of the log besides its algorithm's state.
/// A row's slot is its cell's, read through the cell rather than kept per row: 4 bytes a row.
/// It depends on the log and the context alone, so policies with the same context share it.
package struct ContextCells {
  /// Each request row's cell, dense from 0.
  let cells: [Int32]
  /// Each cell's slot, and after them the arms of all cells counted.
  let cellSlots: [Int]

  /// The cells of `context` over the rows of `log`, whose requests `sources` hold.
  package init(context: [ContextColumn], sources: ContextEncoder.Sources, log: BanditLog) throws(Diagnostic) {
    let (cells, count) = try ContextEncoder.cells(
      context: context, sources: sources, armSet: log.armSet, member: log.member)
    // A cell holds one arm set; rows without one have no arms.
    var cellSlots = [Int](repeating: 0, count: count + 1)
    for i in log.armSet.indices where log.armSet[i] >= 0 {
      let s = Int(log.armSet[i])
      cellSlots[Int(cells[i]) + 1] = log.setStart[s + 1] - log.setStart[s]
    }
    for c in 0..<count { cellSlots[c + 1] += cellSlots[c] }
    self.cells = cells
    self.cellSlots = cellSlots
  }

  /// A key that is the same for two contexts exactly when they name the same columns in order.
  package static func key(_ context: [ContextColumn]) -> String {
    context.map { ($0.ofMember ? "member." : "") + $0.name }.joined(separator: ",")
  }
}
