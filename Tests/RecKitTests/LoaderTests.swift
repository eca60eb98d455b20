import Foundation
import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecBench

@Suite struct LoaderTests {
  let folder = TemporaryFolder()

  func tables(_ result: (tables: [(String, Table)], report: LoadReport)) -> [String: Table] {
    Dictionary(uniqueKeysWithValues: result.tables)
  }

  func writeMovieLens() {
    folder.write(
      "ratings.csv",
      "userId,movieId,rating,timestamp\n1,10,4.0,964982703\n1,20,3.5,964981247\n3,10,0.5,1147880044\n")
    folder.write(
      "movies.csv",
      """
      movieId,title,genres
      10,Toy Story (1995),Adventure|Animation
      20,"Story, The (2011)",(no genres listed)
      30,Untitled,Drama
      40,The Show (2004–2007),Comedy

      """)
    folder.write("tags.csv", "userId,movieId,tag,timestamp\n1,10,pixar,964982800\n")
  }

  @Test func loadsMovieLens() throws {
    writeMovieLens()
    let result = try MovieLensLoader.load(directory: folder.path, displayName: "ml")
    let t = tables(result)
    #expect(result.tables.map(\.0) == ["ratings", "plays", "titles", "tags", "members"])
    #expect(t["ratings"]!.names == ["member", "title", "rating", "at"])
    #expect(t["plays"]!.names == ["member", "title", "at", "completion"])
    #expect((0..<3).map { t["ratings"]!["rating"]!.value(at: $0) } == [.float(4), .float(3.5), .float(0.5)])
    #expect(t["plays"]!["at"]!.value(at: 2) == .time(1_147_880_044))
    #expect(t["plays"]!["completion"]!.value(at: 1) == .float(1))
    #expect((0..<2).map { t["members"]!["id"]!.value(at: $0) } == [.int(1), .int(3)])
    let titles = t["titles"]!
    #expect(titles.names == ["id", "name", "kind", "genres", "year"])
    #expect((0..<4).map { titles["name"]!.value(at: $0) } == ["Toy Story", "Story, The", "Untitled", "The Show"].map(Value.string))
    #expect((0..<4).map { titles["year"]!.value(at: $0) } == [.int(1995), .int(2011), .null, .int(2004)])
    #expect(titles["genres"]!.value(at: 1) == .list([]))
    #expect(titles["kind"]!.value(at: 3) == .string("movie"))
    #expect(t["tags"]!["tag"]!.value(at: 0) == .string("pixar"))
    #expect(
      result.report.lines(timed: false) == [
        "read ml/ratings.csv, ml/movies.csv, ml/tags.csv",
        "ratings: 3 rows × 4 columns (member: int, title: int, rating: float, at: time); member ← userId, title ← movieId, at ← timestamp (Unix seconds)",
        "plays: 3 rows × 4 columns (member: int, title: int, at: time, completion: float); one play per rating, completion = 1",
        "titles: 4 rows × 5 columns (id: int, name: string, kind: string, genres: list, year: int); id ← movieId, name and year from title, kind = movie",
        "tags: 1 row × 4 columns (member: int, title: int, tag: string, at: time); member ← userId, title ← movieId, at ← timestamp (Unix seconds)",
        "members: 2 rows × 1 column (id: int); id ← the distinct userId",
      ])
  }

  @Test func movieLensErrors() {
    #expect(throws: DataError.fileNotFound("ml/ratings.csv")) {
      try MovieLensLoader.load(directory: folder.path, displayName: "ml")
    }
    folder.write("ratings.csv", "userId,movieId,rating,timestamp\n1,10,4.0,964982703\nx1,20,3.5,964981247\n")
    #expect(throws: DataError.malformed("ml/ratings.csv", line: 3, "column 'userId': expected an integer, found 'x1'")) {
      try MovieLensLoader.load(directory: folder.path, displayName: "ml")
    }
    folder.write("ratings.csv", "userId,movieId,stars\n1,10,4.0\n")
    #expect(
      throws: DataError.malformed("ml/ratings.csv", line: 1, "expected a column 'rating' in the header, found userId, movieId, stars")
    ) {
      try MovieLensLoader.load(directory: folder.path, displayName: "ml")
    }
  }

  @Test func splitsYearsOffTitles() {
    #expect(MovieLensLoader.splitYear("Heat (1995)") == ("Heat", 1995))
    #expect(MovieLensLoader.splitYear("Babylon 5 ") == ("Babylon 5 ", nil))
    #expect(MovieLensLoader.splitYear("Se7en (a.k.a. Seven) (1995) ") == ("Se7en (a.k.a. Seven)", 1995))
    #expect(MovieLensLoader.splitYear("Cosmos (1980-)") == ("Cosmos", 1980))
    #expect(MovieLensLoader.splitYear("Year (12345)") == ("Year (12345)", nil))
  }

  /// Dense ids go through the bit set, sparse ones through the sort; both must give what a set
  /// gives, without the missing marker, at the extremes of the storage too.
  @Test func distinctIdsAreTheSortedSetOfValues() {
    var random = SeededRandom(seed: 11)
    let dense: [Int32] = (0..<5000).map { _ in Int32.random(in: -40...3000, using: &random) } + [.min, .min]
    let sparse: [Int32] = (0..<500).map { _ in Int32.random(in: (Int32.min + 1)...Int32.max, using: &random) } + [.min]
    let wide: [Int] = [Int.max, Int.min + 1, 0, Int.min, Int.max, -7]
    #expect(FileLoader.distinctAscending(dense, missing: .min) == Set(dense).subtracting([.min]).sorted())
    #expect(FileLoader.distinctAscending(sparse, missing: .min) == Set(sparse).subtracting([.min]).sorted())
    #expect(FileLoader.distinctAscending(wide, missing: .min) == [Int.min + 1, -7, 0, Int.max])
    #expect(FileLoader.distinctAscending([Int32.min], missing: .min) == [])
    #expect(FileLoader.distinctAscending([Int32](), missing: .min) == [])
    #expect(FileLoader.distinctAscending([Int32.max, Int32.max - 1], missing: .min) == [Int32.max - 1, Int32.max])
  }

  @Test func loadsATableWithAMap() throws {
    let path = folder.write("p.tsv", "userId\titemId\tts\n1\t7\t1700000000\n2\t8\t1700000060\n")
    let result = try FileLoader.load(
      table: "plays", path: path, displayName: "p.tsv", format: nil,
      map: [(to: "member", from: "userId"), (to: "title", from: "itemId"), (to: "at", from: "ts")])
    let plays = tables(result)["plays"]!
    #expect(plays.names == ["member", "title", "at"])
    #expect(plays.columns.map(\.type) == [.int, .int, .time])
    #expect(
      result.report.lines(timed: false) == [
        "read p.tsv", "plays: 2 rows × 3 columns (member: int, title: int, at: time); member ← userId, title ← itemId, at ← ts",
      ])
    #expect(
      throws: DataError(.mapSource(index: 1), file: "p.tsv", "unknown column 'itemID' in 'p.tsv'; did you mean 'itemId'?")
    ) {
      try FileLoader.load(
        table: "plays", path: path, displayName: "p.tsv", format: .tsv,
        map: [(to: "member", from: "userId"), (to: "title", from: "itemID")])
    }
  }

  /// ML-100K as GroupLens ships it: `u.data` tab-separated without a header, `u.item`
  /// `|`-separated in Latin-1 with 19 genre flags (the first, `unknown`, meaning none).
  @Test func loadsMovieLens100KAsShipped() throws {
    folder.write("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t242\t1\t878887116\n")
    let flags = { (on: Set<Int>) in (0..<19).map { on.contains($0) ? "1" : "0" }.joined(separator: "|") }
    var item = Array("242|Kolya (1996)|24-Jan-1997||http://x|\(flags([5]))\n".utf8)
    item += Array("302|L.A. Confidential (1997)|01-Jan-1997||http://y|\(flags([6, 10, 13, 16]))\n".utf8)
    item += Array("303|Caf".utf8) + [0xE9] + Array(" (1995)|01-Jan-1995||http://z|\(flags([0]))\n".utf8)
    folder.write("u.item", bytes: item)
    let t = tables(try MovieLensLoader.load(directory: folder.path, displayName: "ml-100k"))
    #expect(t["ratings"]!.count == 3)
    #expect(t["ratings"]!["rating"]!.value(at: 0) == .float(3))
    #expect(t["plays"]!["at"]!.value(at: 1) == .time(891_717_742))
    #expect(t["members"]!["id"]!.intValues == [22, 186, 196])
    let titles = t["titles"]!
    #expect(titles["name"]!.value(at: 1) == .string("L.A. Confidential"))
    #expect(titles["year"]!.value(at: 1) == .int(1997))
    #expect(titles["genres"]!.value(at: 1) == .list(["Crime", "Film-Noir", "Mystery", "Thriller"]))
    #expect(titles["name"]!.value(at: 2) == .string("Café"))
    #expect(titles["genres"]!.value(at: 2) == .list([]))
  }

  /// `u.user` and ML-1M's `users.dat` make `members` with their columns; ML-1M's age groups stay
  /// as written and its occupation codes become ML-100K's kind of names.
  @Test func usersFilesMakeTheMembers() throws {
    folder.write("u.data", "196\t242\t3\t881250949\n")
    folder.write("u.user", "1|24|M|technician|85711\n196|49|F|writer|55105\n")
    let hundredK = try MovieLensLoader.load(directory: folder.path, displayName: "ml-100k")
    let members = tables(hundredK)["members"]!
    #expect(members.names == ["id", "age", "gender", "occupation", "zip"])
    #expect(members["id"]!.intValues == [1, 196])
    #expect(members["age"]!.value(at: 1) == .int(49))
    #expect(members["occupation"]!.value(at: 0) == .string("technician"))
    #expect(members["zip"]!.value(at: 1) == .string("55105"))
    #expect(hundredK.report.tables.last?.mapped == ["one member per line of u.user"])
    #expect(hundredK.report.files == ["ml-100k/u.data", "ml-100k/u.user"])

    let oneM = folder.path + "/ml-1m"
    try FileManager.default.createDirectory(atPath: oneM, withIntermediateDirectories: true)
    try "1::1193::5::978300760\n".write(toFile: oneM + "/ratings.dat", atomically: true, encoding: .utf8)
    try "1::F::1::10::48067\n2::M::56::16::70072\n".write(toFile: oneM + "/users.dat", atomically: true, encoding: .utf8)
    let dat = tables(try MovieLensLoader.load(directory: oneM, displayName: "ml-1m"))["members"]!
    #expect(dat["gender"]!.value(at: 0) == .string("F"))
    #expect(dat["age"]!.value(at: 1) == .int(56))
    #expect(dat["occupation"]!.value(at: 0) == .string("K-12 student"))
    #expect(dat["occupation"]!.value(at: 1) == .string("self-employed"))

    try "1::1193\n".write(toFile: oneM + "/users.dat", atomically: true, encoding: .utf8)
    #expect(throws: DataError.malformed("ml-1m/users.dat", line: 1, "expected 5 fields beginning with a user id, found 2")) {
      try MovieLensLoader.load(directory: oneM, displayName: "ml-1m")
    }
  }

  /// ML-1M and ML-10M: `::`-separated `.dat` files, no header.
  @Test func loadsMovieLens1MAnd10MAsShipped() throws {
    folder.write("ratings.dat", "1::1193::5::978300760\n1::661::3.5::978302109\n2::1193::4::978298413\n")
    folder.write("movies.dat", "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n661::James and the Giant Peach (1996)::Animation|Children's|Musical\n")
    folder.write("tags.dat", "1::661::whimsical::1188263867\n")
    let result = try MovieLensLoader.load(directory: folder.path, displayName: "ml-10m")
    let t = tables(result)
    #expect(result.tables.map(\.0) == ["ratings", "plays", "titles", "tags", "members"])
    #expect(t["ratings"]!["rating"]!.value(at: 1) == .float(3.5))
    #expect(t["titles"]!["genres"]!.value(at: 1) == .list(["Animation", "Children's", "Musical"]))
    #expect(t["titles"]!["year"]!.value(at: 0) == .int(1975))
    #expect(t["tags"]!["tag"]!.value(at: 0) == .string("whimsical"))
    #expect(throws: DataError.fileNotFound("empty/ratings.csv")) {
      let empty = folder.path + "/empty"
      try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
      try MovieLensLoader.load(directory: empty, displayName: "empty")
    }
  }

  @Test func loadsRecBoleAtomicFiles() throws {
    let dir = folder.path + "/ml-tiny"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let write = { (name: String, text: String) in _ = folder.write("ml-tiny/" + name, text) }
    write(
      "ml-tiny.inter",
      "user_id:token\titem_id:token\trating:float\ttimestamp:float\n196\t242\t3\t881250949\n186\t302\t3.5\t891717742.5\n")
    write(
      "ml-tiny.item",
      "item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq\n242\tKolya\t1996\tComedy\n302\tL.A. Confidential\t1997\tCrime Film-Noir\n")
    write("ml-tiny.user", "user_id:token\tage:token\tgender:token\n196\t49\tM\n186\t39\tF\n")
    let result = try RecBoleLoader.load(directory: dir, displayName: "data/ml-tiny")
    let t = tables(result)
    #expect(result.tables.map(\.0) == ["plays", "ratings", "titles", "members"])
    #expect(t["plays"]!.names == ["member", "title", "at", "completion"])
    #expect(t["plays"]!["at"]!.value(at: 1) == .time(891_717_742))
    #expect(t["ratings"]!["rating"]!.value(at: 1) == .float(3.5))
    let titles = t["titles"]!
    #expect(titles.names == ["id", "name", "genres", "year"])
    #expect(titles["name"]!.value(at: 1) == .string("L.A. Confidential"))
    #expect(titles["genres"]!.value(at: 1) == .list(["Crime", "Film-Noir"]))
    #expect(titles["year"]!.value(at: 0) == .int(1996))
    #expect(t["members"]!.names == ["id", "age", "gender"])
    #expect(t["members"]!["gender"]!.value(at: 1) == .string("F"))
    #expect(t["members"]!["id"]!.type == .int)
    #expect(throws: DataError.fileNotFound("nowhere")) {
      try RecBoleLoader.load(directory: folder.path + "/nowhere", displayName: "nowhere")
    }
    // Found running the `datasets` fuzz target on a hand-written input (its corpus file
    // crash-recbole-user-id-twice): a `.user` file with both user_id and id made a members table
    // with two columns called id.
    write("ml-tiny.user", "user_id:token\tid:token\n196\t1\n")
    #expect(
      throws: DataError.malformed("data/ml-tiny/ml-tiny.user", line: 1, "cannot rename 'user_id' to 'id': 'id' is already a column")
    ) {
      try RecBoleLoader.load(directory: dir, displayName: "data/ml-tiny")
    }
  }

  /// Found by the `datasets` fuzz target (Tests/Fuzz/Corpus/datasets/crash-obd-empty-click): a
  /// `click` column that is not integers became an empty `played` column beside full ones, and the
  /// table's row-count precondition stopped the process.
  @Test func obdClicksThatAreNotNumbersAreAnError() throws {
    let dir = folder.path + "/all"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    folder.write("all/all.csv", ",timestamp,item_id,position,click,propensity_score\n0,2019-11-24 00:00:00,2,1,yes,0.33\n")
    #expect(throws: DataError.malformed("obd/all.csv", "'click' must be 0 or 1 in every row, found a string column")) {
      try OBDLoader.load(directory: dir, displayName: "obd")
    }
    folder.write("all/all.csv", ",timestamp,item_id,,click,propensity_score,u,\n,,,,,0,c,3")
    #expect(throws: DataError.self) { try OBDLoader.load(directory: dir, displayName: "obd") }
    folder.write("all/all.csv", ",timestamp,item_id,position,click,propensity_score\n0,2019-11-24 00:00:00,2,1,1,0.33\n")
    let impressions = try #require(tables(try OBDLoader.load(directory: dir, displayName: "obd"))["impressions"])
    #expect(impressions["played"]?.value(at: 0) == .bool(true))
  }

  @Test func canonicalSchemaFollowsKeys() {
    #expect(CanonicalSchema.tables.map(\.name) == [
      "titles", "members", "plays", "ratings", "impressions", "artworks", "searches", "pages",
    ])
    #expect(CanonicalSchema.table("plays")?.keys == ["member", "title", "at"])
    #expect(CanonicalSchema.table("titles")?.column("genres")?.type == .list)
    #expect(CanonicalSchema.reference(of: "clicked") == .init(column: "clicked", table: "titles", key: "id"))
    #expect(CanonicalSchema.reference(of: "rating") == nil)
  }

  /// The bench's `small` preset, generated by `gen_ml.py` (deterministic for its seed), gives
  /// exactly the checks `peers/reference.py` prints.
  @Test(.enabled(if: FileManager.default.fileExists(atPath: "/work/shared/bench/gen_ml.py")))
  func benchmarkLoadMatchesTheReferencePeer() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "/work/shared/bench/gen_ml.py", "--preset", "small", "--out", folder.path + "/small"]
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    let line = try LoadJob.run(directory: folder.path + "/small")
    let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
    let checks = json["checks"] as! [String: Any]
    let expected: [String: Int] = [
      "rows": 100836, "sum_userId": 26_908_979, "sum_movieId": 1_235_130_559, "sum_rating_x2": 712_676,
      "sum_timestamp": 118_703_690_636_663, "movies_rows": 9742, "movies_sum_movieId": 143_322_424,
      "title_utf8_bytes": 232_732, "titles_with_comma": 1035, "titles_with_quote": 98, "genre_tokens": 18733,
    ]
    for (key, value) in expected { #expect(checks[key] as? Int == value, "\(key)") }
    #expect(json["peer"] as? String == "rec")
    #expect((json["timings_s"] as! [String: Any])["load_s"] is Double)
    let ml = tables(try MovieLensLoader.load(directory: folder.path + "/small", displayName: "small"))
    #expect(ml["members"]!.count == 610)
    #expect(ml["titles"]!.count == 9742)
    #expect(ml["ratings"]!.byteSize == 100836 * 16)
  }
}
