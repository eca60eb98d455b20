#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Job EVAL of the peer benchmark (`bench/README.md` §2): loads `ratings.csv` of a
/// MovieLens-shaped folder (timed apart, as the peers do), runs `PopularityBaseline` on both
/// cores and returns the one JSON line a peer prints. `rec bench eval DIR` prints it.
public func benchmarkEval(directory: String) throws -> String {
  let clock = ContinuousClock()
  var start = clock.now
  let ratings = try MovieLensLoader.read(
    directory, "ratings.csv", display: FileLoader.join(directory, "ratings.csv"), MovieLensLoader.ratingsColumns)
  let loadSeconds = (clock.now - start).inSeconds

  start = clock.now
  let users = ids32(ratings["userId"]!)
  let movies = ids32(ratings["movieId"]!)
  let times = ratings["timestamp"]!.intValues ?? []
  var job = PopularityBaseline()
  job.threads = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  let r = job.run(users: users, movies: movies, times: times)
  let evalSeconds = (clock.now - start).inSeconds

  let timings = [("load_ratings_s", loadSeconds), ("eval_s", evalSeconds)] + job.phases
  let metrics: [(String, String)] = [
    ("users", String(r.users)), ("train_rows", String(r.trainRows)), ("test_rows", String(r.testRows)),
    ("hits", String(r.hits)), ("recall", r.recall.description), ("precision", r.precision.description),
    ("ndcg", r.ndcg.description), ("rec_checksum", String(r.checksum)),
  ]
  let folder = directory.split(separator: "/").last.map(String.init) ?? directory
  return BenchmarkJSON.object([
    ("peer", BenchmarkJSON.string("rec")),
    ("job", BenchmarkJSON.string("eval")),
    ("data", BenchmarkJSON.string(folder)),
    ("timings_s", BenchmarkJSON.object(timings.map { ($0.0, BenchmarkJSON.number($0.1)) })),
    ("peak_rss_mib", BenchmarkJSON.number(ProcessUsage.peakResidentMiB(), places: 1)),
    ("process_s", BenchmarkJSON.number(ProcessUsage.processSeconds())),
    ("checks", "{}"),
    ("metrics", BenchmarkJSON.object(metrics)),
    ("versions", BenchmarkJSON.object([("rec", BenchmarkJSON.string("0.1")), ("threads", String(job.threads))])),
  ])
}

/// An integer column as 32-bit values (ids fit; the loader keeps them in 32 bits when they do).
private func ids32(_ c: Column) -> [Int32] {
  if case .int32(let a) = c.storage { return a }
  return (c.intValues ?? []).map { Int32(truncatingIfNeeded: $0) }
}
