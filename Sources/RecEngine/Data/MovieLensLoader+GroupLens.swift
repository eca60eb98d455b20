/// The layouts GroupLens ships besides the CSV one: ML-100K (`u.data` tab-separated with no
/// header, `u.item` `|`-separated in Latin-1 with 19 genre flags, `u.genre`, `u.user`) and ML-1M /
/// ML-10M (`ratings.dat`, `movies.dat`, `tags.dat`, ML-1M's `users.dat`, fields separated by `::`).
extension MovieLensLoader {
  /// Which files a MovieLens folder holds.
  enum Layout {
    /// `ratings.csv`, `movies.csv`, `tags.csv` (ml-latest, 20M, 25M, 32M).
    case csv
    /// The same files as Parquet: `ratings.parquet`, `movies.parquet`, `tags.parquet`.
    case parquet
    /// `u.data`, `u.item` (ML-100K).
    case hundredK
    /// `ratings.dat`, `movies.dat`, `tags.dat` (ML-1M, ML-10M).
    case dat

    /// The layout of `directory`: by the ratings file it has; nil when it has none.
    init?(directory: String) {
      if FileBytes.exists(FileLoader.join(directory, "ratings.csv")) {
        self = .csv
      } else if FileBytes.exists(FileLoader.join(directory, "ratings.parquet")) {
        self = .parquet
      } else if FileBytes.exists(FileLoader.join(directory, "u.data")) {
        self = .hundredK
      } else if FileBytes.exists(FileLoader.join(directory, "ratings.dat")) {
        self = .dat
      } else {
        return nil
      }
    }

    /// Whether the files name their columns (CSV and Parquet), so that `read` reads them.
    var hasHeader: Bool { self == .csv || self == .parquet }

    var ratingsFile: String {
      switch self {
      case .csv: "ratings.csv"
      case .parquet: "ratings.parquet"
      case .hundredK: "u.data"
      case .dat: "ratings.dat"
      }
    }

    var moviesFile: String {
      switch self {
      case .csv: "movies.csv"
      case .parquet: "movies.parquet"
      case .hundredK: "u.item"
      case .dat: "movies.dat"
      }
    }

    /// The file describing the users, where the layout has one (ML-10M and the CSV ones have none).
    var usersFile: String? {
      switch self {
      case .csv, .parquet: nil
      case .hundredK: "u.user"
      case .dat: "users.dat"
      }
    }

    var tagsFile: String? {
      switch self {
      case .csv: "tags.csv"
      case .parquet: "tags.parquet"
      case .hundredK: nil
      case .dat: "tags.dat"
      }
    }
  }

  /// The ML-100K genre flags' names, in the order of `u.item`'s last 19 fields (what `u.genre`
  /// lists); `unknown` marks a film with no genre.
  static let hundredKGenres = [
    "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
    "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
  ]

  /// A headerless file of `layout` read as if it had the CSV layout's header `names`: its `::`
  /// separators (or tabs) become tabs, and the declared columns are typed.
  static func readHeaderless(
    _ directory: String, _ name: String, display: String, names: [String], _ declared: [String: CSVReader.ColumnSpec],
    cancellation: Cancellation
  ) throws(DataError) -> Table {
    let file = try FileBytes(path: FileLoader.join(directory, name), displayName: display, cancellation: cancellation)
    var bytes = Array((names.joined(separator: "\t") + "\n").utf8)
    bytes.reserveCapacity(bytes.count + file.buffer.count)
    var i = 0
    let source = file.buffer
    while i < source.count {
      if source[i] == UInt8(ascii: ":"), i + 1 < source.count, source[i + 1] == UInt8(ascii: ":") {
        bytes.append(UInt8(ascii: "\t"))
        i += 2
      } else {
        bytes.append(source[i])
        i += 1
      }
    }
    var reader = CSVReader(format: .tsv)
    reader.declared = declared
    reader.cancellation = cancellation
    return try bytes.withUnsafeBufferPointer { buffer throws(DataError) in try reader.read(buffer, file: display) }
  }

  /// `movies.dat` or `u.item` as the CSV layout's `movies` table (movieId, title, genres): one
  /// line per film, its fields split on `separator`; text in UTF-8, or else Latin-1 (as ML-100K
  /// and ML-1M are written).
  static func readMovies(
    _ directory: String, layout: Layout, display: String, cancellation: Cancellation
  ) throws(DataError) -> Table {
    var ids: [Int] = []
    var titles: [Value] = []
    var genres: [Value] = []
    try forEachLine(of: layout.moviesFile, in: directory, layout: layout, display: display, cancellation: cancellation) {
      lineNumber, fields throws(DataError) in
      let wanted = layout == .hundredK ? 5 + hundredKGenres.count : 3
      guard fields.count == wanted, let id = Int(text(fields[0])) else {
        throw DataError.malformed(
          display, line: lineNumber, "expected \(wanted) fields beginning with a movie id, found \(fields.count)")
      }
      ids.append(id)
      titles.append(.string(text(fields[1])))
      if layout == .hundredK {
        let flags = fields.suffix(hundredKGenres.count)
        let named = zip(hundredKGenres, flags).filter { $0.0 != "unknown" && text($0.1) == "1" }.map(\.0)
        genres.append(.list(named))
      } else {
        let list = text(fields[2]).split(separator: "|").map(String.init).filter { $0 != "(no genres listed)" }
        genres.append(.list(list))
      }
    }
    return Table([
      ("movieId", Column(type: .int, ints: ids)), ("title", Column(type: .string, values: titles)),
      ("genres", Column(type: .list, values: genres)),
    ])
  }

