import RecCore
import Synchronization

/// Precomputed item-to-item neighbours: for every title, its `k` nearest other titles with
/// scores, best first, ties by title id. A `similar(…)` row then costs one slice read.
package struct NeighbourIndex: Sendable {
  /// How titles are compared.
  package enum Kind: String, CaseIterable, Sendable {
    /// Cosine on member sets: |A ∩ B| / √(|A|·|B|), A and B the members who played each.
    case covisit
    /// Jaccard on genre lists.
    case genres
    /// Jaccard on cast lists.
    case cast
    /// 0.6 · covisit + 0.2 · genres + 0.2 · cast, over the union of the three lists.
    case blend
  }

  let k: Int
  /// Title t's neighbours are `titles[t * k ..< t * k + counts[t]]`.
  let titles: [Int32]
  let scores: [Float]
  let counts: [Int32]

  /// The neighbours of title `t`, best first.
  func neighbours(of t: Int) -> (titles: ArraySlice<Int32>, scores: ArraySlice<Float>) {
    let range = t * k..<t * k + Int(counts[t])
    return (titles[range], scores[range])
  }

  /// Co-visitation neighbours, by sparse counting: for each title, walk the members who played
  /// it and count the other titles they played. Titles are split in chunks over all cores.
  /// - Complexity: O(Σ over members of distinct titles²).
  static func covisit(
    _ index: HistoryIndex, k: Int, cancellation: Cancellation = .never
  ) throws(Diagnostic) -> NeighbourIndex {
    // Distinct titles per member, and the members of each title (CSR both ways).
    var memberTitles: [Int32] = []
    var memberOffsets = [0]
    var seen = [Int32](repeating: -1, count: index.titleCount)
    var titleMemberCount = [Int32](repeating: 0, count: index.titleCount)
    let plays = index.playTitles
    for m in 0..<index.memberCount {
      if m % 4096 == 0 { try cancellation.check() }
      for p in index.plays(of: m).reversed() {
        let t = Int(plays[p])
        if seen[t] != Int32(m) {
          seen[t] = Int32(m)
          memberTitles.append(Int32(t))
          titleMemberCount[t] += 1
        }
      }
      memberOffsets.append(memberTitles.count)
    }
    var titleOffsets = [0]
    for t in 0..<index.titleCount { titleOffsets.append(titleOffsets[t] + Int(titleMemberCount[t])) }
    var cursor = titleOffsets
    var titleMembers = [Int32](repeating: 0, count: memberTitles.count)
    for m in 0..<index.memberCount {
      for i in memberOffsets[m]..<memberOffsets[m + 1] {
        let t = Int(memberTitles[i])
        titleMembers[cursor[t]] = Int32(m)
        cursor[t] += 1
      }
    }
    let (titleStarts, members, starts, played, sizes) =
      (titleOffsets, titleMembers, memberOffsets, memberTitles, titleMemberCount)
    return try build(count: index.titleCount, k: k, cancellation: cancellation) { t, counts, touched in
      for i in titleStarts[t]..<titleStarts[t + 1] {
        let m = Int(members[i])
        for j in starts[m]..<starts[m + 1] {
          let u = Int(played[j])
          if u == t { continue }
          if counts[u] == 0 { touched.append(Int32(u)) }
          counts[u] += 1
        }
      }
      let size = Float(sizes[t])
      return { u, shared in Float(shared) / (size * Float(sizes[u])).squareRoot() }
    }
  }

  /// Jaccard neighbours on per-title code lists (genres or cast), through an inverted index.
  static func jaccard(_ lists: [[Int32]], k: Int, cancellation: Cancellation = .never) throws(Diagnostic) -> NeighbourIndex {
    var inverted: [Int32: [Int32]] = [:]
    for (t, list) in lists.enumerated() { for code in Set(list) { inverted[code, default: []].append(Int32(t)) } }
    let holders = inverted
    let sizes = lists.map { Float(Set($0).count) }
    return try build(count: lists.count, k: k, cancellation: cancellation) { t, counts, touched in
      for code in Set(lists[t]) {
        for u in holders[code] ?? [] where Int(u) != t {
          if counts[Int(u)] == 0 { touched.append(u) }
          counts[Int(u)] += 1
        }
      }
      return { u, shared in Float(shared) / (sizes[t] + sizes[u] - Float(shared)) }
    }
  }

  /// The weighted blend of three neighbour lists, re-ranked and cut to `k`.
  static func blend(covisit: NeighbourIndex, genres: NeighbourIndex, cast: NeighbourIndex, k: Int) -> NeighbourIndex {
    let parts: [(NeighbourIndex, Float)] = [(covisit, 0.6), (genres, 0.2), (cast, 0.2)]
    var titles: [Int32] = []
    var scores: [Float] = []
    var counts: [Int32] = []
    for t in 0..<covisit.counts.count {
      var sum: [Int32: Float] = [:]
      for (part, weight) in parts {
        let (ns, ss) = part.neighbours(of: t)
        for (n, s) in zip(ns, ss) { sum[n, default: 0] += weight * s }
      }
      let best = sum.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(k)
      append(best.map { ($0.key, $0.value) }, k: k, titles: &titles, scores: &scores, counts: &counts)
    }
    return NeighbourIndex(k: k, titles: titles, scores: scores, counts: counts)
  }

  /// Runs `count` per-title countings in chunks on all cores. `accumulate(t, counts, touched)`
  /// fills shared counts for title t and returns the score of a neighbour from its count.
  private static func build(
    count: Int, k: Int, cancellation: Cancellation,
    _ accumulate: @Sendable (Int, inout [Int32], inout [Int32]) -> (Int, Int32) -> Float
  ) throws(Diagnostic) -> NeighbourIndex {
    let chunks = count >= 256 ? 8 : 1
    let parts = Mutex<[([Int32], [Float], [Int32])]>(Array(repeating: ([], [], []), count: chunks))
    inParallel(chunks) { c in
      var titles: [Int32] = []
      var scores: [Float] = []
      var counts: [Int32] = []
      var shared = [Int32](repeating: 0, count: count)
      var touched: [Int32] = []
      for t in count * c / chunks..<count * (c + 1) / chunks {
        if cancellation.isCancelled { return }
        touched.removeAll(keepingCapacity: true)
        let score = accumulate(t, &shared, &touched)
        let scored = touched.map { u in (u, score(Int(u), shared[Int(u)])) }
        for u in touched { shared[Int(u)] = 0 }
        let best = smallest(k, of: scored) { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        append(best, k: k, titles: &titles, scores: &scores, counts: &counts)
      }
      parts.withLock { $0[c] = (titles, scores, counts) }
    }
    try cancellation.check()
    return parts.withLock { parts in
      NeighbourIndex(
        k: k, titles: parts.flatMap(\.0), scores: parts.flatMap(\.1), counts: parts.flatMap(\.2))
    }
  }

  /// Appends one title's list, padded to `k` slots so that slices stay at `t * k`.
  private static func append<S: Sequence>(
    _ best: S, k: Int, titles: inout [Int32], scores: inout [Float], counts: inout [Int32]
  ) where S.Element == (Int32, Float) {
    let start = titles.count
    for (t, s) in best {
      titles.append(t)
      scores.append(s)
    }
    counts.append(Int32(titles.count - start))
    let padding = k - (titles.count - start)
    titles.append(contentsOf: repeatElement(-1, count: padding))
    scores.append(contentsOf: repeatElement(0, count: padding))
  }
}
