import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecCore

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

  /// `text` read in chunks of at least `chunkBytes` and on one thread, which must agree.
  func readBothWays(_ text: String, chunkBytes: Int, _ declared: [String: CSVReader.ColumnSpec] = [:]) throws -> Table {
    var chunked = CSVReader(format: .csv)
    chunked.parallelThreshold = 1
    chunked.minimumChunkBytes = chunkBytes
    chunked.declared = declared
    var serial = CSVReader(format: .csv)
    serial.parallelThreshold = .max
    serial.declared = declared
    let bytes = Array(text.utf8)
    let (a, b) = try bytes.withUnsafeBufferPointer { buffer throws(DataError) in
      (try chunked.read(buffer, file: "c.csv"), try serial.read(buffer, file: "c.csv"))
    }
    #expect(a.names == b.names)
    #expect(a.columns.map(\.type) == b.columns.map(\.type))
    for c in a.names {
      #expect((0..<b.count).map { a[c]!.value(at: $0) } == (0..<b.count).map { b[c]!.value(at: $0) }, "\(c)")
    }
    return a
  }

  @Test func manyChunksWithLateWideningAndCRLFMatchOneThread() throws {
    var text = "id,score,big,label,when\r\n"
    for i in 0..<3000 {
      let score = i == 2900 ? "0.1" : "\(i % 97)"
      let big = i == 2999 ? "5000000000" : "-\(i)"
      let when = i % 10 == 0 ? "" : "2026-06-0\(1 + i % 9)"
      text += "\(i),\(score),\(big),l\(i % 5),\(when)\r\n"
      if i % 1000 == 500 { text += "\r\n" }
    }
    let t = try readBothWays(text, chunkBytes: 1000)
    #expect(t.count == 3000)
    #expect(t.columns.map(\.type) == [.int, .float, .int, .string, .date])
    guard case .float64 = t["score"]!.storage, case .int64 = t["big"]!.storage else {
      Issue.record("score and big should have widened to 64 bits")
      return
    }
    #expect(t["score"]!.value(at: 2900) == .float(0.1))
    #expect(t["score"]!.value(at: 98) == .float(1))
    #expect(t["big"]!.value(at: 2999) == .int(5_000_000_000))
    #expect(t["big"]!.value(at: 7) == .int(-7))
    #expect(t["when"]!.value(at: 10) == .null)
  }

  /// Chunks are parsed as if each began a row: quotes with commas parse in parallel; a cut
  /// inside a quoted field holding a line break sends the file to one thread. Either way
  /// the table is the one a single thread reads, and errors name the right line.
  @Test func quotedFieldsAcrossCutsReadAsOneThreadDoes() throws {
    var text = "id,name\n"
    for i in 0..<400 { text += i == 350 ? "\(i),\"two\nlines, quoted\"\n" : "\(i),\"n, \(i % 3)\"\n" }
    for chunkBytes in [30, 100, 1000] {
      let t = try readBothWays(text, chunkBytes: chunkBytes)
      #expect(t.count == 400)
      #expect(t["name"]!.value(at: 350) == .string("two\nlines, quoted"))
      #expect(t["name"]!.value(at: 7) == .string("n, 1"))
      #expect(t["id"]!.value(at: 399) == .int(399))
    }
    var chunked = CSVReader(format: .csv)
    chunked.parallelThreshold = 1
    chunked.minimumChunkBytes = 100
    func failure(_ text: String) -> String? {
      do {
        _ = try Array(text.utf8).withUnsafeBufferPointer { (b) throws(DataError) in try chunked.read(b, file: "q.csv") }
        return nil
      } catch {
        return error.message
      }
    }
    #expect(failure(text + "401,\"open\n") == "q.csv:403: unterminated quoted field")
    #expect(failure(text + "401,\"a\",x\n") == "q.csv:403: row has 3 fields where the header has 2")
  }

  /// Declared 4-byte columns are read straight into their final arrays: blank lines leave
  /// gaps to close, lone `\r` line endings overflow a chunk's counted span, and a wide
  /// value moves its chunk to 64 bits; each must give what one thread gives.
  @Test func declaredColumnsReadInPlaceMatchOneThread() throws {
    let declared: [String: CSVReader.ColumnSpec] = [
      "id": .fixed(.int), "score": .fixed(.float), "day": .fixed(.date), "at": .fixed(.time),
    ]
    func table(ending: String, blankEvery: Int, wideAt: Int?) -> String {
      var text = "id,score,day,at\(ending)"
      for i in 0..<2000 {
        let id = i == wideAt ? "5000000000" : "\(i)"
        let score = i == wideAt ? "0.1" : i % 7 == 0 ? "" : "\(i % 11).5"
        text += "\(id),\(score),2026-06-0\(1 + i % 9),2026-06-01T10:\(10 + i % 50)\(ending)"
        if i % blankEvery == 3 { text += ending }
      }
      return text
    }
    let gaps = try readBothWays(table(ending: "\n", blankEvery: 97, wideAt: nil), chunkBytes: 2000, declared)
    #expect(gaps.count == 2000)
    guard case .int32 = gaps["id"]!.storage, case .float32 = gaps["score"]!.storage else {
      Issue.record("narrow declared columns should stay 32-bit")
      return
    }
    #expect(gaps["id"]!.value(at: 1999) == .int(1999))
    #expect(gaps["score"]!.value(at: 7) == .null)
    #expect(gaps["score"]!.value(at: 8) == .float(8.5))
    #expect(gaps["day"]!.value(at: 1) == .date(CivilTime.days(year: 2026, month: 6, day: 2)))
    let wide = try readBothWays(table(ending: "\n", blankEvery: 500, wideAt: 1500), chunkBytes: 2000, declared)
    guard case .int64 = wide["id"]!.storage, case .float64 = wide["score"]!.storage else {
      Issue.record("a wide value should move its column to 64 bits")
      return
    }
    #expect(wide["id"]!.value(at: 1500) == .int(5_000_000_000))
    #expect(wide["score"]!.value(at: 1500) == .float(0.1))
    let carriageReturns = try readBothWays(table(ending: "\r", blankEvery: 300, wideAt: nil), chunkBytes: 2000, declared)
    #expect(carriageReturns.count == 2000)
    let june1 = CivilTime.days(year: 2026, month: 6, day: 1) * 86400
    #expect(carriageReturns["at"]!.value(at: 1999) == .time(june1 + 10 * 3600 + 59 * 60))
  }

  /// `bytes` read with the numeric lane and without it.
  func readWithAndWithoutLane(_ bytes: [UInt8], _ declared: [String: CSVReader.ColumnSpec]) throws -> (Table, Table) {
    var lane = CSVReader(format: .csv)
    lane.declared = declared
    var general = lane
    general.numericLane = false
    return try bytes.withUnsafeBufferPointer { buffer throws(DataError) in
      (try lane.read(buffer, file: "n.csv"), try general.read(buffer, file: "n.csv"))
    }
  }

  /// Rows of plain numbers take the fast lane; every row it leaves (empty fields, quotes,
  /// exponents, values that widen a column, `\r\n` and lone `\r` endings, blank lines) goes
  /// to the general loop. With and without the lane, declared or inferred, the tables agree.
  @Test func numericLaneGivesWhatTheGeneralLoopGives() throws {
    var text = "a,b,c\n"
    for i in 0..<600 {
      let a = i == 300 ? "5000000000" : i == 310 ? "\"\(i)\"" : "\(i - 200)"
      let b = i == 400 ? "0.1" : i % 50 == 7 ? "" : i == 450 ? "1e2" : "\(i % 9).5"
      let ending = i % 120 == 5 ? "\r\n" : i == 590 ? "\r" : "\n"
      text += "\(a),\(b),\(i * 7)\(ending)"
      if i % 200 == 11 { text += "\n" }
    }
    let bytes = Array(text.utf8)
    for declared in [[:], ["a": .fixed(.int), "b": .fixed(.float), "c": .fixed(.int)]] as [[String: CSVReader.ColumnSpec]] {
      let (x, y) = try readWithAndWithoutLane(bytes, declared)
      #expect(x.count == 600)
      #expect(x.columns.map(\.type) == y.columns.map(\.type))
      for c in x.names {
        #expect((0..<600).map { x[c]!.value(at: $0) } == (0..<600).map { y[c]!.value(at: $0) }, "\(c)")
      }
      #expect(x["a"]!.value(at: 300) == .int(5_000_000_000))
      #expect(x["a"]!.value(at: 599) == .int(399))
      #expect(x["b"]!.value(at: 400) == .float(0.1))
      #expect(x["b"]!.value(at: 450) == .float(100))
      #expect(x["b"]!.value(at: 57) == .null)
      #expect(x["c"]!.value(at: 599) == .int(4193))
    }
    #expect(error("a,b\n1,2\n3,4,5\n", ["a": .fixed(.int), "b": .fixed(.int)])
      == "t.csv:3: row has 3 fields where the header has 2")
    #expect(error("a,b\n1,2\n3\n", ["a": .fixed(.int), "b": .fixed(.int)])
      == "t.csv:3: row has 1 fields where the header has 2")
  }

  /// The lane reads numbers of up to 15 digits from words and leaves longer ones, signed
  /// ones and long fractions to the general scanners: at every length on both sides of those
  /// limits, and around the 32-bit limits, it stores the same bits as the general loop.
  @Test func numericLaneReadsEveryNumberLengthAsTheGeneralLoop() throws {
    var rows: [(String, String)] = []
    let digits = "98765432109876543"
    for whole in 1...17 {
      let w = String(digits.prefix(whole))
      rows.append((w, w))
      rows.append(("-" + w, "-" + w))
      for fraction in 1...9 where whole + fraction <= 18 {
        rows.append((w, "\(w).\(String(digits.suffix(fraction)))"))
      }
    }
    for edge in ["2147483647", "2147483648", "-2147483647", "-2147483648", "16777217", "0", "007"] {
      rows.append((edge, edge + ".5"))
    }
    let text = "i,f\n" + rows.map { "\($0.0),\($0.1)\n" }.joined()
    let bytes = Array(text.utf8)
    for declared in [[:], ["i": .fixed(.int), "f": .fixed(.float)]] as [[String: CSVReader.ColumnSpec]] {
      let (x, y) = try readWithAndWithoutLane(bytes, declared)
      #expect(x.count == rows.count)
      #expect(x.columns.map(\.type) == y.columns.map(\.type))
      for row in 0..<rows.count {
        #expect(x["i"]!.value(at: row) == y["i"]!.value(at: row), "\(rows[row].0)")
        #expect(x["f"]!.double(at: row)?.bitPattern == y["f"]!.double(at: row)?.bitPattern, "\(rows[row].1)")
        #expect(x["f"]!.double(at: row)?.bitPattern == Double(rows[row].1)?.bitPattern, "\(rows[row].1)")
      }
    }
  }

  @Test func declaredNumbersOfEveryShapeReadAsTheGeneralParsersDo() throws {
    let ints = ["0", "-7", "+12", "123456789", "1234567890123456", "999999999999999999", "-2147483648"]
    let floats = [
      "2.5", "-0.0", ".5", "+1.5", "1e3", "4", "123456789.123456", "0.30000000000000004", "17", "-.25",
      "1234567890123456789",
    ]
    var text = "i,f\n"
    for (i, f) in zip(ints + ints, floats) { text += "\(i),\(f)\n" }
    let t = try readBothWays(text, chunkBytes: 30, ["i": .fixed(.int), "f": .fixed(.float)])
    let doubleInts = (ints + ints).prefix(floats.count).map { Value.int(Int($0)!) }
    #expect((0..<t.count).map { t["i"]!.value(at: $0) } == doubleInts)
    for (row, f) in floats.enumerated() {
      #expect(t["f"]!.double(at: row)?.bitPattern == Double(f)?.bitPattern, "\(f)")
    }
    #expect(error("i\n1\n12345678901234567890\n", ["i": .fixed(.int)])
      == "t.csv:3: column 'i': expected an integer, found '12345678901234567890'")
    #expect(error("f\n1.5\n2.\n", ["f": .fixed(.float)]) == "t.csv:3: column 'f': expected a number, found '2.'")
  }

  @Test func fusedNumberScansStopAtTheFieldEnd() {
    func scan(_ s: String) -> (Int?, Double?, Int, Int) {
      let bytes = Array(s.utf8) + Array(repeating: UInt8(ascii: "x"), count: 16)
      return bytes.withUnsafeBufferPointer { b in
        var intPos = 0
        var decimalPos = 0
        let end = s.utf8.count
        let i = CSVReader.scanInt(b.baseAddress!, &intPos, end + 16, UInt8(ascii: ","))
        let d = CSVReader.scanDecimal(b.baseAddress!, &decimalPos, end + 16, UInt8(ascii: ","))
        return (i, d, intPos, decimalPos)
      }
    }
    #expect(scan("1016358677,") == (1_016_358_677, 1_016_358_677, 10, 10))
    #expect(scan("-42\n") == (-42, -42, 3, 3))
    #expect(scan("3.5\r\n") == (nil, 3.5, 0, 3))
    #expect(scan("12345678,") == (12_345_678, 12_345_678, 8, 8))
    #expect(scan("7x,") == (nil, nil, 0, 0))
    #expect(scan(",") == (nil, nil, 0, 0))
    #expect(scan("1e5,") == (nil, nil, 0, 0))
    #expect(scan("1234567890123456.5,") == (nil, nil, 0, 0))
    // Short decimals are read from the words at their start when there is room; the rest, and
    // anything odd, the long way.
    #expect(scan("5.0,") == (nil, 5, 0, 3))
    #expect(scan(".5\n") == (nil, 0.5, 0, 2))
    #expect(scan("5.,") == (nil, nil, 0, 0))
    #expect(scan(".,") == (nil, nil, 0, 0))
    #expect(scan("-3.5,") == (nil, -3.5, 0, 4))
    #expect(scan("1234567.5,") == (nil, 1_234_567.5, 0, 9))
    #expect(scan("12.345678,") == (nil, 12.345678, 0, 9))
    #expect(scan("0.1x,") == (nil, nil, 0, 0))
    for whole in ["", "0", "7", "42", "999", "12345"] {
      for fraction in ["", "0", "5", "25", "125", "1"] where !(whole.isEmpty && fraction.isEmpty) {
        let text = fraction.isEmpty ? whole : "\(whole).\(fraction)"
        #expect(scan(text + ",").1?.bitPattern == Double(text)?.bitPattern, "\(text)")
      }
    }
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