  /// ML-1M's occupation codes (its README), so that both layouts name occupations as ML-100K does.
  static let occupations = [
    "other", "academic/educator", "artist", "clerical/admin", "college/grad student", "customer service",
    "doctor/health care", "executive/managerial", "farmer", "homemaker", "K-12 student", "lawyer", "programmer",
    "retired", "sales/marketing", "scientist", "self-employed", "technician/engineer", "tradesman/craftsman",
    "unemployed", "writer",
  ]

  /// `u.user` (`id|age|gender|occupation|zip`) or `users.dat` (`id::gender::age::occupation::zip`,
  /// the age the lower bound of its group, the occupation a code) as `members`: id, age, gender,
  /// occupation, zip.
  static func readUsers(
    _ directory: String, layout: Layout, display: String, cancellation: Cancellation
  ) throws(DataError) -> Table {
    guard let name = layout.usersFile else { return Table([]) }
    var ids: [Int] = []
    var ages: [Value] = []
    var genders: [Value] = []
    var jobs: [Value] = []
    var zips: [Value] = []
    try forEachLine(of: name, in: directory, layout: layout, display: display, cancellation: cancellation) {
      lineNumber, fields throws(DataError) in
      guard fields.count == 5, let id = Int(text(fields[0])) else {
        throw DataError.malformed(display, line: lineNumber, "expected 5 fields beginning with a user id, found \(fields.count)")
      }
      let (age, gender) = layout == .hundredK ? (fields[1], fields[2]) : (fields[2], fields[1])
      ids.append(id)
      ages.append(Int(text(age)).map(Value.int) ?? .null)
      genders.append(.string(text(gender)))
      let job = text(fields[3])
      if layout == .dat, let code = Int(job), occupations.indices.contains(code) {
        jobs.append(.string(occupations[code]))
      } else {
        jobs.append(.string(job))
      }
      zips.append(.string(text(fields[4])))
    }
    return Table([
      ("id", Column(type: .int, ints: ids)), ("age", Column(type: .int, values: ages)),
      ("gender", Column(type: .string, values: genders)), ("occupation", Column(type: .string, values: jobs)),
      ("zip", Column(type: .string, values: zips)),
    ])
  }

  /// Calls `body` with each non-empty line of `directory/name` (its number from 1, its fields cut
  /// on the layout's separator: `|` for ML-100K, `::` for the `.dat` files), a CR before the line
  /// break dropped; Ctrl-C is looked at every 4,096 lines.
  private static func forEachLine(
    of name: String, in directory: String, layout: Layout, display: String, cancellation: Cancellation,
    _ body: (Int, [ArraySlice<UInt8>]) throws(DataError) -> Void
  ) throws(DataError) {
    let file = try FileBytes(path: FileLoader.join(directory, name), displayName: display, cancellation: cancellation)
    let separator = layout == .hundredK ? [UInt8(ascii: "|")] : Array("::".utf8)
    var lineNumber = 0
    for line in Array(file.buffer).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      let bytes = line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...]
      if bytes.isEmpty { continue }
      try body(lineNumber, split(bytes, on: separator))
      if lineNumber % 4096 == 0 && cancellation.isCancelled { throw DataError.interrupted(display) }
    }
  }

  /// `bytes` cut at every occurrence of `separator`.
  private static func split(_ bytes: ArraySlice<UInt8>, on separator: [UInt8]) -> [ArraySlice<UInt8>] {
    var fields: [ArraySlice<UInt8>] = []
    var start = bytes.startIndex
    var i = bytes.startIndex
    while i + separator.count <= bytes.endIndex {
      if bytes[i..<(i + separator.count)].elementsEqual(separator) {
        fields.append(bytes[start..<i])
        i += separator.count
        start = i
      } else {
        i += 1
      }
    }
    fields.append(bytes[start..<bytes.endIndex])
    return fields
  }

  /// `bytes` as text: UTF-8 when they are, else Latin-1 (each byte its own character).
  private static func text(_ bytes: ArraySlice<UInt8>) -> String {
    if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
    return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
  }
}
