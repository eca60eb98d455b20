import RecCore

/// `rec bench page`: the statement `eval PAGE on test metrics recall@10x20`, which builds a
/// home page for every judged member, timed by the clock and by CPU time.
///
/// The demo run judges the contract tour's `home_ranked` page (10 × 20, five row definitions,
/// `balanced` diversity) on a cut at 2026-06-01. The MovieLens run judges a page of the rows
/// MovieLens data supports on a cut 30 days before the last rating.
public enum PageJob {
  public static func demo(members: Int, titles: Int) throws(Diagnostic) -> String {
    let bench = TimedSession()
    try bench.run("load demo members \(members) titles \(titles)")
    try bench.run("split plays by time at 2026-06-01 into train, test")
    try bench.run(BenchmarkScripts.tourPage)
    return try report(bench, page: "home_ranked", extra: [])
  }

  public static func movieLens(directory: String) throws(Diagnostic) -> String {
    let bench = TimedSession()
    let load = try bench.run("load movielens \(BenchmarkScripts.quoted(directory))")
    var latest = 0
    if let at = bench.table("plays")?["at"] {
      for i in 0..<at.count { if let t = at.int(at: i), t > latest { latest = t } }
    }
    let cut = (latest - 30 * 86400) / 60 * 60
    try bench.run("split plays by time at \(CivilTime.formatTime(seconds: cut)) into train, test")
    try bench.run(BenchmarkScripts.movieLensPage)
    return try report(bench, page: "home_ml", extra: [("load_s", load.wall)])
  }

  private static func report(_ bench: TimedSession, page: String, extra: [(String, Double)]) throws(Diagnostic) -> String {
    let eval = try bench.run("eval \(page) on test metrics recall@10x20")
    let timings = extra + [("eval_s", eval.wall), ("eval_cpu_s", eval.cpu)]
    return BenchmarkJSON.object([
      ("job", BenchmarkJSON.string("page")),
      ("timings_s", BenchmarkJSON.object(timings.map { ($0.0, BenchmarkJSON.number($0.1)) })),
      ("peak_rss_mib", BenchmarkJSON.number(ProcessUsage.peakResidentMiB(), places: 1)),
      ("result", eval.results.split(separator: "\n").joined(separator: ", ")),
    ])
  }
}
