/// `load movielens DIR`: the MovieLens layouts mapped onto the canonical schema — the CSV one
/// (ml-latest, ml-latest-small, 20M, 25M, 32M), described here (or its files as Parquet:
/// `ratings.parquet`, `movies.parquet`, `tags.parquet`), and those of ML-100K and
/// ML-1M / ML-10M (`MovieLensLoader+GroupLens.swift`), found by the ratings file the folder has.
///
/// - `ratings.csv` (userId, movieId, rating, timestamp) → `ratings` (member, title,
///   rating, at) and `plays` (member, title, at, completion = 1: a rating is also a
///   play); the two tables share their member, title and at arrays.
/// - `movies.csv` (movieId, title, genres) → `titles` (id, name, kind, genres, year):
///   the year comes off the end of the title, `(no genres listed)` is no genres.
/// - `tags.csv` (userId, movieId, tag, timestamp) → `tags`, when present.
/// - `members` (id) from the distinct users; with the users file of ML-100K (`u.user`) or ML-1M
///   (`users.dat`), its rows instead: id, age, gender, occupation, zip.
public enum MovieLensLoader {
  /// Loads the MovieLens files in `directory`; `displayName` is the folder as the user wrote it.
  /// - Throws: `DataError`, `.fileNotFound` naming `ratings.csv` when no ratings file is there.
  public static func load(
    directory: String, displayName: String, cancellation: Cancellation = .never
  ) throws(DataError) -> (tables: [(String, Table)], report: LoadReport) {
    let clock = ContinuousClock()
    let start = clock.now
    var report = LoadReport()
    var tables: [(String, Table)] = []
    let file = { (name: String) in FileLoader.join(displayName, name) }
    guard FileBytes.exists(directory) else { throw DataError.fileNotFound(displayName) }
    guard let layout = Layout(directory: directory) else {
      throw DataError.fileNotFound(file("ratings.csv"))
    }
    let ratingNames = ["userId", "movieId", "rating", "timestamp"]
    let ratingsFile = layout.hasHeader
      ? try read(
        directory, layout.ratingsFile, display: file(layout.ratingsFile), Self.ratingsColumns, cancellation: cancellation)
      : try readHeaderless(
        directory, layout.ratingsFile, display: file(layout.ratingsFile), names: ratingNames, Self.ratingsColumns,
        cancellation: cancellation)
    report.read(file(layout.ratingsFile))
    let member = ratingsFile["userId"]!
    let title = ratingsFile["movieId"]!
    let at = Column(type: .time, storage: ratingsFile["timestamp"]!.storage)
    let ratings = Table([("member", member), ("title", title), ("rating", ratingsFile["rating"]!), ("at", at)])
    let plays = Table([("member", member), ("title", title), ("at", at), ("completion", FileLoader.ones(at.count))])
    let members = FileLoader.distinctIds(member)
    report.made("ratings", ratings, mapped: ["member ← userId", "title ← movieId", "at ← timestamp (Unix seconds)"])
    report.made("plays", plays, mapped: ["one play per rating, completion = 1"])
    tables += [("ratings", ratings), ("plays", plays)]

    if FileBytes.exists(FileLoader.join(directory, layout.moviesFile)) {
      let movies = layout.hasHeader
        ? try read(
          directory, layout.moviesFile, display: file(layout.moviesFile), Self.moviesColumns, cancellation: cancellation)
        : try readMovies(directory, layout: layout, display: file(layout.moviesFile), cancellation: cancellation)
      report.read(file(layout.moviesFile))
      let titles = titlesTable(movies)
      report.made("titles", titles, mapped: ["id ← movieId", "name and year from title", "kind = movie"])
      tables.append(("titles", titles))
    } else {
      report.note("no \(layout.moviesFile): no titles table")
    }
    if let tagsFile = layout.tagsFile, FileBytes.exists(FileLoader.join(directory, tagsFile)) {
      let raw = layout.hasHeader
        ? try read(directory, tagsFile, display: file(tagsFile), Self.tagsColumns, cancellation: cancellation)
        : try readHeaderless(
          directory, tagsFile, display: file(tagsFile), names: ["userId", "movieId", "tag", "timestamp"],
          Self.tagsColumns, cancellation: cancellation)
      report.read(file(tagsFile))
      let tags = Table([
        ("member", raw["userId"]!), ("title", raw["movieId"]!), ("tag", raw["tag"]!),
        ("at", Column(type: .time, storage: raw["timestamp"]!.storage)),
      ])
      report.made("tags", tags, mapped: ["member ← userId", "title ← movieId", "at ← timestamp (Unix seconds)"])
      tables.append(("tags", tags))
    }
    if let usersFile = layout.usersFile, FileBytes.exists(FileLoader.join(directory, usersFile)) {
      let users = try readUsers(directory, layout: layout, display: file(usersFile), cancellation: cancellation)
      report.read(file(usersFile))
      report.made("members", users, mapped: ["one member per line of \(usersFile)"])
      tables.append(("members", users))
    } else {
      report.made("members", members, mapped: ["id ← the distinct userId"])
      tables.append(("members", members))
    }
    report.elapsedSeconds = (clock.now - start).inSeconds
    return (tables, report)
  }

