/// The byte scanner for one line of JSON.
extension JSONLinesReader {
  /// Why a line is not a JSON object of the accepted shape.
  struct SyntaxError: Error {
    let message: String
  }

  struct Scanner {
    let p: UnsafePointer<UInt8>
    var pos: Int
    let end: Int

    var atEnd: Bool { pos >= end }

    mutating func skipSpace() {
      while pos < end, p[pos] == 0x20 || p[pos] == 0x09 || p[pos] == 0x0D { pos += 1 }
    }

    /// `{ "key": value, … }` and nothing after it but spaces.
    mutating func object() throws(SyntaxError) -> [(String, Scalar)] {
      try expect("{", "expected '{' at the start of a line")
      var members: [(String, Scalar)] = []
      skipSpace()
      if consume("}") { return try finish(members) }
      repeat {
        skipSpace()
        guard consume("\"") else { throw SyntaxError(message: "expected a key in quotes") }
        let key = try string(in: nil)
        skipSpace()
        try expect(":", "expected ':' after the key '\(key)'")
        skipSpace()
        members.append((key, try scalar(key)))
        skipSpace()
      } while consume(",")
      try expect("}", "expected ',' or '}' after a value")
      return try finish(members)
    }

    private mutating func finish(_ members: [(String, Scalar)]) throws(SyntaxError) -> [(String, Scalar)] {
      skipSpace()
      guard atEnd else { throw SyntaxError(message: "unexpected text after the object") }
      return members
    }

    private mutating func scalar(_ key: String) throws(SyntaxError) -> Scalar {
      guard pos < end else { throw SyntaxError(message: "expected a value after the key '\(key)'") }
      switch p[pos] {
      case UInt8(ascii: "\""):
        pos += 1
        return .string(try string(in: key))
      case UInt8(ascii: "["):
        pos += 1
        var items: [String] = []
        skipSpace()
        if consume("]") { return .list(items) }
        repeat {
          skipSpace()
          guard consume("\"") else { throw SyntaxError(message: "expected a string in the array of '\(key)'") }
          items.append(try string(in: key))
          skipSpace()
        } while consume(",")
        try expect("]", "expected ',' or ']' in the array of '\(key)'")
        return .list(items)
      case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
        if word("true") { return .bool(true) }
        if word("false") { return .bool(false) }
        if word("null") { return .null }
      case UInt8(ascii: "{"):
        throw SyntaxError(message: "nested objects are not supported (key '\(key)')")
      default:
        let start = pos
        while pos < end, Self.isNumberByte(p[pos]) { pos += 1 }
        if let v = CSVReader.parseInt(p + start, pos - start) {
          guard v != Int.min else { throw SyntaxError(message: "'\(key)': \(IntegerRange.reservedMessage)") }
          return .int(v)
        }
        if let v = CSVReader.parseDouble(p + start, pos - start) { return .float(v) }
        pos = start
      }
      throw SyntaxError(message: "expected a value after the key '\(key)'")
    }

    private static func isNumberByte(_ c: UInt8) -> Bool {
      (c &- 48) < 10 || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
        || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
    }

    /// The rest of a string whose opening quote was consumed, escapes undone.
    private mutating func string(in key: String?) throws(SyntaxError) -> String {
      var bytes: [UInt8] = []
      while pos < end {
        let c = p[pos]
        pos += 1
        if c == UInt8(ascii: "\"") {
          guard let s = String(validating: bytes, as: UTF8.self) else {
            throw SyntaxError(message: key.map { "invalid UTF-8 in column '\($0)'" } ?? "invalid UTF-8 in a key")
          }
          return s
        }
        guard c == UInt8(ascii: "\\") else {
          bytes.append(c)
          continue
        }
        guard pos < end else { break }
        let e = p[pos]
        pos += 1
        switch e {
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "u"):
          var scalar = try hex4()
          if (0xD800..<0xDC00).contains(scalar), word("\\u") {
            let low = try hex4()
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          }
          bytes.append(contentsOf: String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
        default: bytes.append(e)
        }
      }
      throw SyntaxError(message: "unterminated string")
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
      guard end - pos >= 4 else { throw SyntaxError(message: "expected four hex digits after '\\u'") }
      var v: UInt32 = 0
      for _ in 0..<4 {
        guard let d = Character(Unicode.Scalar(p[pos])).hexDigitValue else {
          throw SyntaxError(message: "expected four hex digits after '\\u'")
        }
        v = v * 16 + UInt32(d)
        pos += 1
      }
      return v
    }

    private mutating func consume(_ c: Unicode.Scalar) -> Bool {
      guard pos < end, p[pos] == UInt8(c.value) else { return false }
      pos += 1
      return true
    }

    private mutating func expect(_ c: Unicode.Scalar, _ message: String) throws(SyntaxError) {
      guard consume(c) else { throw SyntaxError(message: message) }
    }

    private mutating func word(_ w: String) -> Bool {
      let u = Array(w.utf8)
      guard end - pos >= u.count else { return false }
      for (i, c) in u.enumerated() where p[pos + i] != c { return false }
      pos += u.count
      return true
    }
  }
}
