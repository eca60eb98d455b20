import Testing

@testable import RecCore
@testable import RecEngine

/// The pieces of `cluster` on cases small enough to work out by hand.
@Suite struct ClusteringTests {
  /// `member, title` rows as a table.
  static func plays(_ rows: [(Int, Int)]) -> Table {
    Table([
      ("member", Column(type: .int, ints: rows.map(\.0))),
      ("title", Column(type: .int, ints: rows.map(\.1))),
    ])
  }

  static func pairs(_ table: Table) throws -> PlayPairs {
    try PlayPairs(member: #require(table["member"]?.integers), title: #require(table["title"]?.integers))
  }

  /// Title t's row (dense number), its first `count` coordinates.
  static func row(_ e: CoPlayEmbedding, _ t: Int, _ count: Int) -> [Double] {
    Array(e.rows[t * CoPlayEmbedding.dimensions..<t * CoPlayEmbedding.dimensions + count])
  }

  static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-15) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
  }

  @Test func pairsMergeRepeatsAndSkipMissing() throws {
    let table = Self.plays([(7, 30), (5, 10), (7, 30), (5, 20), (Int.min, 10), (7, Int.min), (5, 10), (7, 10)])
    let p = try Self.pairs(table)
    #expect(p.titleIDs == [10, 20, 30] && p.memberIDs == [5, 7] && p.plays == 6)
    #expect(p.titlePlays == [3, 1, 2] && p.memberPlays == [3, 3])
    // Member 5: title 10 twice, 20 once; member 7: 30 twice, 10 once (in order of first play).
    #expect(p.memberOffsets == [0, 2, 4])
    #expect(p.pairTitles == [0, 1, 2, 0] && p.pairPlays == [2, 1, 2, 1])
    #expect(p.titleOffsets == [0, 2, 3, 4] && p.titleMembers == [0, 1, 0, 1])
  }

  @Test func idsFarApartAndNegativeAreNumberedInOrder() throws {
    let p = try Self.pairs(Self.plays([(1, Int.max - 1), (1, -4), (2, 1 << 40), (2, -4)]))
    #expect(p.titleIDs == [-4, 1 << 40, Int.max - 1] && p.titlePlays == [2, 1, 1])
  }

  /// Members 1 and 2 play A; member 1 plays B; member 3 plays C. Landmarks A (2 plays), then B
  /// and C (1 each, by id). |M_A| = 2, |M_B| = |M_C| = 1, so
  /// e_A = (2/√4, 1/√2, 0) = (1, 1/√2, 0) and e_B = (1/√2, 1, 0), each of norm √1.5; e_C = (0, 0, 1).
  @Test func embeddingByHand() throws {
    let p = try Self.pairs(Self.plays([(1, 100), (2, 100), (1, 200), (3, 300), (1, 100)]))
    let e = try CoPlayEmbedding(p)
    #expect(e.landmarks == [0, 1, 2])
    let n = 1.5.squareRoot()
    #expect(Self.close(Self.row(e, 0, 3), [1 / n, (0.5).squareRoot() / n, 0]))
    #expect(Self.close(Self.row(e, 1, 3), [(0.5).squareRoot() / n, 1 / n, 0]))
    #expect(Self.close(Self.row(e, 2, 3), [0, 0, 1]))
    // Coordinates past the last landmark are 0.
    #expect(e.rows[3..<CoPlayEmbedding.dimensions].allSatisfy { $0 == 0 } && e.hasRow == [true, true, true])
  }

  /// 64 titles played twice (by members 1 and 2) are the landmarks; title 1000, played only by
  /// member 3, who plays no landmark, has a zero row. Title 65 ties with the others on plays
  /// and loses on id.
  @Test func titleWithoutLandmarkHasNoRow() throws {
    var rows = (1...65).flatMap { [(1, $0), (2, $0)] }
    rows.append((3, 1000))
    let p = try Self.pairs(Self.plays(rows))
    let e = try CoPlayEmbedding(p)
    #expect(e.landmarks == Array(0..<64))
    #expect(e.hasRow == Array(repeating: true, count: 65) + [false])
    #expect(Self.row(e, 65, 64).allSatisfy { $0 == 0 })
    // Every played landmark shares both members: each coordinate is 2/√(2·2) = 1, then 1/8.
    #expect(Self.close(Self.row(e, 64, 64), Array(repeating: 1.0 / 8, count: 64)))
  }

  @Test func landmarkCountsAddBitSliced() {
    var counts = [Int](repeating: -1, count: 64)
    CoPlayEmbedding.countLandmarks([0b1011, 0b0011, 0b1000, UInt64.max], into: &counts)
    #expect(counts == [3, 3, 1, 3] + Array(repeating: 1, count: 60))
    let many = (0..<1_000).map { UInt64($0) }
    CoPlayEmbedding.countLandmarks(many, into: &counts)
    #expect(Array(counts.prefix(11)) == (0..<11).map { j in many.filter { $0 >> UInt64(j) & 1 == 1 }.count })
    CoPlayEmbedding.countLandmarks([], into: &counts)
    #expect(counts.allSatisfy { $0 == 0 })
  }

  /// Member 1 plays A twice and B once: (2 e_A + e_B) / 3, normalised; member 3 plays only C.
  @Test func memberRowIsTheWeightedMeanNormalised() throws {
    let p = try Self.pairs(Self.plays([(1, 100), (2, 100), (1, 200), (3, 300), (1, 100)]))
    let titles = try CoPlayEmbedding(p)
    let members = try MemberEmbedding(p, titles: titles)
    let a = Self.row(titles, 0, 3)
    let b = Self.row(titles, 1, 3)
    let mean = (0..<3).map { (2 * a[$0] + b[$0]) / 3 }
    let norm = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
    #expect(Self.close(Array(members.rows[0..<3]), mean.map { $0 / norm }))
    #expect(Self.close(Array(members.rows[2 * 64..<2 * 64 + 3]), [0, 0, 1]) && members.hasRow == [true, true, true])
  }

  static func matrix(_ rows: [[Double]]) -> PointMatrix {
    PointMatrix(values: rows.flatMap { $0 }, dimensions: rows.first?.count ?? 0)
  }

  /// Two pairs of points: from one seed in each, one step finds them and the next changes nothing.
  @Test func lloydFindsTwoPairs() throws {
    let points = Self.matrix([[0, 0], [0, 1], [10, 0], [10, 1]])
    let k = try KMeans(points, seeds: [0, 2])
    #expect(k.labels == [0, 0, 1, 1] && k.centres == [0, 0.5, 10, 0.5])
    #expect(k.iterations == 2 && k.converged && k.inertia == 1)
    #expect(k.squaredDistances == [0.25, 0.25, 0.25, 0.25])
  }

  /// A stop asked for ends k-means with `interrupted`, and so the statement, wherever it falls.
  @Test func aStopEndsKMeans() {
    let stop = Cancellation()
    stop.cancel()
    let points = Self.matrix([[0, 0], [0, 1], [10, 0], [10, 1]])
    #expect(throws: Diagnostic.self) { try KMeans(points, seeds: [0, 2], cancellation: stop) }
    #expect(throws: Diagnostic.self) { try KMeans(points, k: 2, seed: 1, cancellation: stop) }
    #expect(throws: Diagnostic.self) { try CoPlayEmbedding(Self.pairs(Self.plays([(1, 1)])), cancellation: stop) }
  }

  /// A point halfway between two centres joins the lower cluster.
  @Test func tiesGoToTheLowestCluster() throws {
    let k = try KMeans(Self.matrix([[0], [2], [1]]), seeds: [0, 1])
    #expect(k.labels == [0, 1, 0])
  }

  /// Seeds on two equal points: every point goes to cluster 0 (ties), cluster 1 is empty and
  /// takes the point farthest from its centre (6, at 6 from 0), which leaves cluster 0:
  /// centres 5/3 and 6; then 5 and 6 go to cluster 1, centres 0 and 5.5; then nothing changes.
  @Test func anEmptyClusterTakesTheFarthestPoint() throws {
    let points = Self.matrix([[0], [0], [5], [6]])
    let labels = [Int32](repeating: 0, count: 4)
    // Means multiply by the reciprocal of the size, as scikit-learn's do.
    #expect(KMeans.means(points, labels: labels, centres: [0, 0], k: 2) == [5 * (1.0 / 3), 6])
    let k = try KMeans(points, seeds: [0, 1])
    #expect(k.labels == [0, 0, 1, 1] && k.centres == [0, 5.5] && k.iterations == 3 && k.inertia == 0.5)
  }

  /// Among equally far points, the lowest takes the empty cluster.
  @Test func farthestTiesGoToTheLowestPoint() throws {
    let points = Self.matrix([[0], [0], [-3], [3]])
    let centres = KMeans.means(points, labels: [0, 0, 0, 0], centres: [0, 0], k: 2)
    #expect(centres == [3 * (1.0 / 3), -3])
  }

  /// Lloyd's iterations comparing every distance, as the reference for the bounded ones.
  static func plainLloyd(_ points: PointMatrix, seeds: [Int]) -> (labels: [Int32], iterations: Int) {
    let d = points.dimensions
    var centres = seeds.flatMap { points.values[$0 * d..<($0 + 1) * d] }
    var labels = [Int32](repeating: -1, count: points.count)
    for iteration in 1...KMeans.maximumIterations {
      let previous = labels
      for i in 0..<points.count {
        let distances = (0..<seeds.count).map { c in
          (0..<d).reduce(0.0) { sum, j in
            let difference = points.values[i * d + j] - centres[c * d + j]
            return sum + difference * difference
          }
        }
        labels[i] = Int32(distances.indices.min { distances[$0] < distances[$1] } ?? 0)
      }
      centres = KMeans.means(points, labels: labels, centres: centres, k: seeds.count)
      if labels == previous { return (labels, iteration) }
    }
    return (labels, KMeans.maximumIterations)
  }

  /// Bounds pass points over, yet the labels and iterations are those of comparing every distance,
  /// on points in overlapping blobs that take many iterations to settle.
  @Test func boundedIterationsMatchComparingEveryDistance() throws {
    var random = SeededRandom(seed: 5)
    let rows = (0..<2_000).map { i in
      (0..<8).map { j in Double((i * 7 + j) % 5) + random.normal() * 1.5 }
    }
    let points = Self.matrix(rows)
    for seed in [UInt64(1), 2, 3] {
      let seeds = try KMeans.plusPlusSeeds(points, k: 12, seed: seed)
      let bounded = try KMeans(points, seeds: seeds)
      let plain = Self.plainLloyd(points, seeds: seeds)
      #expect(bounded.labels == plain.labels && bounded.iterations == plain.iterations)
      #expect(bounded.iterations > 10)
    }
  }

  @Test func plusPlusSeedsAreDistinctPointsAndRepeatable() throws {
    let points = Self.matrix((0..<9).map { [Double($0 % 3), Double($0 / 3) * 1.5] })
    let all = try KMeans.plusPlusSeeds(points, k: 9, seed: 11)
    #expect(all.sorted() == Array(0..<9))
    #expect(try KMeans.plusPlusSeeds(points, k: 4, seed: 11) == Array(all.prefix(4)))
    #expect(try KMeans.plusPlusSeeds(points, k: 4, seed: 12) != Array(all.prefix(4)))
  }

  @Test func kMustBeFromOneToThePoints() throws {
    let points = Self.matrix([[0], [1]])
    #expect(try KMeans(points, k: 3, seed: 1) == nil)
    #expect(try KMeans(points, k: 0, seed: 1) == nil)
    #expect(try KMeans(points, k: 2, seed: 1)?.labels.sorted() == [0, 1])
  }

  /// The summary counts titles, shares plays, names the most played first.
  @Test func clusteringTables() throws {
    let table = Self.plays([(1, 100), (2, 100), (1, 200), (3, 300), (1, 100), (3, 400)])
    let catalog = Table([
      ("id", Column(type: .int, ints: [100, 200, 300])),
      ("name", Column(type: .string, values: [.string("A"), .string("B"), .string("C")])),
    ])
    let c = try Clustering(
      .titles, k: 2, by: table, named: "plays", catalog: catalog, seed: 3, countRange: nil, tableRange: nil)
    #expect(c.points == 4 && c.unplaced == 0 && c.summary.names == Clustering.summarySchema.names)
    #expect(Schema(of: c.assignments) == Clustering.keptSchemas(.titles)[0].schema)
    #expect(Schema(of: c.embedding) == Clustering.keptSchemas(.titles)[1].schema)
    #expect(Schema(of: c.seeds) == Clustering.keptSchemas(.titles)[2].schema)
    // A and B always share a cluster (they share member 1), C and D (member 3) the other.
    let clusters = (0..<4).map { c.assignments["cluster"]?.int(at: $0) }
    #expect(clusters[0] == clusters[1] && clusters[2] == clusters[3] && clusters[0] != clusters[2])
    let first = clusters[0] == 1
    let sizes = (0..<2).map { c.summary["size"]?.int(at: $0) }
    #expect(sizes == [2, 2])
    let shares: [Double?] = (0..<2).map { c.summary["plays_share"]?.value(at: $0).number }
    let expected: [Double?] = first ? [4.0 / 6, 2.0 / 6] : [2.0 / 6, 4.0 / 6]
    #expect(shares == expected)
    let top = c.summary["top_titles"]?.value(at: first ? 0 : 1)
    #expect(top == .list(["A", "B"]))
    let other = c.summary["top_titles"]?.value(at: first ? 1 : 0)
    #expect(other == .list(["C", "#400"]))
  }

  @Test func tooManyClustersIsLocated() throws {
    let table = Self.plays([(1, 100), (2, 100)])
    let range = SourceRange(file: SourceFile(name: "<test>", text: "cluster titles into 2 by plays"), bytes: 20..<21)
    do {
      _ = try Clustering(
        .titles, k: 2, by: table, named: "plays", catalog: nil, seed: 1, countRange: range, tableRange: nil)
      Issue.record("two clusters of one title")
    } catch {
      #expect(error.message == "cannot make 2 clusters: only 1 title of 'plays' has a co-play embedding")
      #expect(error.range == range)
    }
  }
}
