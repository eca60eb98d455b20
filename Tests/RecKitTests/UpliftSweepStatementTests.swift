import Foundation
import Testing

@testable import RecCore
@testable import RecEngine
@testable import RecKit

/// `sweep qini|gain|uplift` read against a computation of its own: a response model of
/// `title.popularity` alone (a positive coefficient) ranks the rows it was trained on by
/// popularity, so each curve can be recomputed from the kept training rows — put back in the
/// table's row order — by counting, with scikit-uplift's grouping of equal scores for `qini` and
/// `gain` and rec's order (equal scores in descending row order) for `uplift`.
@Suite struct UpliftSweepStatementTests {
  static let definitions = """
    load demo members 300 titles 120
    split exposures by time at 2026-06-01 into ex_train, ex_test
    uplift m = response(logistic(title.popularity)) on ex_train
    """

  /// A row of `ex_train`: its popularity (the only feature), arm and outcome.
  struct Row {
    var popularity: Double
    var treated: Bool
    var played: Bool
  }

  @Test(arguments: ["qini", "gain", "uplift"])
  func curveEqualsACountOverTheRowsRankedByPopularity(_ curve: String) throws {
    let session = Session(options: SessionOptions(directory: TemporaryFolder().path)) { _, _ in }
    if let problem = session.run(SourceFile(name: "m.rec", text: Self.definitions)) { throw problem }
    let coefficients = try #require(session.tables["_"])
    #expect((coefficients["coefficient"]?.double(at: 1) ?? 0) > 0)
    let rows = try Self.rows(session)
    if let problem = session.run(SourceFile(name: "s.rec", text: "sweep \(curve) over m on ex_train")) { throw problem }
    let result = try #require(session.tables["_"])
    #expect(result.names == ["percent", "rows", "m", "random", "oracle"])
    let values = try #require(result["m"]?.doubleValues)
    let expected = Self.expected(curve, rows)
    #expect(values.count == 21 && expected.count == 21)
    for (p, (mine, theirs)) in zip(0..., zip(values, expected)) {
      #expect(abs(mine - theirs) <= 1e-9 * max(1, abs(theirs)), "\(curve) at \(p * 5)%: rec \(mine), counted \(theirs)")
    }
    let last = try #require(expected.last)
    // The oracle ranks the same rows: it ends where the model's curve does.
    #expect(try #require(result["oracle"]?.doubleValues).last == values.last)
    let random = try #require(result["random"]?.doubleValues)
    if curve == "uplift" {
      #expect(random.allSatisfy { $0 == last })
    } else {
      // The straight line from (0, 0) to the last point, at each share's rows.
      let n = Double(rows.count)
      let taken = try #require(result["rows"]?.intValues)
      for (r, k) in zip(random, taken) { #expect(abs(r - last * Double(k) / n) <= 1e-9 * max(1, abs(last))) }
    }
  }

  /// With `to`, the chart goes to the file (one line per model, the random line, the oracle), and
  /// the terminal gets the table alone.
  @Test func chartGoesToTheFileNamed() throws {
    let folder = TemporaryFolder()
    final class Written { var text = "" }
    let written = Written()
    let session = Session(options: SessionOptions(directory: folder.path)) { text, _ in written.text += text }
    if let problem = session.run(SourceFile(name: "m.rec", text: Self.definitions + "\nsweep qini over m on ex_test to \"q.svg\"")) {
      throw problem
    }
    let svg = folder.read("q.svg")
    #expect(svg.hasPrefix("<svg") && svg.components(separatedBy: "<polyline").count - 1 == 3)
    #expect(svg.contains("qini on ex_test") && svg.contains(">oracle<"))
    #expect(written.text.contains("wrote chart to q.svg") && !written.text.contains("● m"))
  }

  /// After `over`, completion offers the uplift models.
  @Test func completionOffersUpliftModelsAfterOver() throws {
    let session = Session(options: SessionOptions(directory: TemporaryFolder().path)) { _, _ in }
    if let problem = session.run(SourceFile(name: "m.rec", text: Self.definitions)) { throw problem }
    let line = "sweep qini over "
    #expect(session.completions(line: line, cursor: line.utf8.count, entry: "").contains("m"))
  }

  /// `ex_train`'s rows in order, each with the popularity its arm's kept training rows give it.
  static func rows(_ session: Session) throws -> [Row] {
    let log = try #require(session.tables["ex_train"])
    let shown = try #require(log["shown"])
    var arms: [Bool: (popularity: [Double], played: [Double], next: Int)] = [:]
    for (arm, name) in [(true, "m.treated"), (false, "m.control")] {
      let kept = try #require(session.tables[name])
      arms[arm] = (try #require(kept["title.popularity"]?.doubleValues), try #require(kept["played"]?.doubleValues), 0)
    }
    var rows: [Row] = []
    for i in 0..<log.count {
      let arm = shown.int(at: i) == 1
      let kept = try #require(arms[arm])
      rows.append(Row(popularity: kept.popularity[kept.next], treated: arm, played: kept.played[kept.next] == 1))
      arms[arm]?.next += 1
    }
    #expect(arms.values.allSatisfy { $0.next == $0.popularity.count })
    return rows
  }

  /// The curve at int(n · j / 20) rows, j = 0 … 20.
  static func expected(_ curve: String, _ rows: [Row]) -> [Double] {
    // Popularity descending, equal popularity in descending row order.
    let order = rows.indices.sorted { a, b in
      rows[a].popularity != rows[b].popularity ? rows[a].popularity > rows[b].popularity : a > b
    }
    let n = rows.count
    let cuts = (0...20).map { Int(Double(n) * (Double($0) / 20)) }
    func counts(_ k: Int) -> (nt: Double, nc: Double, yt: Double, yc: Double) {
      var c = (nt: 0.0, nc: 0.0, yt: 0.0, yc: 0.0)
      for i in order.prefix(k) {
        if rows[i].treated {
          c.nt += 1
          if rows[i].played { c.yt += 1 }
        } else {
          c.nc += 1
          if rows[i].played { c.yc += 1 }
        }
      }
      return c
    }
    if curve == "uplift" {
      return cuts.map { k in
        let c = counts(k)
        return k == 0 ? 0 : c.yt / c.nt - c.yc / c.nc
      }
    }
    func value(_ k: Int) -> Double {
      let c = counts(k)
      if curve == "qini" { return c.yt - c.yc * (c.nc == 0 ? 0 : c.nt / c.nc) }
      return ((c.nt == 0 ? 0 : c.yt / c.nt) - (c.nc == 0 ? 0 : c.yc / c.nc)) * Double(k)
    }
    // scikit-uplift's curves have a point where each run of equal popularity ends, and run
    // straight between them.
    var ends = [0]
    for j in 1...n where j == n || rows[order[j]].popularity != rows[order[j - 1]].popularity { ends.append(j) }
    return cuts.map { k in
      guard let after = ends.firstIndex(where: { $0 >= k }) else { return value(n) }
      let (x1, x0) = (ends[after], ends[max(after - 1, 0)])
      if x1 == k { return value(k) }
      let (y0, y1) = (value(x0), value(x1))
      return y0 + (y1 - y0) * Double(k - x0) / Double(x1 - x0)
    }
  }
}
