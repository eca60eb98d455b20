import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecCore

@Suite struct JSONLinesReaderTests {
  let folder = TemporaryFolder()

  func read(_ text: String) throws(DataError) -> Table {
    try TableReader.read(path: folder.write("t.jsonl", text), displayName: "t.jsonl", format: nil)
  }

  @Test func unionsKeysAndInfersTypes() throws {
    let t = try read(
      """
      {"member": 1, "title": 7, "at": "2026-06-01T18:30", "score": 1, "tags": ["a", "b"], "ok": true}
      {"member": 2, "title": 8, "at": "2026-06-02", "score": 2.5, "device": "tv\\u00e9", "ok": null}

      {"title": 9, "member": 3, "tags": [], "note": "say \\"hi\\"\\n"}

      """)
    #expect(t.names == ["member", "title", "at", "score", "tags", "ok", "device", "note"])
    #expect(t.columns.map(\.type) == [.int, .int, .time, .float, .list, .bool, .string, .string])
    #expect(t.count == 3)
    let june1 = CivilTime.days(year: 2026, month: 6, day: 1) * 86400
    #expect((0..<3).map { t["at"]!.value(at: $0) } == [.time(june1 + 66600), .time(june1 + 86400), .null])
    #expect((0..<3).map { t["score"]!.value(at: $0) } == [.float(1), .float(2.5), .null])
    #expect((0..<3).map { t["tags"]!.value(at: $0) } == [.list(["a", "b"]), .list([]), .list([])])
    #expect(t["device"]!.value(at: 1) == .string("tvé"))
    #expect(t["note"]!.value(at: 2) == .string("say \"hi\"\n"))
    #expect(t["ok"]!.value(at: 1) == .null)
  }

  @Test func datesAndMixedValues() throws {
    let t = try read("{\"d\": \"2026-06-01\", \"m\": 1, \"genres\": \"A|B\"}\n{\"d\": \"2026-06-03\", \"m\": \"x\"}\n")
    #expect(t["d"]!.type == .date)
    #expect(t["m"]!.value(at: 0) == .string("1"))
    #expect(t["genres"]!.value(at: 0) == .list(["A", "B"]))
  }

  @Test func reportsSyntaxErrorsWithTheLine() {
    #expect(throws: DataError.malformed("t.jsonl", line: 2, "expected ',' or '}' after a value")) {
      try read("{\"a\": 1}\n{\"a\": 2 \"b\": 3}\n")
    }
    #expect(throws: DataError.malformed("t.jsonl", line: 1, "nested objects are not supported (key 'a')")) {
      try read("{\"a\": {\"b\": 1}}\n")
    }
    #expect(throws: DataError.malformed("t.jsonl", line: 1, "key 'a' appears twice in one object")) {
      try read("{\"a\": 1, \"a\": 2}\n")
    }
    #expect(throws: DataError.malformed("t.jsonl", "the file is empty (no objects)")) { try read("\n\n") }
  }
}
