/// `load recbole DIR`: RecBole atomic files mapped onto the canonical schema.
///
/// The files are `DIR/NAME.inter`, `.item` and `.user`, where NAME is the folder's name
/// (RecBole's convention: `ml-100k/ml-100k.inter`). They are tab-separated with a typed
/// header, `user_id:token	item_id:token	rating:float	timestamp:float`; `token` columns
/// are integers when every token is one, else strings; `token_seq` and `float_seq` are
/// space-separated lists; `float` columns are numbers.
///
/// - `.inter` → `plays` (member ← user_id, title ← item_id, at ← timestamp, the other
///   columns but rating, completion = 1) and, when it has a rating, `ratings`.
/// - `.item` → `titles` (id ← item_id, name ← movie_title or title, genres ← genre or
///   class, year ← release_year; other columns kept).
/// - `.user` → `members` (id ← user_id; other columns kept); without one, `members` holds
///   the distinct users of `.inter`.
public enum RecBoleLoader {
  /// Loads the atomic files in `directory`; `displayName` is the folder as the user wrote it.
  /// - Throws: `DataError`, `.fileNotFound` naming `NAME.inter` when it is missing.
  public static func load(
    directory: String, displayName: String, cancellation: Cancellation = .never
  ) throws(DataError) -> (tables: [(String, Table)], report: LoadReport) {
    let clock = ContinuousClock()
    let start = clock.now
    guard FileBytes.exists(directory) else { throw DataError.fileNotFound(displayName) }
    let name = String(directory.split(separator: "/").last ?? "")
    var report = LoadReport()
    var tables: [(String, Table)] = []

    let interFile = FileLoader.join(displayName, "\(name).inter")
    let inter = try read(FileLoader.join(directory, "\(name).inter"), display: interFile, cancellation: cancellation)
    report.read(interFile)
    guard let member = inter["user_id"], let title = inter["item_id"] else {
      throw DataError.malformed(interFile, line: 1, "expected the columns user_id and item_id in the header")
    }
    let at = try inter["timestamp"].map { (c) throws(DataError) in
      try FileLoader.wholeSeconds(c, file: interFile, name: "timestamp")
    }
    var plays = Table([("member", member), ("title", title)])
    var mapped = ["member ← user_id", "title ← item_id"]
    if let at {
      plays.set("at", at)
      mapped.append("at ← timestamp")
    }
    for (column, values) in zip(inter.names, inter.columns)
    where !["user_id", "item_id", "timestamp", "rating"].contains(column) {
      plays.set(column, values)
    }
    if plays["completion"] == nil {
      plays.set("completion", FileLoader.ones(plays.count))
      mapped.append("completion = 1")
    }
    report.made("plays", plays, mapped: mapped)
    tables.append(("plays", plays))
    if let rating = inter["rating"] {
      var ratings = Table([("member", member), ("title", title)])
      if let at { ratings.set("at", at) }
      ratings.set("rating", rating)
      report.made("ratings", ratings, mapped: mapped.dropLast())
      tables.append(("ratings", ratings))
    }

    let itemPath = FileLoader.join(directory, "\(name).item")
    if FileBytes.exists(itemPath) {
      let itemFile = FileLoader.join(displayName, "\(name).item")
      var titles = try read(itemPath, display: itemFile)
      report.read(itemFile)
      var mapped: [String] = []
      for (to, sources) in [("id", ["item_id"]), ("name", ["movie_title", "title"]), ("genres", ["genre", "class"])] {
        if let from = sources.first(where: { titles.index(of: $0) != nil }), from != to, titles.index(of: to) == nil {
          titles.rename(from, to: to)
          mapped.append("\(to) ← \(from)")
        }
      }
      // RecBole types titles as `token_seq` (words split on spaces); a name is one string.
      if let name = titles["name"], case .list = name.storage {
        titles.set("name", spaced(name))
      }
      if let year = titles["release_year"] {
        titles.remove("release_year")
        var years = wholeNumbers(year)
        if let (numbers, repair) = MostlyNumbers.repair(years, named: "year") {
          years = numbers
          report.warn(repair.map { [$0] } ?? [], in: "titles")
        }
        titles.set("year", years)
        mapped.append("year ← release_year")
      }
      report.made("titles", titles, mapped: mapped)
      tables.append(("titles", titles))
    }

    let userPath = FileLoader.join(directory, "\(name).user")
    if FileBytes.exists(userPath) {
      let userFile = FileLoader.join(displayName, "\(name).user")
      var members = try read(userPath, display: userFile)
      report.read(userFile)
      if members.index(of: "user_id") != nil, members.index(of: "id") != nil {
        throw DataError.malformed(userFile, line: 1, "cannot rename 'user_id' to 'id': 'id' is already a column")
      }
      members.rename("user_id", to: "id")
      report.made("members", members, mapped: ["id ← user_id"])
      tables.append(("members", members))
    } else {
      let members = FileLoader.distinctIds(member)
      report.made("members", members, mapped: ["id ← the distinct user_id"])
      tables.append(("members", members))
    }
    report.elapsedSeconds = (clock.now - start).inSeconds
    return (tables, report)
  }

  /// Reads one atomic file, typing its columns by the header's `name:type` and naming
  /// them without the type.
  static func read(_ path: String, display: String, cancellation: Cancellation = .never) throws(DataError) -> Table {
    let bytes = try FileBytes(path: path, displayName: display, cancellation: cancellation)
    return try withExtendedLifetime(bytes) { () throws(DataError) -> Table in
      let headerEnd = bytes.buffer.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.buffer.count
      let header = String(decoding: bytes.buffer[..<headerEnd], as: UTF8.self)
      var reader = CSVReader(format: .tsv)
      reader.cancellation = cancellation
      var names: [(typed: String, plain: String)] = []
      for field in header.split(separator: "\t", omittingEmptySubsequences: false) {
        let field = field.hasSuffix("\r") ? field.dropLast() : field
        let parts = field.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let spec = spec(for: parts[1]) else {
          throw DataError.malformed(
            display, line: 1, "expected 'name:type' (token, token_seq, float, float_seq) in the header, found '\(field)'")
        }
        guard !names.contains(where: { $0.plain == parts[0] }) else {
          throw DataError.malformed(display, line: 1, "column '\(parts[0])' appears twice in the header")
        }
        reader.declared[String(field)] = spec
        names.append((String(field), String(parts[0])))
      }
      var table = try reader.read(bytes.buffer, file: display)
      for (typed, plain) in names { table.rename(typed, to: plain) }
      return table
    }
  }

  private static func spec(for type: Substring) -> CSVReader.ColumnSpec? {
    switch type {
    case "token": .token
    case "float": .fixed(.float)
    case "token_seq", "float_seq": .list(separator: UInt8(ascii: " "))
    default: nil
    }
  }

  /// An int column from a float or int column (`release_year:float`); others unchanged.
  static func wholeNumbers(_ column: Column) -> Column {
    switch column.storage {
    case .float32, .float64:
      Column(type: .int, ints: (0..<column.count).map { i in
        column.double(at: i).flatMap { Int(exactly: $0.rounded(.down)) } ?? Int.min
      })
    default: column
    }
  }

  /// A list column joined back into one string per row, words separated by spaces.
  static func spaced(_ column: Column) -> Column {
    Column(type: .string, values: (0..<column.count).map { i in
      if case .list(let words) = column.value(at: i) { .string(words.joined(separator: " ")) } else { .null }
    })
  }
}
