import RecCore
import RecEngine

/// `pick artwork for member M title T with P`.
struct PickPlan: Sendable {
  var member: Int
  var title: TitleChoice
  var policy: PolicySpec
  var policyName: String
}

/// A title named by id or by its name in `titles`.
struct TitleChoice: Sendable {
  enum Written: Sendable {
    case id(Int)
    case name(String)
  }
  var written: Written
  var range: SourceRange
}

/// `simulate P, … on artwork for N impressions [seed S]`.
struct SimulatePlan: Sendable {
  var policies: [PolicySpec]
  var impressions: Int
  var seed: UInt64?
}

/// `replay P, … on TABLE`.
struct ReplayPlan: Sendable {
  var policies: [PolicySpec]
  var table: String
  var tableRange: SourceRange
}

/// `estimate P, … on TABLE with ips, snips, dm, dr`.
struct EstimatePlan: Sendable {
  var policies: [PolicySpec]
  var table: String
  var tableRange: SourceRange
  var estimators: [OffPolicyEstimator]
  /// The largest importance weight kept (`clip W`); infinity when not clipped.
  var clip: Double
  var interval: OffPolicyEstimator.Interval
}
