import RecCore
import RecEngine

/// `outcome plays within D` (and `uplift of T on plays … within D`), checked: the exposure's
/// outcome is whether a play of the table `plays` was credited to it (`PlayAttribution`).
struct AttributedOutcome: Sendable {
  /// The table of plays (`member, title, at`), where the statement names it.
  var plays: UpliftPlan.Named
  /// D in seconds, positive.
  var window: Int
  /// D as written (`7d`), for the status line.
  var windowText: String

  /// What the status line says of the rule, then of what it credited.
  func describe(_ attribution: PlayAttribution, plays count: Int) -> String {
    "outcome: a play of '\(plays.name)' at or after the exposure and less than \(windowText) after it, "
      + "credited to the latest exposure of its member and title (the last in table order among equal times); "
      + "\(thousands(attribution.creditedPlays)) of \(thousands(count)) plays credited, "
      + "to \(thousands(attribution.played.filter { $0 }.count)) of \(thousands(attribution.played.count)) exposures"
  }
}
