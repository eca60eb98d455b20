import RealModule

/// What one page build knows about one member, computed once and shared by all their rows:
/// their "now", what they watched, what they were shown, and their affinity for every title.
///
/// What a view holds depends on what the page reads: recency (the member's plays in time
/// order, `recent`) when given `orderedPlays`, affinity when given co-visitation neighbours.
/// A view made without recency still answers `recent`, by reading the ordered plays then.
struct MemberView {
  /// Dense member number.
  let member: Int
  let now: Int
  private let index: HistoryIndex
  /// The history's plays in time order, when the view was made with them.
  private let ordered: OrderedPlays?
  private var knownRecent: [(title: Int32, at: Int)]?
  /// Whether each title was played.
  private(set) var watched: [Bool]
  /// How often each title was shown without a play (0 when never shown).
  private(set) var unplayedImpressions: [Int32]
  /// Whether each title was shown at all.
  private(set) var shown: [Bool]
  /// `affinity(member, title)` for every title.
  private(set) var affinity: [Float]
  /// The titles with positive affinity, each once, in no particular order; every other title
  /// has affinity 0.
  let affinitySupport: [Int32]
  /// The largest affinity, for features normalised to 0…1 (1 when all are 0).
  let maxAffinity: Float

  /// The per-title arrays of a view, all zero (false) between members, so that page builds
  /// reuse them instead of allocating and clearing catalog-sized arrays per member.
  struct Buffers {
    var watched: [Bool]
    var unplayed: [Int32]
    var shown: [Bool]
    var affinity: [Float]
    /// Room for a member's recent titles, empty between members.
    var recent: [(title: Int32, at: Int)] = []

    init(titles: Int) {
      watched = [Bool](repeating: false, count: titles)
      unplayed = [Int32](repeating: 0, count: titles)
      shown = [Bool](repeating: false, count: titles)
      affinity = [Float](repeating: 0, count: titles)
    }
  }

  /// How many recent titles feed `affinity`.
  static let historyDepth = 20
  /// The half-life of a play's weight in `affinity`, in seconds (14 days).
  static let halfLife = 14.0 * 86400

  /// The member's view, with recency and affinity.
  ///
  /// `affinity(member, title)` is defined as
  ///
  ///     affinity(m, i) = Σ over h in H(m) of 0.5^((now − t_h) / 14 days) · covisit(h, i)
  ///
  /// where H(m) is the member's 20 most recently played distinct titles before now, t_h the
  /// time of their latest play of h, and covisit(h, i) the cosine similarity of the member
  /// sets of h and i (|A ∩ B| / √(|A|·|B|)) when i is among h's 50 nearest co-visitation
  /// neighbours, 0 otherwise. It is 0 for titles near nothing the member watched recently;
  /// titles the member already played can score too (rows drop them with `exclude watched`).
  init(member m: Int, index: HistoryIndex, covisit: NeighbourIndex) {
    self.init(
      member: m, index: index, covisit: covisit, ordered: index.orderedPlays, buffers: Buffers(titles: index.titleCount))
  }

