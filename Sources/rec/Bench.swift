import ArgumentParser
import Foundation
import RecBench
import RecCore
import RecEngine
import RecKit

/// `rec bench …`: the jobs of the side-by-side benchmarks, each printing one JSON line in
/// the shape the peer scripts print. Hidden from help: it is for measuring, not for users.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Benchmark jobs (one JSON line each).", shouldDisplay: false,
    subcommands: [Load.self, Eval.self, Group.self, Demo.self, Bandits.self, Page.self])

  /// Job LOAD of the peer benchmark: `ratings.csv` and `movies.csv` with declared types.
  struct Load: ParsableCommand {
    @ArgumentParser.Argument var directory: String

    func run() throws {
      print(try LoadJob.run(directory: directory))
    }
  }

  /// Job EVAL of the peer benchmark, as a user writes it: `load movielens DIR` (timed apart,
  /// `load_s`), then the per-member last-20% split, a popularity row of 20 titles that leaves
  /// out what the member watched, a page of that one row and its recall@20, precision@20 and
  /// ndcg@20 (the four statements timed together, `eval_s`), run through a session. The
  /// figures are read from what the session made: the `eval` row (`_`), `train` and `test`.
  struct Eval: ParsableCommand {
    @ArgumentParser.Argument var directory: String

    static let statements = """
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

    func run() throws {
      let session = Session(options: SessionOptions(), write: { _, _ in })
      let clock = ContinuousClock()
      var start = clock.now
      try Self.run("load movielens \(Self.quoted(directory))", in: session)
      let loadSeconds = (clock.now - start).inSeconds
      start = clock.now
      try Self.run(Self.statements, in: session)
      let evalSeconds = (clock.now - start).inSeconds

      guard let result = session.tables["_"], let members = result["members"]?.int(at: 0),
        let recall = result["recall@20"]?.double(at: 0), let precision = result["precision@20"]?.double(at: 0),
        let ndcg = result["ndcg@20"]?.double(at: 0), let train = session.tables["train"], let test = session.tables["test"]
      else {
        FileHandle.standardError.write(Data("rec bench eval: the session made no evaluation\n".utf8))
        throw ExitCode(70)
      }
      let hits = Int((precision * 20 * Double(members)).rounded())
      let folder = URL(fileURLWithPath: directory).lastPathComponent
      let cores = ProcessInfo.processInfo.activeProcessorCount
      print(
        #"{"peer": "rec", "job": "eval", "data": \#(Self.quoted(folder)), "#
          + #""timings_s": {"load_s": \#(Self.rounded(loadSeconds)), "eval_s": \#(Self.rounded(evalSeconds))}, "#
          + #""peak_rss_mib": \#((ProcessUsage.peakResidentMiB() * 10).rounded() / 10), "checks": {}, "#
          + #""metrics": {"users": \#(members), "train_rows": \#(train.count), "test_rows": \#(test.count), "#
          + #""hits": \#(hits), "recall": \#(recall), "precision": \#(precision), "ndcg": \#(ndcg)}, "#
          + #""versions": {"rec": "0.1", "threads": "\#(cores)"}}"#)
    }

    /// Runs `text` in `session`; an error is written to standard error and ends the job.
    private static func run(_ text: String, in session: Session) throws {
      guard let problem = session.run(SourceFile(name: "<bench>", text: text)) else { return }
      FileHandle.standardError.write(Data("rec bench eval: \(problem.message)\n".utf8))
      throw ExitCode(65)
    }

    /// `text` as a string literal of rec and of JSON (quotes and backslashes escaped).
    private static func quoted(_ text: String) -> String {
      "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Seconds to the microsecond, as the peers print them.
    private static func rounded(_ seconds: Double) -> Double { (seconds * 1_000_000).rounded() / 1_000_000 }
  }

  /// Queries over a MovieLens folder (by default `from ratings | group by member (n = count())`),
  /// one JSON line each: the medians of wall and CPU time. Loading is not timed.
  struct Group: ParsableCommand {
    @ArgumentParser.Argument var directory: String
    @Option var runs = 5
    @Option(help: "A query to time; repeat the option for several.") var query: [String] = []

    func run() throws {
      for line in try QueryJob.group(directory: directory, queries: query, runs: runs) { print(line) }
    }
  }

  /// The statement `eval PAGE on test` over the tour's `home_ranked` page on the demo, or a page of
  /// the rows MovieLens supports (`--movielens DIR`): one JSON line of timings.
  struct Page: ParsableCommand {
    @Option var members = DemoWorld.defaultMembers
    @Option var titles = DemoWorld.defaultTitles
    @Option(help: "A folder with MovieLens ratings.csv and movies.csv.") var movielens: String?

    func run() throws {
      if let movielens {
        print(try PageJob.movieLens(directory: movielens))
      } else {
        print(try PageJob.demo(members: members, titles: titles))
      }
    }
  }

  /// The statement `load demo` at its default size, median of runs.
  struct Demo: ParsableCommand {
    @Option var runs = 5

    func run() throws {
      print(try QueryJob.demo(runs: runs))
    }
  }
}

extension Bench {
  /// Simulation of the contract's four policies, then replay and the four estimators (for
  /// `greedy10` and `uniform`) over the demo's impressions repeated to `--logged` rows.
  struct Bandits: ParsableCommand {
    @Option var simulated = 1_000_000
    @Option var logged = 10_000_000

    func run() throws {
      print(try BanditJob.run(simulated: simulated, logged: logged))
    }
  }
}
