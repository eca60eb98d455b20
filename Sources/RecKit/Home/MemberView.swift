import RealModule

/// What one page build knows about one member, computed once and shared by all their rows:
/// their "now", what they watched, what they were shown, and their affinity for every title.
struct MemberView {
  /// Dense member number.
  let member: Int
  let now: Int
  /// Distinct titles played before now, most recent first, with the time of the latest play.
  let recent: [(title: Int32, at: Int)]
  /// Whether each title was played.
  let watched: [Bool]
  /// How often each title was shown without a play (0 when never shown).
  let unplayedImpressions: [Int32]
  /// Whether each title was shown at all.
  let shown: [Bool]
  /// `affinity(member, title)` for every title.
  let affinity: [Float]
  /// The largest affinity, for features normalised to 0…1 (1 when all are 0).
  let maxAffinity: Float

  /// How many recent titles feed `affinity`.
  static let historyDepth = 20
  /// The half-life of a play's weight in `affinity`, in seconds (14 days).
  static let halfLife = 14.0 * 86400

  /// The member's view.
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
    member = m
    now = index.memberNow[m]
    var watched = [Bool](repeating: false, count: index.titleCount)
    var recent: [(title: Int32, at: Int)] = []
    for p in index.plays(of: m).reversed() {
      let t = Int(index.playTitles[p])
      if !watched[t] {
        watched[t] = true
        recent.append((Int32(t), index.playTimes[p]))
      }
    }
    self.watched = watched
    self.recent = recent
    var unplayed = [Int32](repeating: 0, count: index.titleCount)
    var shown = [Bool](repeating: false, count: index.titleCount)
    for i in index.impressions(of: m) {
      let t = Int(index.impressionTitles[i])
      unplayed[t] = index.impressionUnplayed[i]
      shown[t] = true
    }
    unplayedImpressions = unplayed
    self.shown = shown
    var affinity = [Float](repeating: 0, count: index.titleCount)
    for (h, at) in recent.prefix(Self.historyDepth) {
      let weight = Float(Double.pow(0.5, Double(max(0, now - at)) / Self.halfLife))
      let (titles, scores) = covisit.neighbours(of: Int(h))
      for (t, s) in zip(titles, scores) { affinity[Int(t)] += weight * s }
    }
    self.affinity = affinity
    maxAffinity = affinity.max().map { $0 > 0 ? $0 : 1 } ?? 1
  }

  /// The member's genres by how many distinct titles of each they played, most first, ties
  /// by genre name.
  func topGenres(_ index: HistoryIndex, limit: Int) -> [Int32] {
    var counts: [Int32: Int] = [:]
    for (t, _) in recent { for g in Set(index.titleGenres[Int(t)]) { counts[g, default: 0] += 1 } }
    return counts.sorted {
      $0.value != $1.value ? $0.value > $1.value : index.genreNames[Int($0.key)] < index.genreNames[Int($1.key)]
    }.prefix(limit).map(\.key)
  }
}
