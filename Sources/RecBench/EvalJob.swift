import RecCore
import RecEngine

/// Job EVAL of the peer benchmark (`bench/README.md`), as a user writes it: `load movielens
/// DIR` (timed apart, `load_s`), then the per-member last-20% split, a popularity row of 20
/// titles that leaves out what the member watched, a page of that one row and its recall@20,
/// precision@20 and ndcg@20 (the four statements timed together, `eval_s`). The figures are read
/// from what the session made: the `eval` row (`_`), `train` and `test`. `rec bench eval DIR`
/// prints the one JSON line a peer prints.
public enum EvalJob {
  package static let statements = """
    split plays by member last 20% into train, test
    row pop "Popular"
      from popular()
      exclude watched
      limit 20
    page single "Popularity"
      rows pop
      size 1 x 20
    eval single on test
      metrics recall@20, precision@20, ndcg@20
    """

  public static func run(directory: String) throws(Diagnostic) -> String {
    let bench = TimedSession()
    let load = try bench.run("load movielens \(BenchmarkScripts.quoted(directory))")
    let eval = try bench.run(statements)
    guard let result = bench.table("_"), let members = result["members"]?.int(at: 0),
      let recall = result["recall@20"]?.double(at: 0), let precision = result["precision@20"]?.double(at: 0),
      let ndcg = result["ndcg@20"]?.double(at: 0), let train = bench.table("train"), let test = bench.table("test")
    else {
      throw Diagnostic(.dataError("the session made no evaluation"), at: nil)
    }
    // Every member's precision is hits / 20: their mean times 20 and the members is the hits.
    let hits = Int((precision * 20 * Double(members)).rounded())
    let folder = directory.split(separator: "/").last.map(String.init) ?? directory
    let metrics: [(String, String)] = [
      ("users", String(members)), ("train_rows", String(train.count)), ("test_rows", String(test.count)),
      ("hits", String(hits)), ("recall", recall.description), ("precision", precision.description),
      ("ndcg", ndcg.description),
    ]
    return BenchmarkJSON.object([
      ("peer", BenchmarkJSON.string("rec")),
      ("job", BenchmarkJSON.string("eval")),
      ("data", BenchmarkJSON.string(folder)),
      (
        "timings_s",
        BenchmarkJSON.object([
          ("load_s", BenchmarkJSON.number(load.wall)), ("eval_s", BenchmarkJSON.number(eval.wall)),
          ("eval_cpu_s", BenchmarkJSON.number(eval.cpu)),
        ])
      ),
      ("peak_rss_mib", BenchmarkJSON.number(ProcessUsage.peakResidentMiB(), places: 1)),
      ("checks", "{}"),
      ("metrics", BenchmarkJSON.object(metrics)),
      ("versions", BenchmarkJSON.object([("rec", BenchmarkJSON.string("0.1")), ("threads", "2")])),
    ])
  }
}
