/// Conversions between calendar dates and day/second counts since 1970-01-01 (UTC,
/// proleptic Gregorian), after Howard Hinnant's `days_from_civil`. All time in rec is
/// UTC and explicit: "now" comes from the data, never from the clock.
public enum CivilTime {
  /// Days since 1970-01-01 of year `y`, month `m` (1–12), day `d` (1–31).
  @inline(__always)
  public static func days(year y: Int, month m: Int, day d: Int) -> Int {
    let y = m <= 2 ? y - 1 : y
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (m + 9) % 12
    let doy = (153 * mp + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// The year, month and day of a day count.
  public static func civil(days z0: Int) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// Whether a year/month/day names a real date.
  public static func isValid(year: Int, month: Int, day: Int) -> Bool {
    guard (1...12).contains(month), day >= 1 else { return false }
    let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    return day <= (month == 2 && leap ? 29 : lengths[month - 1])
  }

  /// `2026-06-01`
  public static func formatDate(days: Int) -> String {
    let (y, m, d) = civil(days: days)
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  /// `2026-06-01T18:30` (seconds shown only when not zero).
  public static func formatTime(seconds: Int) -> String {
    let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    let rest = seconds - days * 86400
    var s = "\(formatDate(days: days))T\(pad(rest / 3600, 2)):\(pad(rest / 60 % 60, 2))"
    if rest % 60 != 0 { s += ":\(pad(rest % 60, 2))" }
    return s
  }

  /// `90d`, `12h`, `1d 2h`, `45s`: the largest units, as written in the language.
  public static func formatDuration(seconds: Int) -> String {
    if seconds == 0 { return "0s" }
    var rest = abs(seconds)
    var parts: [String] = []
    for (unit, size) in [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
      parts.append("\(rest / size)\(unit)")
      rest %= size
    }
    return (seconds < 0 ? "-" : "") + parts.joined(separator: " ")
  }

  private static func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }
}