  /// The tables a load makes and their columns, fixed by the mapping onto the canonical schema
  /// (`titles` and `tags` only when their files are there); `members` gains columns from a
  /// users file, so its columns are known only once the folder is read.
  package static let schemas: [(name: String, schema: Schema?)] = [
    ("ratings", Schema([("member", .int), ("title", .int), ("rating", .float), ("at", .time)])),
    ("plays", Schema([("member", .int), ("title", .int), ("at", .time), ("completion", .float)])),
    ("titles", Schema([("id", .int), ("name", .string), ("kind", .string), ("genres", .list), ("year", .int)])),
    ("tags", Schema([("member", .int), ("title", .int), ("tag", .string), ("at", .time)])),
    ("members", nil),
  ]

  static let ratingsColumns: [String: CSVReader.ColumnSpec] = [
    "userId": .fixed(.int), "movieId": .fixed(.int), "rating": .fixed(.float), "timestamp": .fixed(.int),
  ]
  static let moviesColumns: [String: CSVReader.ColumnSpec] = [
    "movieId": .fixed(.int), "title": .fixed(.string), "genres": .list(separator: UInt8(ascii: "|")),
  ]
  static let tagsColumns: [String: CSVReader.ColumnSpec] = [
    "userId": .fixed(.int), "movieId": .fixed(.int), "tag": .fixed(.string), "timestamp": .fixed(.int),
  ]

  /// Reads `directory/name` (CSV, or Parquet by its extension) with the columns in `declared`
  /// typed; each must be in the header.
  static func read(
    _ directory: String, _ name: String, display: String, _ declared: [String: CSVReader.ColumnSpec],
    cancellation: Cancellation = .never
  ) throws(DataError) -> Table {
    if FileFormat(path: name) == .parquet {
      return try readParquet(FileLoader.join(directory, name), display: display, declared, cancellation: cancellation)
    }
    let bytes = try FileBytes(path: FileLoader.join(directory, name), displayName: display, cancellation: cancellation)
    var reader = CSVReader(format: .csv)
    reader.declared = declared
    reader.cancellation = cancellation
    let table = try withExtendedLifetime(bytes) { () throws(DataError) in try reader.read(bytes.buffer, file: display) }
    let missing = declared.keys.filter { table.index(of: $0) == nil }.sorted()
    if let first = missing.first {
      throw DataError.malformed(
        display, line: 1, "expected a column '\(first)' in the header, found \(table.names.joined(separator: ", "))")
    }
    return table
  }

