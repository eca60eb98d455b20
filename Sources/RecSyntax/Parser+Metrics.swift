import RecCore

extension Parser {
  /// `metricRef = name [ "@" cutoff ] [ "[" name "]" ] ;` with `cutoff = bound [ "x" bound ] | percent ;`
  mutating func parseMetricRef() throws(Diagnostic) -> MetricRef {
    let name = try expectName("metric name")
    var cutoff = MetricRef.Cutoff.none
    if try consume(if: .at) != nil {
      // `recall@Mx5` lexes as one identifier and `recall@4xM` as one malformed number, so the
      // cut-off is read from the token's text.
      let written = text
      if at(.percent), let share = Double(written.dropLast()) {
        cutoff = .percent(share / 100)
      } else {
        guard [.integer, .grid, .identifier, .invalid].contains(kind), let parsed = Self.cutoff(written) else {
          throw Diagnostic(
            .expected("cut-off such as '20', '4x5' or '10%' after '@'", found: atEndOfLine ? nil : "'\(written)'"),
            at: atEndOfLine ? range(previousEnd..<previousEnd) : range(token.range))
        }
        cutoff = parsed
      }
      index += 1
    }
    var variant: String?
    if at(.leftBracket) {
      try open(.leftBracket, "'['")
      variant = try expectName("toolkit name").text
      try close(.rightBracket, "']'")
    }
    return MetricRef(name: name.text, cutoff: cutoff, variant: variant, range: range(from: name.range.bytes.lowerBound))
  }

  /// `cutoff = bound [ "x" bound ] ; bound = integer | name ;` read from one token's text:
  /// `20`, `4x5`, `Mx5`, `M`.
  static func cutoff(_ text: String) -> MetricRef.Cutoff? {
    func bound(_ s: Substring) -> MetricRef.Bound? {
      guard let first = s.utf8.first else { return nil }
      if s.utf8.allSatisfy(isDigit) { return Int(s).map { .value($0) } }
      return isIdentifierStart(first) && s.utf8.allSatisfy(isIdentifierPart) ? .variable(String(s)) : nil
    }
    var split = text.endIndex
    while let x = text[..<split].lastIndex(of: "x") {
      if let rows = bound(text[..<x]), let columns = bound(text[text.index(after: x)...]) {
        return .grid(rows, columns)
      }
      split = x
    }
    return bound(text[...]).map { .k($0) }
  }
}
