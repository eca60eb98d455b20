/// A row's candidate source (`from …`), with its arguments read and its member-independent
/// ranking computed once; `forEachCandidate` then gives one member's titles in source order.
///
/// Every ranking breaks ties by title id, ascending.
package struct RowSource: Sendable {
  enum Kind: Sendable {
    /// Partially watched titles (last completion within min…max), most recent first.
    case continueWatching(min: Float, max: Float)
    /// Titles by plays in the window before now, most first; per segment when `by` is given
    /// (`by: member.country`): one ranking per value of that members column.
    case popular(ranked: [Int32], segments: [String: [Int32]], byColumn: String?)
    /// Titles by growth of plays in the window over the one before, largest first.
    case trending(ranked: [Int32])
    /// Titles released in the span before now, newest first.
    case newReleases(ranked: [Int32])
    /// The whole catalog, by id.
    case catalog(count: Int)
    /// Nearest neighbours of the expansion's seed title.
    case similar(NeighbourIndex.Kind)
    /// Titles by the member's affinity, highest first (only titles with affinity above 0).
    case topPicks
  }

  let kind: Kind

  /// Whether the candidates are the same for every member (they use neither the member's
  /// history nor their attributes).
  var isSameForEveryone: Bool {
    switch kind {
    case .popular(_, _, let column): column == nil
    case .trending, .newReleases, .catalog: true
    case .continueWatching, .similar, .topPicks: false
    }
  }

  /// The source `spec` over the history `index`: its member-independent ranking made now.
  init(_ spec: Spec, index: HistoryIndex) {
    switch spec {
    case .catalog: kind = .catalog(count: index.titleCount)
    case .continueWatching(let low, let high): kind = .continueWatching(min: low, max: high)
    case .popular(let window, let by): kind = Self.popular(index, window: window, by: by)
    case .trending(let window): kind = .trending(ranked: Self.trending(index, window: window))
    case .newReleases(let within): kind = .newReleases(ranked: Self.newReleases(index, within: within))
    case .similar(let by): kind = .similar(by)
    case .topPicks: kind = .topPicks
    }
  }

  /// Calls `body` with the member's candidates in source order until it returns false;
  /// `seed` is the expansion's title for `similar`, `neighbours` gives the neighbour index of
  /// a kind.
  func forEachCandidate(
    _ view: MemberView, seed: Int32?, index: HistoryIndex, neighbours: (NeighbourIndex.Kind) -> NeighbourIndex,
    _ body: (Int32) -> Bool
  ) {
    func each<S: Sequence<Int32>>(_ titles: S) {
      for t in titles where !body(t) { return }
    }
    switch kind {
    case .continueWatching(let low, let high):
      // `view.recent` lists the titles in the order of their latest plays, newest first: walking
      // the plays newest first, the next of those titles is met first at its latest play.
      var next = 0
      let (plays, recent) = (view.orderedPlays, view.recent)
      for p in index.plays(of: view.member).reversed() where next < recent.count {
        guard plays.titles[p] == recent[next].title else { continue }
        next += 1
        let completion = plays.completion[p]
        if completion >= low && completion <= high, !body(plays.titles[p]) { return }
      }
    case .popular(let ranked, let segments, let column):
      guard let column else { return each(ranked) }
      each(segments[index.memberValue(view.member, column).text] ?? [])
    case .trending(let ranked), .newReleases(let ranked):
      each(ranked)
    case .catalog(let count):
      each(0..<Int32(count))
    case .similar(let by):
      guard let seed else { return }
      each(neighbours(by).neighbours(of: Int(seed)).titles)
    case .topPicks:
      each(view.affinitySupport.sorted {
        let (a, b) = (view.affinity[Int($0)], view.affinity[Int($1)])
        return a != b ? a > b : $0 < $1
      })
    }
  }

  // MARK: - Rankings

  /// Titles ranked by `score` (most first, ties by id), keeping those with a positive score.
  static func ranked(_ score: [Int]) -> [Int32] {
    score.indices.filter { score[$0] > 0 }.sorted { score[$0] != score[$1] ? score[$0] > score[$1] : $0 < $1 }
      .map { Int32($0) }
  }

  private static func popular(_ index: HistoryIndex, window: Int?, by: String?) -> Kind {
    // Every play up to now, for everyone: the plays the index counted already.
    if window == nil, by == nil, index.latestPlay <= index.now {
      return .popular(ranked: ranked(index.playCount.map(Int.init)), segments: [:], byColumn: nil)
    }
    let from = window.map { index.now.subtractingSaturated($0) } ?? Int.min
    var all = [Int](repeating: 0, count: index.titleCount)
    var segments: [String: [Int]] = [:]
    for m in 0..<index.memberCount {
      let key = by.map { index.memberValue(m, $0).text }
      for p in index.plays(of: m) where index.playTimes[p] >= from && index.playTimes[p] <= index.now {
        all[Int(index.playTitles[p])] += 1
        if let key { segments[key, default: [Int](repeating: 0, count: index.titleCount)][Int(index.playTitles[p])] += 1 }
      }
    }
    return .popular(ranked: ranked(all), segments: segments.mapValues(ranked), byColumn: by)
  }

  private static func trending(_ index: HistoryIndex, window: Int) -> [Int32] {
    var growth = [Int](repeating: 0, count: index.titleCount)
    let start = index.now.subtractingSaturated(window).subtractingSaturated(window)
    let recent = index.now.subtractingSaturated(window)
    for p in index.playTitles.indices {
      let at = index.playTimes[p]
      guard at <= index.now && at >= start else { continue }
      growth[Int(index.playTitles[p])] += at >= recent ? 1 : -1
    }
    return ranked(growth)
  }

  private static func newReleases(_ index: HistoryIndex, within: Int) -> [Int32] {
    let (today, first) = (index.now / 86400, index.now.subtractingSaturated(within) / 86400)
    return index.released.indices.filter { index.released[$0] != Int.min && index.released[$0] >= first && index.released[$0] <= today }
      .sorted { index.released[$0] != index.released[$1] ? index.released[$0] > index.released[$1] : $0 < $1 }
      .map { Int32($0) }
  }
}

extension Int {
  /// `self − x`, held at the ends of the range instead of overflowing (windows and spans come
  /// from the user).
  func subtractingSaturated(_ x: Int) -> Int {
    let (difference, overflow) = subtractingReportingOverflow(x)
    return overflow ? (x > 0 ? Int.min : Int.max) : difference
  }
}
