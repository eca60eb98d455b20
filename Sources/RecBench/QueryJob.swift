import RecCore

/// `rec bench group` and `rec bench demo`: statements timed several times, medians reported.
public enum QueryJob {
  /// Queries over a MovieLens folder (by default `from ratings | group by member (n = count())`),
  /// one JSON line each: the medians of wall and CPU time. Loading is not timed.
  public static func group(directory: String, queries: [String], runs: Int) throws(Diagnostic) -> [String] {
    let bench = TimedSession()
    try bench.run("load movielens \(BenchmarkScripts.quoted(directory))")
    var lines: [String] = []
    for query in queries.isEmpty ? ["from ratings | group by member (n = count())"] : queries {
      var wall: [Double] = []
      var cpu: [Double] = []
      for _ in 0..<max(1, runs) {
        let run = try bench.run(query)
        wall.append(run.wall)
        cpu.append(run.cpu)
      }
      lines.append(
        BenchmarkJSON.object([
          ("job", BenchmarkJSON.string("group")), ("query", BenchmarkJSON.string(query)),
          (
            "timings_s",
            BenchmarkJSON.object([
              ("group_s", BenchmarkJSON.number(median(wall))), ("cpu_s", BenchmarkJSON.number(median(cpu))),
            ])
          ),
          ("groups", String(bench.table("_")?.count ?? 0)), ("rows", String(bench.table("ratings")?.count ?? 0)),
        ]))
    }
    return lines
  }

  /// The statement `load demo` at its default size, median of `runs`.
  public static func demo(runs: Int) throws(Diagnostic) -> String {
    let bench = TimedSession()
    var wall: [Double] = []
    for _ in 0..<max(1, runs) { wall.append(try bench.run("load demo").wall) }
    let rows = bench.session.tables.values.reduce(0) { $0 + $1.count }
    return BenchmarkJSON.object([
      ("job", BenchmarkJSON.string("demo")),
      ("timings_s", BenchmarkJSON.object([("generate_s", BenchmarkJSON.number(median(wall)))])),
      ("rows", String(rows)),
    ])
  }

  static func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return 0 }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }
}