  /// A Parquet file of the CSV layout's columns: a Parquet column has its type already, which
  /// must be the declared one (an integer column for a float is widened).
  private static func readParquet(
    _ path: String, display: String, _ declared: [String: CSVReader.ColumnSpec], cancellation: Cancellation
  ) throws(DataError) -> Table {
    var table = try TableReader.read(path: path, displayName: display, format: .parquet, cancellation: cancellation)
    for (name, spec) in declared.sorted(by: { $0.key < $1.key }) {
      guard let column = table[name] else {
        throw DataError.malformed(display, "expected a column '\(name)', found \(table.names.joined(separator: ", "))")
      }
      let fits: Bool
      switch (spec, column.storage) {
      case (.fixed(.int), .int32), (.fixed(.int), .int64), (.fixed(.float), .float32), (.fixed(.float), .float64),
        (.fixed(.string), .string), (.list, .list):
        fits = true
      case (.fixed(.float), .int32), (.fixed(.float), .int64):
        table.set(name, column.cast(to: .float).column)
        fits = true
      default:
        fits = false
      }
      guard fits else {
        let wanted = if case .list = spec { "list" } else if case .fixed(let kind) = spec { "\(kind)" } else { "\(spec)" }
        throw DataError.malformed(display, "column '\(name)' is \(column.type) where MovieLens has \(wanted)")
      }
    }
    return table
  }

  /// `titles` from `movies.csv`: the name without its trailing `(1995)`, the year, the
  /// genres without the `(no genres listed)` marker.
  static func titlesTable(_ movies: Table) -> Table {
    let title = movies["title"]!
    var names: [Value] = []
    var years: [Int] = []
    names.reserveCapacity(title.count)
    years.reserveCapacity(title.count)
    for i in 0..<title.count {
      guard case .string(let text) = title.value(at: i) else {
        names.append(.null)
        years.append(Int.min)
        continue
      }
      let (name, year) = splitYear(text)
      names.append(.string(name))
      years.append(year ?? Int.min)
    }
    let kind = Column(
      type: .string, storage: .string([Int32](repeating: 0, count: title.count), StringDictionary(["movie"])))
    return Table([
      ("id", movies["movieId"]!), ("name", Column(type: .string, values: names)), ("kind", kind),
      ("genres", dropping("(no genres listed)", from: movies["genres"]!)), ("year", Column(type: .int, ints: years)),
    ])
  }

  /// `Heat (1995)` → (`Heat`, 1995); `Show (2004–2007)` → (`Show`, 2004); no year → nil.
  static func splitYear(_ title: String) -> (name: String, year: Int?) {
    let trimmed = title.utf8.reversed().prefix { $0 == 0x20 }.count
    let u = Array(title.utf8.dropLast(trimmed))
    guard u.last == UInt8(ascii: ")"), let open = u.lastIndex(of: UInt8(ascii: "(")), u.count - open >= 6 else {
      return (title, nil)
    }
    let inside = u[(open + 1)..<(u.count - 1)]
    let digits = inside.prefix { $0 &- 48 < 10 }
    let rest = inside.dropFirst(digits.count)
    let isRange = rest.isEmpty || rest.first == UInt8(ascii: "-") || Array(rest.prefix(3)) == Array("–".utf8)
    guard digits.count == 4, isRange else { return (title, nil) }
    let year = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
    var end = open
    while end > 0, u[end - 1] == 0x20 { end -= 1 }
    return (String(decoding: u[..<end], as: UTF8.self), year)
  }

  /// A list column without the item `marker` in any row.
  static func dropping(_ marker: String, from column: Column) -> Column {
    guard case .list(let offsets, let codes, let dict) = column.storage, let drop = dict.code(of: marker) else {
      return column
    }
    var newOffsets: [Int32] = [0]
    var newCodes: [Int32] = []
    newOffsets.reserveCapacity(offsets.count)
    newCodes.reserveCapacity(codes.count)
    for row in 0..<(offsets.count - 1) {
      for c in codes[Int(offsets[row])..<Int(offsets[row + 1])] where c != drop { newCodes.append(c) }
      newOffsets.append(Int32(newCodes.count))
    }
    return Column(type: .list, storage: .list(offsets: newOffsets, codes: newCodes, dict))
  }
}
