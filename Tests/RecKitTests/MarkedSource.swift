import Testing

@testable import RecKit
@testable import RecCore
@testable import RecEngine
@testable import RecSyntax

/// Test source with location markers (`1️⃣`, `2️⃣`, …) in it: the text without the markers,
/// and the byte offset where each marker stood. Locations never need counting by hand.
struct MarkedSource {
  static let markers: Set<Character> = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

  let text: String
  let offsets: [Character: Int]

  init(_ marked: String) {
    var text = ""
    var offsets: [Character: Int] = [:]
    for character in marked {
      if Self.markers.contains(character) {
        offsets[character] = text.utf8.count
      } else {
        text.append(character)
      }
    }
    self.text = text
    self.offsets = offsets
  }

  var file: SourceFile { SourceFile(name: "test.rec", text: text) }
}

/// Parses `marked` and expects exactly one diagnostic, starting at `marker`, with `message`.
func expectDiagnostic(
  _ marked: String, at marker: Character = "1️⃣", _ message: String, id: String? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let source = MarkedSource(marked)
  let (_, diagnostics) = parse(source.file)
  #expect(diagnostics.count == 1, "diagnostics: \(diagnostics.map(\.message))", sourceLocation: sourceLocation)
  guard let d = diagnostics.first else { return }
  #expect(d.message == message, sourceLocation: sourceLocation)
  #expect(d.range?.bytes.lowerBound == source.offsets[marker], "wrong location", sourceLocation: sourceLocation)
  if let id { #expect(d.id == id, sourceLocation: sourceLocation) }
}

/// The one diagnostic of `text` drawn by `DiagnosticRenderer`, or a description of what went wrong.
func rendered(_ text: String, name: String = "test.rec") -> String {
  let (_, diagnostics) = parse(SourceFile(name: name, text: text))
  guard diagnostics.count == 1 else { return "\(diagnostics.count) diagnostics: \(diagnostics.map(\.message))" }
  return DiagnosticRenderer().render(diagnostics[0])
}
