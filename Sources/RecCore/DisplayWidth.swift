/// The number of terminal cells `s` takes: wide East-Asian characters and most
/// emoji take two, combining marks none.
public func displayWidth(_ s: String) -> Int {
  var width = 0
  for ch in s { width += displayWidth(ch) }
  return width
}

/// The number of terminal cells one character takes.
func displayWidth(_ ch: Character) -> Int {
  guard let scalar = ch.unicodeScalars.first else { return 0 }
  let v = scalar.value
  if v == 9 { return 1 }
  if v < 32 || (v >= 0x7F && v < 0xA0) { return 0 }
  if ch.unicodeScalars.count > 1 && ch.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
  return isWide(v) ? 2 : 1
}

private func isWide(_ v: UInt32) -> Bool {
  (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0xA4CF && v != 0x303F)
    || (v >= 0xAC00 && v <= 0xD7A3) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F)
    || (v >= 0xFF00 && v <= 0xFF60) || (v >= 0xFFE0 && v <= 0xFFE6) || (v >= 0x1F300 && v <= 0x1F64F)
    || (v >= 0x1F900 && v <= 0x1F9FF) || (v >= 0x20000 && v <= 0x3FFFD)
}

/// `s` cut to at most `width` cells, ending with `…` when anything was cut; a wide character
/// that would straddle the edge is dropped, so the result may be one cell narrower.
package func truncated(_ s: String, toWidth width: Int) -> String {
  guard displayWidth(s) > width else { return s }
  guard width > 0 else { return "" }
  var kept = ""
  var used = 0
  for ch in s {
    let w = displayWidth(ch)
    if used + w > width - 1 { break }
    kept.append(ch)
    used += w
  }
  return kept + "…"
}

/// `s` padded with spaces to `width` cells, on the left when `right` is set.
package func padded(_ s: String, toWidth width: Int, right: Bool) -> String {
  let fill = String(repeating: " ", count: max(0, width - displayWidth(s)))
  return right ? fill + s : s + fill
}

/// `s` broken into lines of at most `width` cells. Breaks fall after a `,` or `;` where they
/// can, so that an item of a list stays whole (`relevance * freshness -0.02`); an item wider
/// than a line breaks at its spaces, and a word wider than a line inside the word. Every line
/// holds at least one character, so a character wider than `width` overflows its line.
package func wrapped(_ s: String, toWidth width: Int) -> [String] {
  var lines: [String] = []
  var line = ""
  var used = 0
  func breakLine() {
    lines.append(line)
    line = ""
    used = 0
  }
  /// Puts `piece` on the current line, or on a new one when it does not fit there but fits on
  /// a line of its own; false when it is wider than a line.
  func place(_ piece: some StringProtocol) -> Bool {
    let w = displayWidth(String(piece))
    if !line.isEmpty && used + 1 + w > width && w <= width { breakLine() }
    guard (line.isEmpty ? w : used + 1 + w) <= width else { return false }
    if !line.isEmpty {
      line += " "
      used += 1
    }
    line += piece
    used += w
    return true
  }
  for item in items(s) where !place(item) {
    for word in item.split(separator: " ") where !place(word) {
      if !line.isEmpty { breakLine() }
      for ch in word {
        let w = displayWidth(ch)
        if !line.isEmpty && used + w > width { breakLine() }
        line.append(ch)
        used += w
      }
    }
  }
  if !line.isEmpty || lines.isEmpty { lines.append(line) }
  return lines
}

/// The items of a list written in text: runs of words each ending with `,` or `;` (or at the
/// end), rejoined with single spaces.
private func items(_ s: String) -> [String] {
  var items: [String] = []
  var item: [Substring] = []
  for word in s.split(separator: " ") {
    item.append(word)
    if word.hasSuffix(",") || word.hasSuffix(";") {
      items.append(item.joined(separator: " "))
      item = []
    }
  }
  if !item.isEmpty { items.append(item.joined(separator: " ")) }
  return items
}
