/// Job LOAD of the peer benchmark (`bench/README.md`): reads `ratings.csv` and
/// `movies.csv` of a MovieLens-shaped folder with declared types (userId and movieId
/// integers, rating float, timestamp integer, title and genres strings), times each, then
/// computes the checks every peer reports. Returns the one JSON line a peer prints.
/// `rec bench load DIR` prints it.
public func benchmarkLoad(directory: String) throws -> String {
  let clock = ContinuousClock()
  var start = clock.now
  let ratings = try MovieLensLoader.read(
    directory, "ratings.csv", display: FileLoader.join(directory, "ratings.csv"), MovieLensLoader.ratingsColumns)
  let ratingsSeconds = (clock.now - start).inSeconds
  start = clock.now
  let movies = try MovieLensLoader.read(
    directory, "movies.csv", display: FileLoader.join(directory, "movies.csv"),
    ["movieId": .fixed(.int), "title": .fixed(.string), "genres": .fixed(.string)])
  let moviesSeconds = (clock.now - start).inSeconds

  let ratingSum = floatSum(ratings["rating"]!)
  var titleBytes = 0
  var commas = 0
  var quotes = 0
  var genreTokens = 0
  let title = movies["title"]!
  let genres = movies["genres"]!
  for i in 0..<movies.count {
    if case .string(let t) = title.value(at: i) {
      titleBytes += t.utf8.count
      if t.utf8.contains(UInt8(ascii: ",")) { commas += 1 }
      if t.utf8.contains(UInt8(ascii: "\"")) { quotes += 1 }
    }
    let g = genres.value(at: i)
    genreTokens += 1 + (g == .null ? 0 : (BenchmarkJSON.text(g).utf8.filter { $0 == UInt8(ascii: "|") }.count))
  }
  let dtypes = ratings.names.map { name in
    (name, BenchmarkJSON.string(BenchmarkJSON.storageName(ratings[name]!.storage)))
  }
  let checks: [(String, String)] = [
    ("rows", String(ratings.count)),
    ("sum_userId", String(integerSum(ratings["userId"]!))),
    ("sum_movieId", String(integerSum(ratings["movieId"]!))),
    ("sum_rating_x2", String(Int((ratingSum * 2).rounded()))),
    ("sum_timestamp", String(integerSum(ratings["timestamp"]!))),
    ("dtypes", BenchmarkJSON.object(dtypes)),
    ("movies_rows", String(movies.count)),
    ("movies_sum_movieId", String(integerSum(movies["movieId"]!))),
    ("title_utf8_bytes", String(titleBytes)),
    ("titles_with_comma", String(commas)),
    ("titles_with_quote", String(quotes)),
    ("genre_tokens", String(genreTokens)),
  ]
  let timings: [(String, String)] = [
    ("load_ratings_s", BenchmarkJSON.number(ratingsSeconds)),
    ("load_movies_s", BenchmarkJSON.number(moviesSeconds)),
    ("load_s", BenchmarkJSON.number(ratingsSeconds + moviesSeconds)),
  ]
  let rssAfterLoad = ProcessUsage.residentMiB()
  let folder = directory.split(separator: "/").last.map(String.init) ?? directory
  return withExtendedLifetime((ratings, movies)) {
    BenchmarkJSON.object([
      ("peer", BenchmarkJSON.string("rec")),
      ("job", BenchmarkJSON.string("load")),
      ("data", BenchmarkJSON.string(folder)),
      ("timings_s", BenchmarkJSON.object(timings)),
      ("peak_rss_mib", BenchmarkJSON.number(ProcessUsage.peakResidentMiB(), places: 1)),
      ("process_s", BenchmarkJSON.number(ProcessUsage.processSeconds())),
      ("checks", BenchmarkJSON.object(checks)),
      ("metrics", "{}"),
      ("versions", BenchmarkJSON.object([("rec", BenchmarkJSON.string("0.1")), ("threads", "2")])),
      ("rss_after_load_mib", BenchmarkJSON.number(rssAfterLoad, places: 1)),
      // Beside the checks, not among them: the peers compare checks for equality.
      ("store_bytes_per_rating", BenchmarkJSON.number(Double(ratings.byteSize) / Double(max(1, ratings.count)))),
    ])
  }
}

/// The small pieces of JSON and process accounting the benchmark line needs.
enum BenchmarkJSON {
  static func object(_ members: [(String, String)]) -> String {
    "{" + members.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
  }

  static func string(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      if c == "\"" || c == "\\" { out += "\\" }
      out.unicodeScalars.append(c)
    }
    return out + "\""
  }

  /// `v` rounded to `places` decimals, as Python's `round` then `json.dumps` would print it.
  static func number(_ v: Double, places: Int = 6) -> String {
    let scale = (0..<places).reduce(1.0) { acc, _ in acc * 10 }
    return ((v * scale).rounded() / scale).description
  }

  static func text(_ v: Value) -> String {
    if case .string(let s) = v { return s }
    return ""
  }

  /// The numpy/Arrow name of a column's physical type.
  static func storageName(_ s: Column.Storage) -> String {
    switch s {
    case .int32: "int32"
    case .int64: "int64"
    case .float32: "float"
    case .float64: "double"
    case .bool: "bool"
    case .string, .list: "string"
    }
  }
}

/// The sum of an integer column's present values, read straight from its storage (the
/// checks are part of the timed process, as the peers' vectorised sums are of theirs).
private func integerSum(_ c: Column) -> Int {
  switch c.storage {
  case .int32(let a): a.reduce(0) { $1 == Int32.min ? $0 : $0 &+ Int($1) }
  case .int64(let a): a.reduce(0) { $1 == Int.min ? $0 : $0 &+ $1 }
  default: (0..<c.count).reduce(0) { $0 &+ (c.int(at: $1) ?? 0) }
  }
}

/// The sum of a float column's present values, in double precision.
private func floatSum(_ c: Column) -> Double {
  switch c.storage {
  case .float32(let a): a.reduce(0.0) { $1.isNaN ? $0 : $0 + Double($1) }
  case .float64(let a): a.reduce(0.0) { $1.isNaN ? $0 : $0 + $1 }
  default: (0..<c.count).reduce(0.0) { $0 + (c.double(at: $1) ?? 0) }
  }
}
