import Foundation
import Testing

@testable import RecCore
@testable import RecEngine
@testable import RecKit

/// `load table` of Parquet files written by pyarrow, DuckDB, Polars and Spark (every codec, dictionary
/// and plain pages, data pages v1 and v2, the DELTA encodings, several row groups, nulls, list
/// columns; `Tests/Parquet/make_fixtures.py` writes them) against the same table read from CSV,
/// cell by cell; the MovieLens and Open Bandit Dataset layouts as Parquet; and damaged files,
/// with their whole messages.
@Suite struct ParquetTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/parquet").path

  /// Every fixture that holds the whole table.
  static var tableFixtures: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures)) ?? []
    let writers = ["pyarrow_", "duckdb_", "polars_"]
    return names.filter { name in writers.contains { name.hasPrefix($0) } && name != "pyarrow_brotli.parquet" }.sorted()
      + ["parts", "spark_int96_snappy", "spark_legacy_gzip", "spark_micros_zstd"]
  }

  /// Runs `script` in a session whose folder is `directory`; the session and the error, if any.
  func run(_ script: String, in directory: String = fixtures) -> (Session, String?) {
    let session = Session(options: SessionOptions(directory: directory)) { _, _ in }
    let failure = session.run(SourceFile(name: "t.rec", text: script))
    return (session, failure?.message)
  }

  /// Where two tables differ: names, types, row counts, then the first cells that differ.
  func differences(_ a: Table, _ b: Table) -> [String] {
    guard a.names == b.names else { return ["columns \(a.names) vs \(b.names)"] }
    guard a.count == b.count else { return ["\(a.count) rows vs \(b.count)"] }
    var out: [String] = []
    for (name, (x, y)) in zip(a.names, zip(a.columns, b.columns)) {
      if x.type != y.type { out.append("\(name): \(x.type) vs \(y.type)") }
      for row in 0..<a.count where x.value(at: row) != y.value(at: row) {
        out.append("\(name) row \(row + 1): \(x.value(at: row)) vs \(y.value(at: row))")
      }
    }
    return Array(out.prefix(10))
  }

  @Test(arguments: tableFixtures)
  func parquetEqualsCSV(fixture: String) throws {
    let (session, failure) = run("load table p from \"\(fixture)\"\nload table c from \"table.csv\"\n")
    #expect(failure == nil)
    let p = try #require(session.tables["p"])
    let c = try #require(session.tables["c"])
    #expect(p.count == 30)
    #expect(differences(p, c) == [], "\(fixture)")
  }

  @Test func mapTypesAndNaApplyAsToCSV() throws {
    let clauses = "map user = member, item = title na \"bob\" types item: float, day: text"
    let (session, failure) = run(
      "load table p from \"pyarrow_zstd.parquet\" \(clauses)\nload table c from \"table.csv\" \(clauses)\n")
    #expect(failure == nil)
    let p = try #require(session.tables["p"])
    let c = try #require(session.tables["c"])
    #expect(p.names.prefix(2) == ["user", "item"])
    #expect(p["item"]?.type == .float)
    #expect(p["name"]?.value(at: 1) == .null)
    #expect(differences(p, c) == [])
  }

  @Test func asParquetReadsAFileWithoutTheExtension() throws {
    let folder = TemporaryFolder()
    let bytes = try #require(FileManager.default.contents(atPath: Self.fixtures + "/pyarrow_snappy.parquet"))
    folder.write("ratings.bin", bytes: Array(bytes))
    let (session, failure) = run("load table p from \"ratings.bin\" as parquet\n", in: folder.path)
    #expect(failure == nil)
    #expect(session.tables["p"]?.count == 30)
  }

  @Test func aFolderNeedsOneSchema() {
    let (_, failure) = run("load table p from \"mixed\"\n")
    #expect(
      failure
        == "mixed/b.parquet: its columns (n INT32) are not those of 'mixed/a.parquet' (member INT64, title INT32, "
        + "rating DOUBLE, score FLOAT, liked BOOLEAN, name BYTE_ARRAY, day INT32, at INT64, seen_us INT64, "
        + "seen_ns INT64, genres BYTE_ARRAY)")
  }

  @Test func aFolderWithoutParquetFiles() {
    let folder = TemporaryFolder()
    folder.write("notes.txt", "nothing here\n")
    let (_, failure) = run("load table p from \".\"\n", in: folder.path)
    #expect(failure == ".: is a folder with no .parquet files")
  }

  @Test func anUnsupportedCodecIsNamed() {
    let (_, failure) = run("load table p from \"pyarrow_brotli.parquet\"\n")
    #expect(
      failure
        == "pyarrow_brotli.parquet: column 'member', row group 1, page at byte 4: "
        + "the page is compressed with BROTLI, which rec does not read")
  }

  @Test func unsignedIntegers() throws {
    let (session, failure) = run("load table u from \"unsigned.parquet\"\n")
    #expect(failure == nil)
    let u = try #require(session.tables["u"])
    #expect((0..<4).map { u["u32"]?.value(at: $0) } == [.int(0), .int(2_147_483_653), .null, .int(4_294_967_295)])
    #expect((0..<4).map { u["u64"]?.value(at: $0) } == [.int(1), .int(1 << 62), .int(7), .null])
    #expect(
      run("load table u from \"unsigned_big.parquet\"\n").1
        == "unsigned_big.parquet: column 'u64', row group 1, page at byte 34: "
        + "the UINT_64 value 9223372036854775809 is past 2^63 - 1, the largest integer rec keeps")
  }

  @Test func columnsRecDoesNotReadAreNamed() {
    let expected = [
      "struct": "unsupported_struct.parquet: column 'where' is a struct or a map; rec reads flat columns and lists of strings",
      "list_int":
        "unsupported_list_int.parquet: column 'counts' is a nested list or a list of INT64; rec reads lists of strings only",
      "decimal": "unsupported_decimal.parquet: column 'price' is a DECIMAL, which rec does not read",
    ]
    for (name, message) in expected {
      #expect(run("load table u from \"unsupported_\(name).parquet\"\n").1 == message)
    }
  }

  @Test func parquetIsNotWritten() {
    let folder = TemporaryFolder()
    let (_, failure) = run("load table p from \"\(Self.fixtures)/tiny.parquet\"\nsave p to \"p.parquet\"\n", in: folder.path)
    #expect(failure == "p.parquet: rec reads Parquet but does not write it: save to .csv, .tsv or .jsonl")
  }

  /// `load movielens` and `load obd` of the same files as CSV and as Parquet make the same tables.
  @Test(arguments: ["movielens", "obd/all"])
  func datasetFromParquetEqualsCSV(folder: String) throws {
    let kind = folder.hasPrefix("obd") ? "obd" : "movielens"
    let (session, failure) = run("load \(kind) \"csv/\(folder)\"\n")
    #expect(failure == nil)
    let fromCSV = session.tables
    let (again, failure2) = run("load \(kind) \"\(folder)\"\n")
    #expect(failure2 == nil)
    #expect(Array(again.tables.keys) == Array(fromCSV.keys))
    for (name, table) in fromCSV {
      let other = try #require(again.tables[name])
      #expect(differences(other, table) == [], "\(folder): \(name)")
    }
  }

  /// Values of every width from 0 to 64 bits, packed least significant bit first one bit at a
  /// time here, come back from `RLEBitPackedDecoder.unpack`.
  @Test func bitUnpackingOfEveryWidth() throws {
    var generator = SystemRandomNumberGenerator()
    for width in 0...64 {
      let mask: UInt64 = width == 64 ? .max : (1 << UInt64(width)) - 1
      let values = (0..<37).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) & mask }
      var bytes = [UInt8](repeating: 0, count: (values.count * width + 7) / 8)
      for (i, value) in values.enumerated() {
        for b in 0..<width where value >> UInt64(b) & 1 == 1 {
          let bit = i * width + b
          bytes[bit / 8] |= 1 << UInt8(bit % 8)
        }
      }
      var unpacked: [UInt64] = []
      try bytes.withUnsafeBufferPointer { b in
        try RLEBitPackedDecoder.unpack(b, bitWidth: width, count: values.count, what: "test") { unpacked.append($0) }
      }
      #expect(unpacked == values, "width \(width)")
    }
  }

  // MARK: - Damaged files

  /// The message of loading `tiny.parquet` (one INT32 column, one PLAIN page at byte 4) once
  /// `damage` has changed its bytes.
  func damaged(_ damage: (inout [UInt8]) -> Void) throws -> String? {
    var bytes = Array(try #require(FileManager.default.contents(atPath: Self.fixtures + "/tiny.parquet")))
    damage(&bytes)
    let folder = TemporaryFolder()
    folder.write("bad.parquet", bytes: bytes)
    return run("load table p from \"bad.parquet\"\n", in: folder.path).1
  }

  @Test func tinyFixtureLoads() throws {
    let (session, failure) = run("load table p from \"tiny.parquet\"\n")
    #expect(failure == nil)
    let column = try #require(session.tables["p"]?["n"])
    #expect((0..<3).map { column.value(at: $0) } == [.int(1), .int(2), .int(3)])
  }

  @Test func truncatedFile() throws {
    #expect(
      try damaged { $0.removeLast(10) }
        == "bad.parquet: not a Parquet file, or a truncated one: it does not end with 'PAR1'")
    #expect(
      try damaged { $0.removeLast($0.count - 6) }
        == "bad.parquet: not a Parquet file: 6 bytes is too short to hold one")
  }

  @Test func badMagic() throws {
    #expect(try damaged { $0[0] = UInt8(ascii: "X") } == "bad.parquet: not a Parquet file: it does not begin with 'PAR1'")
  }

  @Test func footerLengthPastTheFile() throws {
    #expect(
      try damaged { $0[$0.count - 5] = 0x7F }
        == "bad.parquet: the footer is said to be 2130706738 bytes, more than the file holds")
  }

  @Test func corruptedPageHeader() throws {
    // The page header's first field (type, an i32) given type code 15, which Thrift has not.
    #expect(
      try damaged { $0[4] = 0x1F }
        == "bad.parquet: column 'n', row group 1, page at byte 4: "
        + "the page header is not valid Thrift: a field of type 15 where type 5 was expected at byte 1")
  }

  @Test func pageLengthPastTheEnd() throws {
    // The page's compressed size (at byte 9, zigzag 12 = 0x18) made 63.
    #expect(
      try damaged { $0[9] = 0x7E }
        == "bad.parquet: column 'n', row group 1, page at byte 4: "
        + "the page's 63 bytes run past the end of the column chunk")
  }
}
