import RecCore

/// Members in the space of the co-play embedding: each member's row is the play-count-weighted
/// mean of the rows of the titles they played, L2-normalised. A member who played no title with
/// a row (so no landmark) has a zero row and no place in a clustering.
struct MemberEmbedding: Sendable {
  /// Member m's row is `rows[m * dimensions ..< (m + 1) * dimensions]`.
  let rows: [Double]
  /// Whether member m's row is not zero.
  let hasRow: [Bool]

  /// - Complexity: O(pairs · dimensions), members on every core.
  init(_ pairs: PlayPairs, titles: CoPlayEmbedding, cancellation: Cancellation = .never) throws(Diagnostic) {
    let d = CoPlayEmbedding.dimensions
    let memberCount = pairs.memberIDs.count
    var rows = [Double](repeating: 0, count: memberCount * d)
    var hasRow = [Bool](repeating: false, count: memberCount)
    let parts = chunks(of: memberCount, into: 64)
    rows.withUnsafeMutableBufferPointer { rows in
      hasRow.withUnsafeMutableBufferPointer { hasRow in
        // Each part writes only its own members' rows.
        let shared = UncheckedSendable((rows, hasRow))
        inParallel(parts.count) { p in
          guard !cancellation.isCancelled else { return }
          titles.rows.withUnsafeBufferPointer { titleRows in
            for m in parts[p] {
              let row = m * d
              var weight = 0.0
              for k in pairs.memberOffsets[m]..<pairs.memberOffsets[m + 1] {
                let t = Int(pairs.pairTitles[k])
                let w = Double(pairs.pairPlays[k])
                weight += w
                guard titles.hasRow[t] else { continue }
                for j in 0..<d { shared.value.0[row + j] += w * titleRows[t * d + j] }
              }
              guard weight > 0 else { continue }
              var squares = 0.0
              for j in 0..<d {
                shared.value.0[row + j] /= weight
                squares += shared.value.0[row + j] * shared.value.0[row + j]
              }
              guard squares > 0 else { continue }
              let norm = squares.squareRoot()
              for j in 0..<d { shared.value.0[row + j] /= norm }
              shared.value.1[m] = true
            }
          }
        }
      }
    }
    try cancellation.check()
    self.rows = rows
    self.hasRow = hasRow
  }
}
