import RecCore
import RecEngine
import RecSyntax

/// A `ranker` definition checked: its model and options read, its candidate sources and
/// features resolved, the table it trains on named.
struct RankerSpec: Sendable {
  enum Model: Sendable {
    case logistic
    case network(NetworkSettings)
  }

  var model: Model
  /// Draws the negatives, the row order and the network's initial weights.
  var seed: UInt64
  var sources: [SearchCandidates.Source]
  var limit: Int?
  /// The features in the order the family lines give them.
  var features: [SearchFeature]
  /// Negatives per search; nil keeps every candidate.
  var negatives: Int?
  var table: String
  var tableRange: SourceRange
  /// The whole definition, where a failure to train is reported.
  var range: SourceRange

  static let models = ["logistic", "mlp"]
}

/// `explain search "q" for member M [with R] [limit N]` checked.
struct ExplainSearchPlan: Sendable {
  var query: String
  var member: MemberChoice
  var ranker: String
  var rankerRange: SourceRange
  var limit: Int
}
