import ArgumentParser
import Foundation
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
      print(try benchmarkLoad(directory: directory))
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
  /// one JSON line each: the medians of wall, user and system CPU time. Loading is not timed.
  struct Group: ParsableCommand {
    @ArgumentParser.Argument var directory: String
    @Option var runs = 5
    @Option(help: "A pipeline to time; repeat the option for several.") var query: [String] = []

    func run() throws {
      let (loaded, _) = try MovieLensLoader.load(directory: directory, displayName: directory)
      let tables = Dictionary(loaded, uniquingKeysWith: { a, _ in a })
      let engine = QueryEngine(
        schema: { tables[$0].map(Schema.init(of:)) }, table: { tables[$0] },
        tableNames: { Array(tables.keys) }, now: nil, seed: 0)
      for text in query.isEmpty ? ["from ratings | group by member (n = count())"] : query {
        let (program, diagnostics) = RecKit.parse(SourceFile(name: "<bench>", text: text))
        guard diagnostics.isEmpty, case .query(let pipeline) = program.statements.first?.kind else {
          throw ExitCode(64)
        }
        var wall: [Double] = []
        var user: [Double] = []
        var system: [Double] = []
        var rows = 0
        for _ in 0..<runs {
          let clock = ContinuousClock()
          let start = clock.now
          let before = ProcessUsage.cpuSeconds()
          rows = try engine.run(pipeline, interrupted: { false }).count
          let after = ProcessUsage.cpuSeconds()
          wall.append((clock.now - start).inSeconds)
          user.append(after.user - before.user)
          system.append(after.system - before.system)
        }
        let timings = #""group_s": \#(median(wall)), "user_s": \#(median(user)), "system_s": \#(median(system))"#
        print(#"{"job": "group", "query": "\#(text)", "timings_s": {\#(timings)}, "groups": \#(rows), "rows": \#(tables["ratings"]?.count ?? 0)}"#)
      }
    }
  }

  /// The tour's 10 × 20 `home_ranked` page for every demo member on a cut at 2026-06-01; with
  /// `--movielens DIR`, a page of the rows MovieLens supports for every member of DIR's ratings.
  /// One JSON line: index and page seconds, CPU seconds of the whole run, peak RSS.
  struct Page: ParsableCommand {
    @Option var members = DemoWorld.defaultMembers
    @Option var titles = DemoWorld.defaultTitles
    @Option(help: "A folder with MovieLens ratings.csv and movies.csv.") var movielens: String?
    @Option(help: "Recent distinct titles per member counted in co-visitation (MovieLens).") var depth = 32

    func run() throws {
      let clock = ContinuousClock()
      let start = clock.now
      let result: PageBenchmark
      let fields: String
      if let movielens {
        let (tables, _) = try MovieLensLoader.load(directory: movielens, displayName: movielens)
        let loadSeconds = (clock.now - start).inSeconds
        result = try PageBenchmark.movieLens(tables: tables, covisitDepth: depth)
        fields = #""load_s": \#(loadSeconds), "#
      } else {
        result = try PageBenchmark.demo(members: members, titles: titles)
        fields = ""
      }
      let cpu = ProcessUsage.cpuSeconds()
      let wall = (clock.now - start).inSeconds
      print(
        #"{"job": "page", "timings_s": {\#(fields)"index_s": \#(result.indexSeconds), "pages_s": \#(result.pageSeconds), "#
          + #""pages_cpu_s": \#(result.pageCPUSeconds), "wall_s": \#(wall), "cpu_s": \#(cpu.user + cpu.system)}, "#
          + #""peak_rss_mib": \#(ProcessUsage.peakResidentMiB()), "#
          + #""members": \#(result.members), "cells": \#(result.cells)}"#)
    }
  }

  /// `load demo` at its default size, median of runs.
  struct Demo: ParsableCommand {
    @Option var runs = 5

    func run() throws {
      var times: [Double] = []
      var rows = 0
      for _ in 0..<runs {
        let clock = ContinuousClock()
        let start = clock.now
        let world = DemoWorld.generate(
          members: DemoWorld.defaultMembers, titles: DemoWorld.defaultTitles, seed: DemoWorld.defaultSeed)
        times.append((clock.now - start).inSeconds)
        rows = world.tables.reduce(0) { $0 + $1.table.count }
      }
      print(#"{"job": "demo", "timings_s": {"generate_s": \#(median(times))}, "rows": \#(rows)}"#)
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
      print(try BanditBenchmark.run(simulated: simulated, logged: logged))
    }
  }
}


private func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
