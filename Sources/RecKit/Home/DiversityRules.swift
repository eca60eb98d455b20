/// A `diversity` definition with its numbers read: the rules greedy placement obeys.
struct DiversityRules: Sendable {
  /// What `max similarity` and the penalty compare rows by.
  enum SimilarityBasis: String, Sendable { case titles, genres }

  var uniqueTitles = false
  var maxRowsPerGenre: Int?
  var maxSimilarity: Double?
  var similarityBasis = SimilarityBasis.titles
  var penalty = 0.0
  var minRowLength = 1

  /// No rules: rows keep every title, only empty rows are dropped.
  init() {}
}

/// |A ∩ B| / |A ∪ B| of two short lists without repeats; 0 when both are empty.
/// Quadratic, without allocating: rows hold at most a few dozen titles or genres.
func jaccard(_ a: [Int32], _ b: [Int32]) -> Double {
  var shared = 0
  for x in a where b.contains(x) { shared += 1 }
  let union = a.count + b.count - shared
  return union == 0 ? 0 : Double(shared) / Double(union)
}
