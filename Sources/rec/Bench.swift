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

  /// Job EVAL of the peer benchmark: per-member last-20% split, popularity row of 20,
  /// recall@20, precision@20 and ndcg@20; loading timed apart.
  struct Eval: ParsableCommand {
    @ArgumentParser.Argument var directory: String

    func run() throws {
      print(try benchmarkEval(directory: directory))
    }
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
