/// How a `candidates` page scores a row from its features: a `utility` formula or a learned
/// `utility model`.
package protocol RowUtility: Sendable {
  /// The row's utility.
  func value(_ features: RowFeatures) -> Double
  /// The named parts of the value that `explain` lists; empty when it is a single formula.
  func terms(_ features: RowFeatures) -> [(name: String, value: Double)]
}

extension RowUtility {
  package func terms(_ features: RowFeatures) -> [(name: String, value: Double)] { [] }
}

extension UtilityFormula: RowUtility {}

/// `utility uplift NAME`: a row's mean predicted uplift (`RowFeatures.uplift`), filled in by the
/// page builder from the model it is given.
package struct MeanUplift: RowUtility {
  package init() {}

  package func value(_ features: RowFeatures) -> Double { features.uplift ?? 0 }
}
