import RecCore
import RecEngine
import RecSyntax

extension DiversityRules {
  /// The rules of a `diversity` definition, their numbers read and bounded.
  init(checking d: DiversityDefinition) throws(Diagnostic) {
    self.init()
    for (rule, _) in d.rules {
      switch rule {
      case .uniqueTitles:
        uniqueTitles = true
      case .maxRowsPer(let e, let key):
        guard key.text == "genre" else {
          throw Diagnostic(.unknownOption(key.text, in: "max … rows per", known: ["genre"]), at: key.range)
        }
        maxRowsPerGenre = try Self.count(e, after: "'max'")
      case .maxSimilarity(let e, let by):
        maxSimilarity = try Self.number(e, "a fraction such as 50%", after: "'max similarity'")
        guard let basis = SimilarityBasis(rawValue: by.text) else {
          throw Diagnostic(.unknownOption(by.text, in: "max similarity … by", known: ["titles", "genres"]), at: by.range)
        }
        similarityBasis = basis
      case .penalty(let e):
        penalty = try Self.number(e, "a number", after: "'penalty'")
      case .minRowLength(let e):
        minRowLength = max(1, try Self.count(e, after: "'min row length'"))
      }
    }
  }

  /// A count of rows or titles: a whole number no larger than a page can be.
  private static func count(_ e: Expr, after: String) throws(Diagnostic) -> Int {
    guard case .literal(.int(let n)) = e.kind, (0...1_000_000).contains(n) else {
      throw Diagnostic(.expected("a whole number up to 1,000,000", after: after), at: e.range)
    }
    return n
  }

  private static func number(_ e: Expr, _ what: String, after: String) throws(Diagnostic) -> Double {
    switch e.kind {
    case .literal(.int(let n)): return Double(n)
    case .literal(.float(let f)), .literal(.percent(let f)): return f
    default: throw Diagnostic(.expected(what, after: after), at: e.range)
    }
  }
}
