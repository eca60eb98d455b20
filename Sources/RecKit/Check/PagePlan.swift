import RecCore
import RecEngine

/// A page with everything it names looked up — its rows, its diversity rule, its utility — as a
/// statement that builds it (`eval`, `show page`, `explain page`) runs it.
struct PagePlan: Sendable {
  enum Layout: Sendable {
    /// A grid logged elsewhere, in the table named.
    case logged(table: String, range: SourceRange)
    /// Rows in order (`rows`) or ranked greedily (`candidates`).
    case home(rows: [RowSpec], ranked: Bool)
  }

  enum Utility: Sendable {
    case formula(UtilityFormula)
    /// A `model` definition, trained when it was defined.
    case model(String, SourceRange)
    /// `utility uplift NAME`: the mean predicted uplift of a row's titles, from the `uplift`
    /// model named, trained when it was defined.
    case uplift(String, SourceRange)
  }

  var name: String
  /// Where the statement names the page.
  var range: SourceRange
  var layout: Layout
  var utility: Utility?
  var rules: DiversityRules
  var size: (rows: Int, columns: Int)
}

/// `show page P for member M` or `show row R for member M` (a page of that one row).
struct ShowPlan: Sendable {
  /// `page` or `row`, as the heading says it.
  var what: String
  var page: PagePlan
  var member: MemberChoice
}
