import RealModule

/// The features of a candidate row at one stage of placement, read by `utility` formulas.
///
/// All but `position` lie in 0…1 and are means over the titles the row would show:
/// - `relevance`: affinity for the member, divided by the member's largest affinity;
/// - `freshness`: 0.5^(age / 90 days) for a title's release, times 0.5^(n − 2) once it has been
///   shown to the member n > 2 times without a play, so an ignored row fades;
/// - `popularity`: log(1 + plays) / log(1 + most plays of any title);
/// - `novelty`: 1 − popularity;
/// - `similarity`: the largest Jaccard similarity to a row already placed (see `DiversityRules`);
/// - `position`: the 1-based row slot the row would take.
///
/// `uplift`, on a page whose utility is an uplift model's, is the mean predicted uplift of the
/// same titles (any sign); it is no formula feature.
package struct RowFeatures: Sendable {
  package static let names = ["relevance", "freshness", "popularity", "novelty", "similarity", "position"]

  package var relevance = 0.0
  package var freshness = 0.0
  package var popularity = 0.0
  package var novelty = 0.0
  package var similarity = 0.0
  var position = 0.0
  package var uplift: Double?

  init(titles: [Int32], view: MemberView, index: HistoryIndex, similarity: Double, position: Int) {
    self.init(titles: titles, view: view, index: index, similarity: similarity, position: position) {
      Self.releaseFreshness(released: index.released[$0], now: view.now)
    }
  }

  /// The features, with `releaseFreshness(t)` giving a title's release term (a cache of
  /// `releaseFreshness(released:now:)`).
  init<C: Collection<Int32>>(
    titles: C, view: MemberView, index: HistoryIndex, similarity: Double, position: Int,
    releaseFreshness: (Int) -> Double
  ) {
    self.similarity = similarity
    self.position = Double(position)
    guard !titles.isEmpty else { return }
    for t in titles.map({ Int($0) }) {
      relevance += Double(view.affinity[t] / view.maxAffinity)
      let ignored = Int(view.unplayedImpressions[t]) - 2
      freshness += releaseFreshness(t) * (ignored > 0 ? Double.pow(0.5, Double(ignored)) : 1)
      let p = index.popularityShare[t]
      popularity += p
      novelty += 1 - p
    }
    let n = Double(titles.count)
    relevance /= n
    freshness /= n
    popularity /= n
    novelty /= n
  }

  /// 0.5^(age / 90 days) of a title released on day `released` (`Int.min`: unknown, 0) for a
  /// member whose "now" is `now`.
  static func releaseFreshness(released: Int, now: Int) -> Double {
    let age = released == Int.min ? Double.infinity : Double(max(0, now / 86400 - released))
    return Double.pow(0.5, age / 90)
  }

  subscript(name: String) -> Double {
    switch name {
    case "relevance": relevance
    case "freshness": freshness
    case "popularity": popularity
    case "novelty": novelty
    case "similarity": similarity
    default: position
    }
  }
}