  /// The member's view in `buffers` (all zero), which `recycle` gives back. With `ordered` (the
  /// index's `orderedPlays`) the view knows `recent` at once; with `covisit` it has affinity,
  /// which reads recency (so `ordered` is read then in any case); without, every affinity is 0,
  /// for pages none of whose rows or features read it.
  init(member m: Int, index: HistoryIndex, covisit: NeighbourIndex?, ordered: OrderedPlays?, buffers: consuming Buffers) {
    member = m
    now = index.memberNow[m]
    self.index = index
    let ordered = ordered ?? (covisit == nil ? nil : index.orderedPlays)
    self.ordered = ordered
    // Moved out of `buffers`, so that writing them does not copy.
    var (watched, unplayed, shown, affinity) = ([Bool](), [Int32](), [Bool](), [Float]())
    var recent: [(title: Int32, at: Int)] = []
    swap(&watched, &buffers.watched)
    swap(&unplayed, &buffers.unplayed)
    swap(&shown, &buffers.shown)
    swap(&affinity, &buffers.affinity)
    swap(&recent, &buffers.recent)
    // Marked through the buffer: a member's plays are many, and the array is this view's alone.
    watched.withUnsafeMutableBufferPointer { watched in
      if let ordered {
        for p in index.plays(of: m).reversed() {
          let t = Int(ordered.titles[p])
          if !watched[t] {
            watched[t] = true
            recent.append((Int32(t), ordered.times[p]))
          }
        }
      } else {
        index.playTitles.withUnsafeBufferPointer { titles in
          for p in index.plays(of: m) { watched[Int(titles[p])] = true }
        }
      }
    }
    knownRecent = ordered == nil ? nil : recent
    self.watched = watched
    for i in index.impressions(of: m) {
      let t = Int(index.impressionTitles[i])
      unplayed[t] = index.impressionUnplayed[i]
      shown[t] = true
    }
    unplayedImpressions = unplayed
    self.shown = shown
    var support: [Int32] = []
    if let covisit {
      for (h, at) in recent.prefix(Self.historyDepth) {
        let (age, overflow) = now.subtractingReportingOverflow(at)
        let weight = Float(Double.pow(0.5, overflow ? .infinity : Double(max(0, age)) / Self.halfLife))
        let (titles, scores) = covisit.neighbours(of: Int(h))
        for (t, s) in zip(titles, scores) {
          let before = affinity[Int(t)]
          affinity[Int(t)] += weight * s
          if before == 0, affinity[Int(t)] > 0 { support.append(t) }
        }
      }
    }
    var largest: Float = 0
    for t in support { largest = max(largest, affinity[Int(t)]) }
    self.affinity = affinity
    affinitySupport = support
    maxAffinity = largest > 0 ? largest : 1
  }

  /// Distinct titles played before now, most recent first, with the time of the latest play.
  var recent: [(title: Int32, at: Int)] {
    if let knownRecent { return knownRecent }
    var seen = Set<Int32>()
    return index.plays(of: member).reversed().compactMap { p in
      let t = orderedPlays.titles[p]
      return seen.insert(t).inserted ? (t, orderedPlays.times[p]) : nil
    }
  }

  /// The history's plays in time order (member `member`'s at `index.plays(of: member)`).
  var orderedPlays: OrderedPlays { ordered ?? index.orderedPlays }

  /// Gives back the view's arrays, zeroed where this member set them, for the next member.
  consuming func recycle(_ index: HistoryIndex) -> Buffers {
    watched.withUnsafeMutableBufferPointer { watched in
      if let knownRecent {
        for (t, _) in knownRecent { watched[Int(t)] = false }
      } else {
        index.playTitles.withUnsafeBufferPointer { titles in
          for p in index.plays(of: member) { watched[Int(titles[p])] = false }
        }
      }
    }
    for i in index.impressions(of: member) {
      unplayedImpressions[Int(index.impressionTitles[i])] = 0
      shown[Int(index.impressionTitles[i])] = false
    }
    for t in affinitySupport { affinity[Int(t)] = 0 }
    var buffers = Buffers(titles: 0)
    swap(&buffers.watched, &watched)
    swap(&buffers.unplayed, &unplayedImpressions)
    swap(&buffers.shown, &shown)
    swap(&buffers.affinity, &affinity)
    if var recent = knownRecent.take() {
      recent.removeAll(keepingCapacity: true)
      buffers.recent = recent
    }
    return buffers
  }

  /// The member's genres by how many distinct titles of each they played, most first, ties
  /// by genre name.
  func topGenres(_ index: HistoryIndex, limit: Int) -> [Int32] {
    var counts = [Int](repeating: 0, count: index.genreNames.count)
    var present: [Int32] = []
    for (t, _) in recent {
      let genres = index.genres(of: Int(t))
      for i in genres.indices where !genres[genres.startIndex..<i].contains(genres[i]) {
        let g = genres[i]
        if counts[Int(g)] == 0 { present.append(g) }
        counts[Int(g)] += 1
      }
    }
    return smallest(limit, of: present) { a, b in
      counts[Int(a)] != counts[Int(b)] ? counts[Int(a)] > counts[Int(b)] : index.genreNames[Int(a)] < index.genreNames[Int(b)]
    }
  }
}
