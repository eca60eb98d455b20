/// Control characters shown as what they are instead of acting on the terminal.
///
/// Data cells and echoed source lines can hold any bytes: an escape sequence written as is would
/// recolour the terminal, retitle its window or clear the screen, and a NUL would cut the line.
/// Each C0 control is shown as its Unicode control picture (ESC as `␛`, NUL as `␀`), DEL as `␡`
/// and a C1 control as `�`: one column each, so carets under the text stay aligned.
package enum VisibleText {
  /// Whether `scalar` is a control that is shown by its picture.
  @inline(__always)
  static func isControl(_ scalar: Unicode.Scalar, keepingTabs: Bool) -> Bool {
    let v = scalar.value
    if v == 0x09 { return !keepingTabs }
    return v < 0x20 || (0x7F...0x9F).contains(v)
  }

  /// `text` with its controls (other than a tab when `keepingTabs`) shown by their pictures.
  package static func of(_ text: String, keepingTabs: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: { isControl($0, keepingTabs: keepingTabs) }) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      guard isControl(scalar, keepingTabs: keepingTabs) else {
        out.append(scalar)
        continue
      }
      let v = scalar.value
      let picture: UInt32 = v < 0x20 ? 0x2400 + v : v == 0x7F ? 0x2421 : 0xFFFD
      out.append(Unicode.Scalar(picture) ?? "\u{FFFD}")
    }
    return String(out)
  }
}
