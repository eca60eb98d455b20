import Testing

@testable import RecKit

@Suite struct CSVReaderTests {
  let folder = TemporaryFolder()

  func read(_ text: String, name: String = "t.csv", format: FileFormat? = nil) throws(DataError) -> Table {
    try TableReader.read(path: folder.write(name, text), displayName: name, format: format)
  }

  func error(_ text: String, name: String = "t.csv", _ declared: [String: CSVReader.ColumnSpec] = [:]) -> String? {
    var reader = CSVReader(format: .csv)
    reader.declared = declared
    let bytes = Array(text.utf8)
    do {
      _ = try bytes.withUnsafeBufferPointer { (b) throws(DataError) in try reader.read(b, file: name) }
      return nil
    } catch {
      return error.message
    }
  }

  @Test func infersEveryTypeOverTheWholeColumn() throws {
    let t = try read(
      """
      b,i,f,d,t,s,genres,at,mixed
      true,1,4,2026-06-01,2026-06-01T18:30,x,Drama|Comedy,1700000000,1
      false,,4.5,2026-06-02,2026-06-02T07:05:09Z,y,,1700000060,2026-01-01
      ,-3,0.25,,2026-06-03,x,Drama,,abc

      """)
    #expect(t.names == ["b", "i", "f", "d", "t", "s", "genres", "at", "mixed"])
    #expect(t.columns.map(\.type) == [.bool, .int, .float, .date, .time, .string, .list, .time, .string])
    #expect(t["b"]!.value(at: 2) == .null)
    #expect((0..<3).map { t["i"]!.value(at: $0) } == [.int(1), .null, .int(-3)])
    #expect((0..<3).map { t["f"]!.value(at: $0) } == [.float(4), .float(4.5), .float(0.25)])
    #expect(t["d"]!.value(at: 1) == .date(CivilTime.days(year: 2026, month: 6, day: 2)))
    let june2 = CivilTime.days(year: 2026, month: 6, day: 2) * 86400
    #expect(t["t"]!.value(at: 1) == .time(june2 + 7 * 3600 + 5 * 60 + 9))
    #expect(t["t"]!.value(at: 2) == .time(june2 + 86400))
    #expect((0..<3).map { t["genres"]!.value(at: $0) } == [.list(["Drama", "Comedy"]), .list([]), .list(["Drama"])])
    #expect(t["at"]!.value(at: 1) == .time(1_700_000_060))
    #expect((0..<3).map { t["mixed"]!.value(at: $0) } == [.string("1"), .string("2026-01-01"), .string("abc")])
    if case .string(let codes, let dict) = t["s"]!.storage {
      #expect(codes == [0, 1, 0])
      #expect(dict.count == 2)
    } else {
      Issue.record("s is not dictionary-encoded")
    }
  }

  @Test func keepsCompactStorageAndWidensWhenNeeded() throws {
    let t = try read("small,big,half,tenth\n1,1,0.5,0.1\n2,5000000000,1.25,0.2\n")
    guard case .int32 = t["small"]!.storage, case .int64 = t["big"]!.storage,
      case .float32 = t["half"]!.storage, case .float64 = t["tenth"]!.storage
    else {
      Issue.record("unexpected storage")
      return
    }
    #expect(t["big"]!.value(at: 1) == .int(5_000_000_000))
    #expect(t["tenth"]!.value(at: 0) == .float(0.1))
  }

  @Test func parsesDecimalsExactlyAsDoubleDoes() {
    let samples = [
      "4.5", "0.25", "0.1", "0.3", "-0.0", "123456.789", "1e5", "2.5E-3", "3.14159265358979323846",
      "9007199254740993", "0.000000000000000000001", "123456789012345.6", "1.7976931348623157e308", ".5",
    ]
    for s in samples {
      let bytes = Array(s.utf8)
      let parsed = bytes.withUnsafeBufferPointer { CSVReader.parseDouble($0.baseAddress!, $0.count) }
      #expect(parsed?.bitPattern == Double(s)?.bitPattern, "\(s)")
    }
    for bad in ["1.", "-", "1e", "abc", "1.2.3", "1,5"] {
      let bytes = Array(bad.utf8)
      #expect(bytes.withUnsafeBufferPointer { CSVReader.parseDouble($0.baseAddress!, $0.count) } == nil, "\(bad)")
    }
  }

