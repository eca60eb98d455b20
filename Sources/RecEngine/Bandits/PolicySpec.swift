import RecCore

/// A policy definition's algorithm with its arguments checked: what `policy NAME = …` asks for.
package struct PolicySpec {
  package enum Algorithm: Equatable {
    case random
    case greedy
    case epsilonGreedy(epsilon: Double)
    case ucb(c: Double)
    case thompson(a: Double, b: Double)
    case linUCB(alpha: Double)
    case linThompson(v: Double)
    case logged

    /// Whether the algorithm needs a `features` clause.
    package var isLinear: Bool {
      switch self {
      case .linUCB, .linThompson: true
      default: false
      }
    }
  }

  package static let algorithms = ["random", "greedy", "epsilon_greedy", "ucb", "thompson", "linucb", "lin_thompson", "logged"]

  package var name: String
  package var algorithm: Algorithm
  /// The context clause: each name looked up in the requests, then `members`, then the demo's
  /// `truth.members` (see `ContextEncoder`).
  package var context: [ContextColumn]
  /// The features clause of a linear policy (see `LinearFeatures.encode`).
  package var features: [FeatureName]
  /// The table it learns from before it is judged, with where that is written.
  package var trainedOn: (table: String, range: SourceRange)?
  /// Whether it goes on learning while it is judged (an online learner) rather than being judged
  /// as the fixed policy its training produced: asked for with `learning`, and always so for a
  /// policy trained on nothing, which has nothing to be but a learner that starts empty.
  package var learning: Bool

  package init(
    name: String, algorithm: Algorithm, context: [ContextColumn], features: [FeatureName],
    trainedOn: (table: String, range: SourceRange)?, learning: Bool = false
  ) {
    self.name = name
    self.algorithm = algorithm
    self.context = context
    self.features = features
    self.trainedOn = trainedOn
    self.learning = learning || trainedOn == nil
  }
}

/// A name in a policy's `context` clause: a column (`position`, `country`), or `member.X`,
/// which skips the request table.
package struct ContextColumn: Sendable, Equatable {
  package var name: String
  package var ofMember: Bool
  package var range: SourceRange

  package static func == (a: Self, b: Self) -> Bool { a.name == b.name && a.ofMember == b.ofMember }

  package init(name: String, ofMember: Bool, range: SourceRange) {
    self.name = name
    self.ofMember = ofMember
    self.range = range
  }
}

/// A name in a linear policy's `features` clause, as written (`member.taste`, `position`).
package struct FeatureName: Sendable {
  package var written: String
  package var range: SourceRange

  package init(written: String, range: SourceRange) {
    self.written = written
    self.range = range
  }
}
