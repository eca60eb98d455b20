import RecCore

/// Spells cell values as text, one function per output family: display (box, markdown,
/// line), CSV, and JSON.
package enum CellFormatter {
  /// Short, readable text: ints plain, floats to 6 significant digits (exactly 4 decimals
  /// when `metric`), lists as `Drama, Thriller`, control characters escaped so that a cell
  /// stays on one line, and `nullText` for a missing value.
  package static func display(_ v: Value, metric: Bool, nullText: String) -> String {
    switch v {
    case .null: nullText
    case .float(let x): metric && x.isFinite && abs(x) < 1e14 ? fixed(x, decimals: 4) : shortNumber(x)
    case .string, .list: escapingControls(plain(v))
    default: plain(v)
    }
  }

  /// A CSV field before quoting: floats at full precision (`1.0`, `0.1`), lists as
  /// `Drama|Thriller`, a missing value empty.
  package static func csv(_ v: Value) -> String {
    if case .list(let items) = v { return items.joined(separator: "|") }
    return plain(v)
  }

  /// A JSON literal: numbers at full precision (NaN and infinities as `null`), dates, times
  /// and durations as strings, lists as arrays of strings.
  package static func json(_ v: Value) -> String {
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

  /// Every cell of `column` spelled by `spell`; a string column's distinct values are spelled
  /// once each, through its dictionary.
  /// - Complexity: O(rows + distinct strings).
  package static func texts(of column: Column, _ spell: (Value) -> String) -> [String] {
    if case .string(let codes, let dict) = column.storage {
      let spelled = dict.strings.map { spell(.string($0)) }
      let missing = spell(.null)
      return codes.map { $0 < 0 ? missing : spelled[Int($0)] }
    }
    return (0..<column.count).map { spell(column.value(at: $0)) }
  }

  /// The text the families share: ints plain, floats at full precision, dates, times and
  /// durations as written in the language, lists as `Drama, Thriller`, null empty.
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

  /// `x` to 6 significant digits without trailing zeros (`0.5`, `12.3457`), like C's `%g`, except
  /// that whole numbers and anything from 100000 up print as integers (`1234567`), so that counts
  /// read plainly; magnitudes below 0.0001 or from 10^15 are in scientific notation (`1.5e-07`).
  package static func shortNumber(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : x < 0 ? "-inf" : "inf" }
    let a = abs(x)
    if a == 0 { return "0" }
    // The form depends on the exponent after rounding: 9.9999996e-5 prints as 0.0001.
    var exponent = decimalExponent(a)
    var digits = Int(shifted(a, by: 5 - exponent).rounded())
    if digits >= 1_000_000 {
      digits = (digits + 5) / 10
      exponent += 1
    }
    let sign = x < 0 ? "-" : ""
    if exponent < -4 || exponent >= 15 {
      let e = String(abs(exponent))
      let mantissa = decimalText(digits, decimals: 5, trimmingZeros: true)
      return sign + mantissa + (exponent < 0 ? "e-" : "e+") + (e.count < 2 ? "0" : "") + e
    }
    if exponent >= 5 || x == x.rounded() { return String(Int(x.rounded())) }
    return sign + decimalText(digits, decimals: 5 - exponent, trimmingZeros: true)
  }

  /// `x` with exactly `decimals` digits after the point (`0.1235`); |x| must stay below 10^14.
  package static func fixed(_ x: Double, decimals: Int) -> String {
    let digits = Int(shifted(abs(x), by: decimals).rounded())
    return (x < 0 && digits != 0 ? "-" : "") + decimalText(digits, decimals: decimals, trimmingZeros: false)
  }

  /// The e with 10^e ≤ a < 10^(e+1), for a finite positive `a`.
  private static func decimalExponent(_ a: Double) -> Int {
    var e = 0
    var p = 1.0
    if a >= 1 {
      while p * 10 <= a {
        p *= 10
        e += 1
      }
    } else {
      while p > a {
        p /= 10
        e -= 1
      }
    }
    return e
  }

  /// a × 10^places, one power of ten at a time so that no intermediate overflows or underflows.
  private static func shifted(_ a: Double, by places: Int) -> Double {
    var m = a
    if places > 0 { for _ in 0..<places { m *= 10 } } else { for _ in 0..<(-places) { m /= 10 } }
    return m
  }

  /// The non-negative `scaled` / 10^decimals written out, e.g. (12346, 3) → `12.346`.
  private static func decimalText(_ scaled: Int, decimals: Int, trimmingZeros: Bool) -> String {
    var digits = String(scaled)
    if digits.count <= decimals {
      digits = String(repeating: "0", count: decimals + 1 - digits.count) + digits
    }
    var whole = String(digits.dropLast(decimals))
    var fraction = String(digits.suffix(decimals))
    if trimmingZeros { while fraction.last == "0" { fraction.removeLast() } }
    if whole.isEmpty { whole = "0" }
    return fraction.isEmpty ? whole : whole + "." + fraction
  }

  /// `s` with newlines, carriage returns and tabs written as `\n`, `\r`, `\t`.
  private static func escapingControls(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return s }
    var out = ""
    for ch in s {
      switch ch {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\r\n": out += "\\r\\n"
      case "\t": out += "\\t"
      default: out += VisibleText.of(String(ch))
      }
    }
    return out
  }

  /// `s` as a quoted JSON string, with `"`, `\` and control characters escaped.
  package static func jsonString(_ s: String) -> String {
    guard s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
      return "\"" + s + "\""
    }
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
