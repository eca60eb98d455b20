import RecCore
import RecEngine

/// Job LOAD of the peer benchmark (`bench/README.md`): the statement `load movielens "DIR"`,
/// which reads `ratings.csv` and `movies.csv` with their columns' types declared (as the job
/// asks), timed; then the checks every peer reports, computed from what it loaded — the
/// ratings' sums from `ratings`, the movies' from `movies.csv` read again, untimed, as a table
/// of its own (`titles` keeps each title without its year). Returns the one JSON line a peer
/// prints; `rec bench load DIR` prints it.
public enum LoadJob {
  public static func run(directory: String) throws(Diagnostic) -> String {
    let bench = TimedSession()
    let load = try bench.run("load movielens \(BenchmarkScripts.quoted(directory))")
    guard let ratings = bench.table("ratings") else {
      throw Diagnostic(.dataError("the benchmark's tables were not made"), at: nil)
    }
    let rssAfterLoad = ProcessUsage.residentMiB()
    try bench.run("load table movies from \(BenchmarkScripts.quoted(directory + "/movies.csv"))")
    guard let movies = bench.table("movies") else {
      throw Diagnostic(.dataError("the benchmark's tables were not made"), at: nil)
    }
    var titleBytes = 0
    var commas = 0
    var quotes = 0
    var genreTokens = 0
    if let title = movies["title"], let genres = movies["genres"] {
      for i in 0..<movies.count {
        if case .string(let t) = title.value(at: i) {
          titleBytes += t.utf8.count
          if t.utf8.contains(UInt8(ascii: ",")) { commas += 1 }
          if t.utf8.contains(UInt8(ascii: "\"")) { quotes += 1 }
        }
        switch genres.value(at: i) {
        case .list(let items): genreTokens += max(1, items.count)
        case .string(let text): genreTokens += 1 + text.utf8.filter { $0 == UInt8(ascii: "|") }.count
        default: genreTokens += 1
        }
      }
    }
    let dtypes = zip(ratings.names, ratings.columns).map { name, column in
      (name, BenchmarkJSON.string(BenchmarkJSON.storageName(column.storage)))
    }
    let checks: [(String, String)] = [
      ("rows", String(ratings.count)),
      ("sum_userId", String(integerSum(ratings["member"]))),
      ("sum_movieId", String(integerSum(ratings["title"]))),
      ("sum_rating_x2", String(Int((floatSum(ratings["rating"]) * 2).rounded()))),
      ("sum_timestamp", String(integerSum(ratings["at"]))),
      ("dtypes", BenchmarkJSON.object(dtypes)),
      ("movies_rows", String(movies.count)),
      ("movies_sum_movieId", String(integerSum(movies["movieId"]))),
      ("title_utf8_bytes", String(titleBytes)),
      ("titles_with_comma", String(commas)),
      ("titles_with_quote", String(quotes)),
      ("genre_tokens", String(genreTokens)),
    ]
    let timings: [(String, String)] = [
      ("load_s", BenchmarkJSON.number(load.wall)), ("load_cpu_s", BenchmarkJSON.number(load.cpu)),
    ]
    let folder = directory.split(separator: "/").last.map(String.init) ?? directory
    return BenchmarkJSON.object([
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

  /// The sum of an integer column's present values.
  private static func integerSum(_ c: Column?) -> Int {
    guard let c else { return 0 }
    return (0..<c.count).reduce(0) { $0 &+ (c.int(at: $1) ?? 0) }
  }

  /// The sum of a float column's present values, in double precision.
  private static func floatSum(_ c: Column?) -> Double {
    guard let c else { return 0 }
    return (0..<c.count).reduce(0.0) { $0 + (c.double(at: $1) ?? 0) }
  }
}
