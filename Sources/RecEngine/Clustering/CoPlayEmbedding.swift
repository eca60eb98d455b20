import RecCore

/// The dense co-play embedding of titles: one coordinate per landmark, the 64 most played titles.
///
/// For title t with member set M_t (the distinct members who played it) and landmark L_j,
/// e_t[j] = |M_t ∩ M_Lj| / √(|M_t| · |M_Lj|), then e_t / ‖e_t‖₂. A title that shares no member
/// with any landmark has a zero row and no place in a clustering. Dense cosine-style rows rather
/// than 0/1 ones: on a 0/1 embedding many points lie exactly halfway between two centres, and
/// which one they join would depend on rounding.
///
/// Every row has 64 coordinates; with fewer than 64 titles the coordinates past the last
/// landmark are 0, which changes no distance.
struct CoPlayEmbedding: Sendable {
  /// The number of landmarks, and of coordinates.
  static let dimensions = 64

  /// The landmarks as dense title numbers: most played first, ties by id.
  let landmarks: [Int]
  /// Title t's row is `rows[t * dimensions ..< (t + 1) * dimensions]`.
  let rows: [Double]
  /// Whether title t's row is not zero (and so normalised).
  let hasRow: [Bool]

  /// The embedding of every title of `pairs`.
  /// - Complexity: O(pairs · landmarks played per member), titles on every core.
  init(_ pairs: PlayPairs, cancellation: Cancellation = .never) throws(Diagnostic) {
    let d = Self.dimensions
    let titleCount = pairs.titleIDs.count
    let plays = pairs.titlePlays
    // Dense order is id order: ties go to the lower number.
    landmarks = Array((0..<titleCount).sorted { plays[$0] != plays[$1] ? plays[$0] > plays[$1] : $0 < $1 }.prefix(d))
    var landmarkOf = [Int8](repeating: -1, count: titleCount)
    for (j, t) in landmarks.enumerated() { landmarkOf[t] = Int8(j) }

    // Which landmarks each member played, as one bit each.
    let memberCount = pairs.memberIDs.count
    var played = [UInt64](repeating: 0, count: memberCount)
    for m in 0..<memberCount {
      var bits: UInt64 = 0
      for k in pairs.memberOffsets[m]..<pairs.memberOffsets[m + 1] {
        let j = landmarkOf[Int(pairs.pairTitles[k])]
        if j >= 0 { bits |= 1 << UInt64(j) }
      }
      played[m] = bits
    }
    try cancellation.check()

    let landmarkMembers = landmarks.map { Double(pairs.memberCount(ofTitle: $0)) }
    var rows = [Double](repeating: 0, count: titleCount * d)
    var hasRow = [Bool](repeating: false, count: titleCount)
    let parts = chunks(of: titleCount, into: 64)
    rows.withUnsafeMutableBufferPointer { rows in
      hasRow.withUnsafeMutableBufferPointer { hasRow in
        // Each part writes only its own titles' rows.
        let shared = UncheckedSendable((rows, hasRow))
        inParallel(parts.count) { p in
          guard !cancellation.isCancelled else { return }
          var together = [Int](repeating: 0, count: d)
          for t in parts[p] {
            let members = pairs.titleOffsets[t]..<pairs.titleOffsets[t + 1]
            Self.countLandmarks(members.map { played[Int(pairs.titleMembers[$0])] }, into: &together)
            let size = Double(members.count)
            var squares = 0.0
            for j in 0..<landmarkMembers.count where together[j] > 0 {
              let e = Double(together[j]) / (size * landmarkMembers[j]).squareRoot()
              shared.value.0[t * d + j] = e
              squares += e * e
            }
            guard squares > 0 else { continue }
            let norm = squares.squareRoot()
            for j in 0..<d { shared.value.0[t * d + j] /= norm }
            shared.value.1[t] = true
          }
        }
      }
    }
    try cancellation.check()
    self.rows = rows
    self.hasRow = hasRow
  }

  /// How many of the sets `sets` hold each landmark (`counts[j]`: sets with bit j).
  ///
  /// The 64 counts are added bit-sliced, as 64 binary counters side by side: `planes[p]` holds
  /// bit p of every count, and adding a set is a ripple-carry addition across the planes, a few
  /// word operations per set however many landmarks it holds.
  /// - Complexity: O(sets · log sets) word operations at worst, O(sets) on average.
  static func countLandmarks(_ sets: [UInt64], into counts: inout [Int]) {
    var planes: [UInt64] = []
    for set in sets {
      var carry = set
      var p = 0
      while carry != 0 {
        if p == planes.count { planes.append(0) }
        let sum = planes[p] ^ carry
        carry &= planes[p]
        planes[p] = sum
        p += 1
      }
    }
    for j in counts.indices {
      var count = 0
      for (p, plane) in planes.enumerated() { count |= Int((plane >> UInt64(j)) & 1) << p }
      counts[j] = count
    }
  }
}
