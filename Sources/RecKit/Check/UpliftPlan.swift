import RecCore
import RecEngine

/// `uplift of T on OUTCOME by KEY [treat C] [within D]`, checked: the rows it reads and the columns it names.
struct UpliftPlan: Sendable {
  /// A column of `T` the statement names, with where it is named (for errors about its values).
  struct Named: Sendable {
    var name: String
    var range: SourceRange
  }

  var table: String
  /// Where the statement names T, for errors about its rows.
  var tableRange: SourceRange
  /// `from T | select key = KEY, treat = C, outcome = OUTCOME [, page, slot]`: the key evaluated
  /// (joins such as `member.country` included), and the columns that find a demo row's truth
  /// when T has them. With `within D`, `member, title, at` in place of `outcome`.
  var rows: BoundPipeline
  /// The key's column in the result: the postfix's last name (`country` for `member.country`).
  var keyName: String
  var treat: Named
  /// The outcome column, or with `within D` the table of plays.
  var outcome: Named
  /// `within D`: the outcome credited from a table of plays.
  var attribution: AttributedOutcome?
  /// Whether `rows` carries `page` and `slot`.
  var hasTruthKeys: Bool

  /// The columns of the result after the key.
  static let columns = ["shown", "shown_plays", "held", "held_plays", "uplift", "low", "high", "truth"]
}
