/// Spells cell values as text, one function per output family: display (box, markdown,
/// line), CSV, and JSON.
enum CellFormatter {
  /// Short, readable text: ints plain, floats to 6 significant digits (exactly 4 decimals
  /// when `metric`), lists as `Drama, Thriller`, control characters escaped so that a cell
  /// stays on one line, and `nullText` for a missing value.
  static func display(_ v: Value, metric: Bool, nullText: String) -> String {
    switch v {
    case .null: nullText
    case .float(let x): metric && x.isFinite && abs(x) < 1e14 ? fixed(x, decimals: 4) : shortNumber(x)
    case .string(let s): escapingControls(s)
    case .list(let items): escapingControls(items.joined(separator: ", "))
    default: plain(v)
    }
  }

  /// A CSV field before quoting: floats at full precision (`1.0`, `0.1`), lists as
  /// `Drama|Thriller`, a missing value empty.
  static func csv(_ v: Value) -> String {
    switch v {
    case .null: ""
    case .float(let x): x.description
    case .string(let s): s
    case .list(let items): items.joined(separator: "|")
    default: plain(v)
    }
  }

  /// A JSON literal: numbers at full precision (NaN and infinities as `null`), dates, times
  /// and durations as strings, lists as arrays of strings.
  static func json(_ v: Value) -> String {
    switch v {
    case .null: "null"
    case .int(let x): String(x)
    case .float(let x): x.isFinite ? x.description : "null"
    case .bool(let b): b ? "true" : "false"
    case .string(let s): jsonString(s)
    case .list(let items): "[" + items.map(jsonString).joined(separator: ",") + "]"
    case .date, .time, .duration: jsonString(plain(v))
    }
  }

  /// The text every family shares for ints, bools, dates, times and durations.
  private static func plain(_ v: Value) -> String {
    switch v {
    case .int(let x): String(x)
    case .bool(let b): b ? "true" : "false"
    case .date(let d): CivilTime.formatDate(days: d)
    case .time(let t): CivilTime.formatTime(seconds: t)
    case .duration(let s): CivilTime.formatDuration(seconds: s)
    case .float(let x): x.description
    case .string(let s): s
    case .list(let items): items.joined(separator: ", ")
    case .null: ""
    }
  }

  /// `x` to 6 significant digits without trailing zeros (`0.5`, `12.3457`); whole numbers and
  /// anything from 100000 up print as integers (`1234567`), so that counts read plainly;
  /// magnitudes below 0.0001 or from 10^15 in scientific notation (`1.5e-07`).
  static func shortNumber(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : x < 0 ? "-inf" : "inf" }
    let a = abs(x)
    if a == 0 { return "0" }
    if a >= 1e15 || a < 1e-4 { return scientific(x) }
    if a >= 1e5 || x == x.rounded() { return String(Int(x.rounded())) }
    let decimals = 5 - decimalExponent(a)
    let scaled = Int((a * power10(decimals)).rounded())
    return (x < 0 ? "-" : "") + decimalText(scaled, decimals: decimals, trimmingZeros: true)
  }

  /// `x` with exactly `decimals` digits after the point (`0.1235`); |x| must stay below 10^14.
  static func fixed(_ x: Double, decimals: Int) -> String {
    let scaled = Int((abs(x) * power10(decimals)).rounded())
    return (x < 0 && scaled != 0 ? "-" : "") + decimalText(scaled, decimals: decimals, trimmingZeros: false)
  }

  /// `1.5e-07`: a 6-significant-digit mantissa and a signed two-digit exponent, as C's `%g`.
  private static func scientific(_ x: Double) -> String {
    let a = abs(x)
    var exponent = decimalExponent(a)
    var scaled = Int((a / power10(exponent - 5)).rounded())
    if scaled >= 1_000_000 {  // rounding carried into a seventh digit: 9.999999e3 → 1e4
      scaled = (scaled + 5) / 10
      exponent += 1
    }
    let digits = String(abs(exponent))
    let mantissa = decimalText(scaled, decimals: 5, trimmingZeros: true)
    return (x < 0 ? "-" : "") + mantissa + (exponent < 0 ? "e-" : "e+") + (digits.count < 2 ? "0" : "") + digits
  }

  /// The e with 10^e ≤ a < 10^(e+1), for a finite positive `a`.
  private static func decimalExponent(_ a: Double) -> Int {
    var e = 0
    var p = 1.0
    if a >= 1 {
      while p * 10 <= a { p *= 10; e += 1 }
    } else {
      while p > a { p /= 10; e -= 1 }
    }
    return e
  }

  /// 10^e, exact for 0 ≤ e ≤ 22.
  private static func power10(_ e: Int) -> Double {
    var p = 1.0
    for _ in 0..<abs(e) { p *= 10 }
    return e < 0 ? 1 / p : p
  }

  /// The non-negative `scaled` / 10^decimals written out, e.g. (12346, 3) → `12.346`.
  private static func decimalText(_ scaled: Int, decimals: Int, trimmingZeros: Bool) -> String {
    var digits = String(scaled)
    if digits.count <= decimals { digits = String(repeating: "0", count: decimals + 1 - digits.count) + digits }
    var whole = String(digits.dropLast(decimals))
    var fraction = String(digits.suffix(decimals))
    if trimmingZeros { while fraction.last == "0" { fraction.removeLast() } }
    if whole.isEmpty { whole = "0" }
    return fraction.isEmpty ? whole : whole + "." + fraction
  }

  /// `s` with newlines, carriage returns and tabs written as `\n`, `\r`, `\t`.
  private static func escapingControls(_ s: String) -> String {
    guard s.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" }) else { return s }
    var out = ""
    for ch in s {
      switch ch {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\r\n": out += "\\r\\n"
      case "\t": out += "\\t"
      default: out.append(ch)
      }
    }
    return out
  }

  /// `s` as a quoted JSON string, with `"`, `\` and control characters escaped.
  static func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
