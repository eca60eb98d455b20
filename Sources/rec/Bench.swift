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

  /// Job EVAL of the peer benchmark, as a user writes it (see `EvalJob`).
  struct Eval: ParsableCommand {
    @ArgumentParser.Argument var directory: String

    func run() throws {
      print(try EvalJob.run(directory: directory))
    }
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
