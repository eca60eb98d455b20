extension Clustering {
  /// How many titles a cluster's row of the summary names.
  static let topTitles = 5

  /// `cluster, size, plays_share, top_titles`: per cluster its titles or members, their share
  /// of all plays, and the five titles they played most (ties by id), by name.
  /// - Parameter labels: each title's or member's cluster (`0..<k`), -1 for none, in dense order.
  /// - Complexity: O(pairs + titles · log titles).
  static func summary(_ subject: Subject, k: Int, labels: [Int32], pairs: PlayPairs, catalog: Table?) -> Table {
    var sizes = [Int](repeating: 0, count: k)
    var plays = [Int](repeating: 0, count: k)
    for (i, c) in labels.enumerated() where c >= 0 {
      sizes[Int(c)] += 1
      plays[Int(c)] += subject == .titles ? pairs.titlePlays[i] : pairs.memberPlays[i]
    }
    let top: [[Int]]
    switch subject {
    case .titles:
      var byCluster = [[Int]](repeating: [], count: k)
      for (t, c) in labels.enumerated() where c >= 0 { byCluster[Int(c)].append(t) }
      top = byCluster.map { most($0, by: pairs.titlePlays) }
    case .members:
      top = membersTop(k: k, labels: labels, pairs: pairs)
    }
    let names = TitleNames(catalog)
    let total = Double(pairs.plays)
    return Table([
      ("cluster", Column(type: .int, ints: (0..<k).map { $0 + 1 })),
      ("size", Column(type: .int, ints: sizes)),
      ("plays_share", Column(type: .float, storage: .float64(plays.map { total > 0 ? Double($0) / total : .nan }))),
      ("top_titles", Column(type: .list, values: top.map { .list($0.map { names[pairs.titleIDs[$0]] }) })),
    ])
  }

  /// The titles their members played most, per cluster of members.
  private static func membersTop(k: Int, labels: [Int32], pairs: PlayPairs) -> [[Int]] {
    var members = [[Int]](repeating: [], count: k)
    for (m, c) in labels.enumerated() where c >= 0 { members[Int(c)].append(m) }
    // One counter per title, reused cluster after cluster: only the titles touched are reset.
    var counts = [Int](repeating: 0, count: pairs.titleIDs.count)
    return members.map { cluster in
      var touched: [Int] = []
      for m in cluster {
        for p in pairs.memberOffsets[m]..<pairs.memberOffsets[m + 1] {
          let t = Int(pairs.pairTitles[p])
          if counts[t] == 0 { touched.append(t) }
          counts[t] += Int(pairs.pairPlays[p])
        }
      }
      let best = most(touched, by: counts)
      for t in touched { counts[t] = 0 }
      return best
    }
  }

  /// The `topTitles` titles of `titles` with the highest `plays`, ties by number (so by id).
  private static func most(_ titles: [Int], by plays: [Int]) -> [Int] {
    Array(titles.sorted { plays[$0] != plays[$1] ? plays[$0] > plays[$1] : $0 < $1 }.prefix(topTitles))
  }
}

/// Titles' names from a catalog's `id` and `name` columns; `#ID` for a title it does not name.
struct TitleNames {
  private var names: [Int: String] = [:]

  init(_ catalog: Table?) {
    guard let catalog, let ids = catalog["id"]?.integers, let name = catalog["name"] else { return }
    for row in 0..<min(ids.count, name.count) where ids[row] != Int.min {
      if case .string(let s) = name.value(at: row), names[ids[row]] == nil { names[ids[row]] = s }
    }
  }

  subscript(id: Int) -> String { names[id] ?? "#\(id)" }
}
