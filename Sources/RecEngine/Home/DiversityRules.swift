/// A `diversity` definition with its numbers read: the rules greedy placement obeys.
package struct DiversityRules: Sendable {
  /// What `max similarity` and the penalty compare rows by.
  package enum SimilarityBasis: String, Sendable { case titles, genres }

  package var uniqueTitles = false
  package var maxRowsPerGenre: Int?
  package var maxSimilarity: Double?
  package var similarityBasis = SimilarityBasis.titles
  package var penalty = 0.0
  package var minRowLength = 1

  /// No rules: rows keep every title, only empty rows are dropped.
  package init() {}
}

/// |A ∩ B| / |A ∪ B| of two short lists without repeats; 0 when both are empty.
/// Quadratic, without allocating: rows hold at most a few dozen titles or genres.
func jaccard(_ a: [Int32], _ b: [Int32]) -> Double {
  var shared = 0
  for x in a where b.contains(x) { shared += 1 }
  let union = a.count + b.count - shared
  return union == 0 ? 0 : Double(shared) / Double(union)
}
