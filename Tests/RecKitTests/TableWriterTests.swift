import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecCore

@Suite struct TableWriterTests {
  let folder = TemporaryFolder()

  var sample: Table {
    Table([
      ("id", Column(type: .int, values: [.int(1), .int(2)])),
      ("name", Column(type: .string, values: [.string("Story, The \"2011\""), .null])),
      ("genres", Column(type: .list, values: [.list(["Drama", "Comedy"]), .list([])])),
      ("score", Column(type: .float, values: [.float(0.1), .float(4.5)])),
      ("day", Column(type: .date, values: [.date(CivilTime.days(year: 2026, month: 6, day: 1)), .null])),
      ("at", Column(type: .time, values: [.time(CivilTime.days(year: 2026, month: 6, day: 1) * 86400 + 66600), .null])),
      ("ok", Column(type: .bool, values: [.bool(true), .bool(false)])),
    ])
  }

  @Test func writesCSVWithQuotingAndReadsItBack() throws {
    try TableWriter.write(sample, to: folder.path + "/out.csv", format: nil)
    #expect(
      folder.read("out.csv") == """
        id,name,genres,score,day,at,ok
        1,"Story, The ""2011\""",Drama|Comedy,0.1,2026-06-01,2026-06-01T18:30,true
        2,,,4.5,,,false

        """)
    #expect(folder.files() == ["out.csv"])
    let back = try TableReader.read(path: folder.path + "/out.csv", displayName: "out.csv", format: nil)
    for name in sample.names {
      #expect((0..<2).map { back[name]!.value(at: $0) } == (0..<2).map { sample[name]!.value(at: $0) }, "\(name)")
    }
  }

  @Test func writesJSONLines() throws {
    try TableWriter.write(sample, to: folder.path + "/out.jsonl", format: nil)
    #expect(
      folder.read("out.jsonl") == """
        {"id":1,"name":"Story, The \\"2011\\"","genres":["Drama","Comedy"],"score":0.1,"day":"2026-06-01",\
        "at":"2026-06-01T18:30","ok":true}
        {"id":2,"name":null,"genres":[],"score":4.5,"day":null,"at":null,"ok":false}

        """)
    let back = try TableReader.read(path: folder.path + "/out.jsonl", displayName: "out.jsonl", format: nil)
    #expect(back.columns.map(\.type) == sample.columns.map(\.type))
  }

  @Test func writesTSVAndRefusesTabsInside() throws {
    let plain = Table([("a", Column(type: .int, values: [.int(1)])), ("b", Column(type: .string, values: [.string("x,y")]))])
    try TableWriter.write(plain, to: folder.path + "/p.tsv", format: nil)
    #expect(folder.read("p.tsv") == "a\tb\n1\tx,y\n")
    let tabbed = Table([("b", Column(type: .string, values: [.string("x\ty")]))])
    #expect(
      throws: DataError.io("t.tsv", "column 'b' holds a tab or line break, which a TSV file cannot hold; save as .csv")
    ) {
      try TableWriter.write(tabbed, to: folder.path + "/t.tsv", displayName: "t.tsv", format: nil)
    }
  }

  @Test func reportsAMissingFolder() {
    #expect(throws: DataError(.fileNotFound, file: "no/x.csv", "cannot write 'no/x.csv': the folder does not exist")) {
      try TableWriter.write(sample, to: folder.path + "/no/x.csv", displayName: "no/x.csv", format: nil)
    }
  }
}