  @Test func readsRFC4180Quoting() throws {
    let t = try read("id,name,note\r\n1,\"Story, The (2011)\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",plain\r\n")
    #expect(t.count == 2)
    #expect(t["name"]!.value(at: 0) == .string("Story, The (2011)"))
    #expect(t["note"]!.value(at: 0) == .string("say \"hi\""))
    #expect(t["name"]!.value(at: 1) == .string("two\nlines"))
    #expect(t["id"]!.type == .int)
  }

  @Test func readsTSVWithoutQuoting() throws {
    let t = try read("id\tname\n1\t\"quoted\"\n2\ta,b\n", name: "t.tsv")
    #expect(t["name"]!.value(at: 0) == .string("\"quoted\""))
    #expect(t["name"]!.value(at: 1) == .string("a,b"))
  }

  @Test func splitsInTwoChunksWithTheSameResult() throws {
    var text = "id,score,label,code\n"
    for i in 0..<2000 {
      let score = i < 1500 ? "\(i)" : "\(i).5"
      let code = i < 1800 ? "\(i % 7)" : "x\(i % 3)"
      text += "\(i),\(score),l\(i % 5),\(code)\n"
    }
    var parallel = CSVReader(format: .csv)
    parallel.parallelThreshold = 1
    var serial = CSVReader(format: .csv)
    serial.parallelThreshold = .max
    let bytes = Array(text.utf8)
    let (a, b) = try bytes.withUnsafeBufferPointer { buffer throws(DataError) in
      (try parallel.read(buffer, file: "p.csv"), try serial.read(buffer, file: "p.csv"))
    }
    #expect(a.columns.map(\.type) == [.int, .float, .string, .string])
    for c in a.names {
      #expect((0..<2000).map { a[c]!.value(at: $0) } == (0..<2000).map { b[c]!.value(at: $0) }, "\(c)")
    }
    #expect(a["score"]!.value(at: 1999) == .float(1999.5))
    #expect(a["code"]!.value(at: 6) == .string("6"))
    #expect(a["code"]!.value(at: 1999) == .string("x1"))
  }

  @Test func contractTinyFilesLoad() throws {
    let titles = try TableReader.read(
      path: ParserTests.contractFolder()!.path + "/tiny/titles.csv", displayName: "tiny/titles.csv", format: nil)
    #expect(titles.count == 10)
    #expect(titles.names == ["id", "name", "kind", "genres", "year", "released"])
    #expect(titles.columns.map(\.type) == [.int, .string, .string, .list, .int, .date])
    #expect(titles["name"]!.value(at: 1) == .string("Laughs, Inc."))
    #expect(titles["genres"]!.value(at: 0) == .list(["Drama", "Thriller"]))
    let plays = try TableReader.read(
      path: ParserTests.contractFolder()!.path + "/tiny/plays.csv", displayName: "tiny/plays.csv", format: nil)
    #expect(plays.count == 17)
    #expect(plays.columns.map(\.type) == [.int, .int, .time, .float])
    #expect(plays["at"]!.value(at: 0) == .time(CivilTime.days(year: 2026, month: 3, day: 2) * 86400 + 20 * 3600))
  }

  @Test func reportsARaggedRowWithItsLine() {
    #expect(throws: DataError.malformed("bad.csv", line: 4, "row has 3 fields where the header has 4")) {
      try TableReader.read(path: ParserTests.contractFolder()!.path + "/errors/bad.csv", displayName: "bad.csv", format: nil)
    }
    #expect(error("a,b\n1,2,3\n") == "t.csv:2: row has 3 fields where the header has 2")
  }

  @Test func reportsBadValuesInDeclaredColumns() {
    #expect(
      error("userId,movieId\n1,2\n\"x\nmore\",3\nx1,4\n", name: "ratings.csv", ["userId": .fixed(.int)])
        == "ratings.csv:3: column 'userId': expected an integer, found 'x\nmore'")
    #expect(
      error("userId,movieId\n1,2\nx1,4\n", name: "ratings.csv", ["userId": .fixed(.int)])
        == "ratings.csv:3: column 'userId': expected an integer, found 'x1'")
  }

  @Test func reportsMalformedFiles() throws {
    #expect(error("", name: "empty.csv") == "empty.csv: the file is empty (no header)")
    #expect(error("a,b\n1,\"open\n2,3\n") == "t.csv:2: unterminated quoted field")
    #expect(error("a,a\n1,2\n") == "t.csv:1: column 'a' appears twice in the header")
    let bad: [UInt8] = Array("id,name\n1,ok\n2,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
    #expect(throws: DataError.malformed("u.csv", line: 3, "invalid UTF-8 in column 'name'")) {
      try TableReader.read(path: folder.write("u.csv", bytes: bad), displayName: "u.csv", format: nil)
    }
    #expect(throws: DataError.fileNotFound("no/such/file.csv")) {
      try TableReader.read(path: folder.path + "/no/such/file.csv", displayName: "no/such/file.csv", format: nil)
    }
  }
}
