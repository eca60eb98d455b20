/// The integers a column holds: every 64-bit integer but the least, `Int.min`, which marks a
/// missing value in integer, time and date columns (so that a column is one flat array with no
/// separate mask). A file that holds that one value is refused rather than read as missing.
enum IntegerRange {
  static let reservedMessage =
    "-9223372036854775808 cannot be held: it marks a missing value, and integers run from "
    + "-9223372036854775807 to 9223372036854775807"
}
