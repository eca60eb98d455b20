@testable import RecCore
@testable import RecEngine
@testable import RecKit
@testable import RecSyntax

/// A policy definition as the checker reads it, in an environment that knows only the table it
/// is trained on, if any (with its columns unknown).
func checkedPolicy(_ definition: PolicyDefinition) throws(Diagnostic) -> PolicySpec {
  var environment = Environment()
  if let table = definition.trainedOn { environment.tables[table.text] = .some(nil) }
  return try Checker(environment: environment, directory: ".", seed: 0, imports: ImportCache()).check(definition)
}

extension Session {
  /// The page `name` with its rows, rule and utility looked up, as a statement that builds it
  /// sees it.
  func plan(ofPage name: String) throws(Diagnostic) -> PagePlan {
    guard let plan = try checker(ImportCache()).pagePlan(Identifier(name, nowhere)) else {
      throw Diagnostic(.unchecked("page \(name)"), at: nil)
    }
    return plan
  }
}
