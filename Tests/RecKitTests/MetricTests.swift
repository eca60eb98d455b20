import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecSyntax
@testable import RecCore

@Suite struct MetricTests {
  /// Rows [1, 2, 3], [2, 4] (a repeat and a short row), [5, 6, 7]; relevant {2, 5, 9}.
  static let page = PageGrid(rows: [
    .init(title: "a", titles: [1, 2, 3]), .init(title: "b", titles: [2, 4]), .init(title: "c", titles: [5, 6, 7]),
  ])
  static let judge = Judge(
    test: Table([
      ("member", Column(type: .int, ints: [1, 1, 1, 1])), ("title", Column(type: .int, ints: [2, 5, 9, 5])),
    ]),
    train: Table([("member", Column(type: .int, ints: [1, 2, 2])), ("title", Column(type: .int, ints: [1, 1, 3]))]),
    titles: nil, now: nil)

  func score(_ metric: Metric) -> Double {
    metric.score(page: Self.page, list: RankedList(reading: Self.page), member: 0, judge: Self.judge, width: 3)
  }

  @Test func readingDropsRepeats() {
    #expect(RankedList(reading: Self.page).titles == [1, 2, 3, 4, 5, 6, 7])
    #expect(Self.judge.members == [1])
    #expect(Array(Self.judge.relevant[0]) == [2, 5, 9])
  }

  @Test func gridRecallCountsDistinctTitlesInTheArea() {
    #expect(score(Metric(kind: .recall, grid: .init(rows: 1, columns: 2))) == 1.0 / 3)
    #expect(score(Metric(kind: .recall, grid: .init(rows: 2, columns: 3))) == 1.0 / 3)  // 2 twice: once
    #expect(score(Metric(kind: .recall, grid: .init(rows: 3, columns: 1))) == 2.0 / 3)  // 2 and 5 lead rows b and c
    #expect(score(Metric(kind: .recall, grid: .init(rows: 10, columns: 10))) == 2.0 / 3)
  }

  @Test func rankingMetricsByHand() {
    // Hits at ranks 2 and 5 of [1, 2, 3, 4, 5, 6, 7].
    #expect(score(Metric(kind: .precision, k: 5)) == 2.0 / 5)
    #expect(score(Metric(kind: .precision, k: 10)) == 2.0 / 10)  // k beyond the list
    #expect(score(Metric(kind: .recall, k: 2)) == 1.0 / 3)
    #expect(score(Metric(kind: .recall, k: 2, variant: .lenskit)) == 1.0 / 2)
    #expect(score(Metric(kind: .mrr, k: 1)) == 0)
    #expect(score(Metric(kind: .mrr, k: 3)) == 0.5)
    #expect(score(Metric(kind: .hit, k: 1)) == 0)
    #expect(score(Metric(kind: .hit, k: 2)) == 1)
    // AP@5 = (1/2 + 2/5) / 3; RecBole divides by min(5, 3) = 3 too, and by 2 at k = 2.
    #expect(abs(score(Metric(kind: .map, k: 5)) - 0.3) < 1e-15)
    #expect(score(Metric(kind: .map, k: 2)) == 0.5 / 3)
    #expect(score(Metric(kind: .map, k: 2, variant: .recbole)) == 0.5 / 2)
    // nDCG@5 = (1/log2 3 + 1/log2 6) / (1 + 1/log2 3 + 1/2).
    let expected = (1 / 1.584962500721156 + 1 / 2.584962500721156) / (1 + 1 / 1.584962500721156 + 0.5)
    #expect(abs(score(Metric(kind: .ndcg, k: 5)) - expected) < 1e-15)
    #expect(abs(score(Metric(kind: .ndcg, k: 20)) - expected) < 1e-15)  // k beyond the page
  }

  @Test func oneReadingOfEachListScoresEveryMetricAsScoringEachAlone() throws {
    // Three members' pages of shared, repeated and missing titles; relevant titles per member.
    let test = Table([
      ("member", Column(type: .int, ints: [1, 1, 1, 2, 2, 3])), ("title", Column(type: .int, ints: [2, 5, 9, 7, 1, 4])),
    ])
    let judge = Judge(test: test, train: test, titles: nil, now: nil)
    let grids = [
      Self.page,
      PageGrid(rows: [.init(title: "a", titles: [7, 8, 1]), .init(title: "b", titles: [1, 9])]),
      PageGrid(rows: []),
    ]
    let scores = PageScores(name: "p", grids: grids, lists: grids.map(RankedList.init(reading:)), width: 3)
    let metrics = [
      Metric(kind: .ndcg, k: 2), Metric(kind: .recall, k: 10), Metric(kind: .precision, k: 1), Metric(kind: .map, k: 4),
      Metric(kind: .map, k: 3, variant: .recbole), Metric(kind: .mrr, k: 5), Metric(kind: .hit, k: 2),
      Metric(kind: .recall, k: 2, variant: .lenskit), Metric(kind: .recall, grid: .init(rows: 2, columns: 2)),
      Metric(kind: .duplicates), Metric(kind: .coverage), Metric(kind: .novelty),
    ]
    let together = try scores.perMember(metrics, judge: judge)
    for (m, metric) in metrics.enumerated() where !metric.isPageWide {
      let alone = grids.indices.map { i in
        metric.score(page: grids[i], list: scores.lists[i], member: i, judge: judge, width: 3)
      }
      #expect(together[m] == alone, "\(metric.label)")
    }
    #expect(together[10].isEmpty)
  }

  @Test func pageShapeMetrics() {
    #expect(score(Metric(kind: .duplicates)) == 1)
    #expect(score(Metric(kind: .shortRows)) == 1)
    // Titles 1 and 3 were played by members 2 of 2 and 1 of 2 in train: surprisal 0 and 1;
    // the other five are unseen: log2(2) = 1 each. Mean over 7 distinct titles: 6/7.
    #expect(abs(score(Metric(kind: .novelty)) - 6.0 / 7) < 1e-15)
  }

  @Test func resolvingChecksCutoffs() throws {
    func ref(_ name: String, _ cutoff: MetricRef.Cutoff, _ variant: String? = nil) -> MetricRef {
      MetricRef(name: name, cutoff: cutoff, variant: variant, range: SourceRange(file: SourceFile(name: "t", text: "x"), bytes: 0..<1))
    }
    #expect(try Checker.resolve(ref("recall", .grid(.value(4), .value(5)))).label == "recall@4x5")
    #expect(try Checker.resolve(ref("recall", .k(.value(20)), "lenskit")).label == "recall@20[lenskit]")
    #expect(try Checker.resolve(ref("recall", .grid(.variable("M"), .value(5))), bindings: ["M": 3]).label == "recall@3x5")
    #expect(throws: Diagnostic.self) { try Checker.resolve(ref("ndcg", .k(.value(0)))) }
    #expect(throws: Diagnostic.self) { try Checker.resolve(ref("recall", .grid(.value(0), .value(5)))) }
    #expect(throws: Diagnostic.self) { try Checker.resolve(ref("ndcg", .none)) }
    #expect(throws: Diagnostic.self) { try Checker.resolve(ref("coverage", .k(.value(3)))) }
    #expect(throws: Diagnostic.self) { try Checker.resolve(ref("ndcg", .k(.value(3)), "lenskit")) }
    do {
      _ = try Checker.resolve(ref("recal", .grid(.value(4), .value(5))))
      Issue.record("an unknown metric resolved")
    } catch {
      #expect(error.message == "unknown metric 'recal@4x5'; did you mean 'recall@4x5'?")
      #expect(error.id == "unknownMetric")
    }
  }
}
