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

  init(_ d: DiversityDefinition) throws(Diagnostic) {
    for (rule, _) in d.rules {
      switch rule {
      case .uniqueTitles:
        uniqueTitles = true
      case .maxRowsPer(let e, let key):
        guard key.text == "genre" else {
          throw Diagnostic(.unknownOption(key.text, in: "max … rows per", known: ["genre"]), at: key.range)
        }
        maxRowsPerGenre = Int(try Self.number(e, "a whole number", after: "'max'"))
      case .maxSimilarity(let e, let by):
        maxSimilarity = try Self.number(e, "a fraction such as 50%", after: "'max similarity'")
        guard let basis = SimilarityBasis(rawValue: by.text) else {
          throw Diagnostic(.unknownOption(by.text, in: "max similarity … by", known: ["titles", "genres"]), at: by.range)
        }
        similarityBasis = basis
      case .penalty(let e):
        penalty = try Self.number(e, "a number", after: "'penalty'")
      case .minRowLength(let e):
        minRowLength = max(1, Int(try Self.number(e, "a whole number", after: "'min row length'")))
      }
    }
  }

  private static func number(_ e: Expr, _ what: String, after: String) throws(Diagnostic) -> Double {
    switch e.kind {
    case .literal(.int(let n)): return Double(n)
    case .literal(.float(let f)), .literal(.percent(let f)): return f
    default: throw Diagnostic(.expected(what, after: after), at: e.range)
    }
  }
}

/// |A ∩ B| / |A ∪ B| of two short lists without repeats; 0 when both are empty.
/// Quadratic, without allocating: rows hold at most a few dozen titles or genres.
func jaccard(_ a: [Int32], _ b: [Int32]) -> Double {
  var shared = 0
  for x in a where b.contains(x) { shared += 1 }
  let union = a.count + b.count - shared
  return union == 0 ? 0 : Double(shared) / Double(union)
}
