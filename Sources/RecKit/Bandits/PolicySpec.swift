/// A policy definition's algorithm with its arguments checked: what `policy NAME = …` asks for.
struct PolicySpec {
  enum Algorithm: Equatable {
    case random
    case greedy
    case epsilonGreedy(epsilon: Double)
    case ucb(c: Double)
    case thompson(a: Double, b: Double)
    case linUCB(alpha: Double)
    case linThompson(v: Double)
    case logged

    /// Whether the algorithm needs a `features` clause.
    var isLinear: Bool {
      switch self {
      case .linUCB, .linThompson: true
      default: false
      }
    }
  }

  static let algorithms = ["random", "greedy", "epsilon_greedy", "ucb", "thompson", "linucb", "lin_thompson", "logged"]

  var name: String
  var algorithm: Algorithm
  /// The context clause: each name looked up in the requests, then `members`, then the demo's
  /// `truth.members` (see `ContextEncoder`).
  var context: [ContextColumn]
  /// The features clause of a linear policy (see `LinearFeatures.encode`).
  var features: [FeatureName]
  /// The table it learns from before it is judged, with where that is written.
  var trainedOn: (table: String, range: SourceRange)?
}

/// A name in a policy's `context` clause: a column (`position`, `country`), or `member.X`,
/// which skips the request table.
struct ContextColumn: Sendable, Equatable {
  var name: String
  var ofMember: Bool
  var range: SourceRange

  static func == (a: Self, b: Self) -> Bool { a.name == b.name && a.ofMember == b.ofMember }
}

/// A name in a linear policy's `features` clause, as written (`member.taste`, `position`).
struct FeatureName: Sendable {
  var written: String
  var range: SourceRange
}
