import Dispatch
import Synchronization

/// `rec bench page`: builds the contract tour's `home_ranked` page (10 × 20, five row
/// definitions, `balanced` diversity) for every member of the demo world on a cut at
/// 2026-06-01, members split in chunks over all cores. Returns one JSON line with the index
/// and page timings.
public func benchmarkPage(members: Int, titles: Int) throws(Diagnostic) -> String {
  let definitions = """
    row continue "Continue watching"
      from continue_watching(min: 5%, max: 90%)

    row top10 "Top 10 in {member.country} today"
      from popular(window: 7d, by: member.country)
      limit 10

    row new "New releases"
      from titles where released within 90d
      order by popularity desc

    row because "Because you watched {seed.name}"
      for seed in recent_plays(limit: 3)
      from similar(seed, by: covisit)
      exclude watched
      limit 20

    row genre "{genre} picks for you"
      for genre in top_genres(limit: 5)
      from titles where genre in genres
      order by affinity(member, title) desc
      exclude watched

    diversity balanced
      unique titles
      max 2 rows per genre
      max similarity 50% by titles
      penalty 0.3
      min row length 5

    page home_ranked "Row-ranked home"
      candidates continue, top10, new, because, genre
      utility 0.7 * relevance + 0.2 * freshness + 0.1 * popularity
      diversity balanced
      size 10 x 20
    """
  let world = DemoWorld.generate(members: members, titles: titles, seed: DemoWorld.defaultSeed)
  let tables = Dictionary(world.tables.map { ($0.name, $0.table) }, uniquingKeysWith: { a, _ in a })
  let cut = CivilTime.days(year: 2026, month: 6, day: 1) * 86400
  let split = try Splitter.split(tables["plays"]!, by: .time(at: cut), name: "plays", at: nil)
  let session = Session(options: SessionOptions(), write: { _, _ in })
  session.tables = .init(uniqueKeysWithValues: world.tables.map { ($0.name, $0.table) })
  if let problem = session.run(SourceFile(name: "<bench>", text: definitions)) { throw problem }
  guard case .page(let page) = session.definitions["home_ranked"]?.kind else { return "" }
  let clock = ContinuousClock()
  var start = clock.now
  let builder = try session.homePageBuilder(page, context: PageContext(plays: split.train, tables: tables, now: split.now))
  let indexSeconds = (clock.now - start).inSeconds
  start = clock.now
  let ids = builder.home.index.memberIDs
  let chunks = 16
  let cells = Atomic<Int>(0)
  let failure = Mutex<Diagnostic?>(nil)
  DispatchQueue.concurrentPerform(iterations: chunks) { c in
    var count = 0
    for i in ids.count * c / chunks..<ids.count * (c + 1) / chunks {
      do throws(Diagnostic) {
        count += try builder.page(for: ids[i])?.rows.reduce(0) { $0 + $1.titles.count } ?? 0
      } catch {
        failure.withLock { $0 = error }
      }
    }
    cells.add(count, ordering: .relaxed)
  }
  if let error = failure.withLock({ $0 }) { throw error }
  let pageSeconds = (clock.now - start).inSeconds
  return #"{"job": "page", "timings_s": {"index_s": \#(indexSeconds), "pages_s": \#(pageSeconds)}, "#
    + #""members": \#(ids.count), "cells": \#(cells.load(ordering: .relaxed))}"#
}
