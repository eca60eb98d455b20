import Foundation
import Testing

@testable import RecCore
@testable import RecEngine

/// `cluster` against numpy and scikit-learn (`Tests/Clustering/cluster_check.py`), on the plays
/// of three small demo worlds: titles into 12 clusters, members into 6, and titles of a catalog
/// of 40 (fewer titles than landmarks, so the last coordinates are 0) into 5.
///
/// numpy recomputes the embedding from the plays alone and must agree with rec's kept
/// `….embedding` table to 1e-12. scikit-learn's `KMeans(init=<rec's .seeds rows>, n_init=1,
/// algorithm="lloyd", tol=0, max_iter=300)` on rec's points must give the same label to every
/// point whose two nearest centres (scikit-learn's) differ by more than 1e-9 relative, the same
/// inertia to 1e-9 relative, the same number of iterations, and the centres to 1e-9.
///
/// Runs where python3 can import numpy, scipy and scikit-learn; skipped elsewhere.
@Suite struct ClusterCrossCheckTests {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Clustering/cluster_check.py")

  /// One `cluster` statement as the reference reads it.
  struct Case: Encodable {
    var name: String
    var subject: String
    var member: [Int]
    var title: [Int]
    var ids: [Int]
    var points: [[Double]]
    var seeds: [[Double]]
  }

  struct Cases: Encodable { var cases: [Case] }

  struct Reference: Decodable {
    var embedding: [[Double]]
    var labels: [Int]
    var centres: [[Double]]
    var inertia: Double
    var n_iter: Int
  }

  struct References: Decodable {
    var sklearn: String
    var values: [String: Reference]
  }

  /// rec's side of a case: the clustering, its points' labels (from 0) and its seeds as points.
  struct Ours {
    var clustering: Clustering
    var labels: [Int]
    var seedPoints: [Int]
  }

  static func run(_ name: String, _ subject: Clustering.Subject, k: Int, world: DemoWorld) throws -> (Case, Ours) {
    let tables = Dictionary(uniqueKeysWithValues: world.tables.map { ($0.name, $0.table) })
    let plays = try #require(tables["plays"])
    let clustering = try Clustering(
      subject, k: k, by: plays, named: "plays", catalog: tables["titles"], seed: 7, countRange: nil, tableRange: nil)
    let id = subject == .titles ? "title" : "member"
    let ids = integers(try #require(clustering.embedding[id]))
    let rows = coordinates(clustering.embedding)
    let clusters = integers(try #require(clustering.assignments["cluster"]))
    let placed = ids.indices.filter { clusters[$0] != Int.min }
    let seedIDs = integers(try #require(clustering.seeds[id]))
    let seedPoints = try seedIDs.map { s in try #require(placed.firstIndex { ids[$0] == s }) }
    let ours = Ours(clustering: clustering, labels: placed.map { clusters[$0] - 1 }, seedPoints: seedPoints)
    let the = Case(
      name: name, subject: subject.rawValue, member: integers(try #require(plays["member"])),
      title: integers(try #require(plays["title"])), ids: ids, points: placed.map { rows[$0] },
      seeds: coordinates(clustering.seeds))
    return (the, ours)
  }

  static func integers(_ column: Column) -> [Int] { (0..<column.count).map { column.int(at: $0) ?? Int.min } }

  /// The `e1 … e64` columns of `table`, row by row.
  static func coordinates(_ table: Table) -> [[Double]] {
    let columns = Clustering.coordinateNames.map { name in
      table[name].map { c in (0..<c.count).map { c.value(at: $0).number ?? .nan } } ?? []
    }
    return (0..<table.count).map { r in columns.map { $0[r] } }
  }

  static let installed: Bool = {
    let installed = (try? OBPCrossCheckTests.python([script.path, "--check"]).status) == 0
    if !installed { print("cluster cross-check skipped: python3 cannot import numpy, scipy and scikit-learn") }
    return installed
  }()

  @Test(.enabled(if: installed, "needs python3 with numpy, scipy and scikit-learn"))
  func embeddingAndKMeansAgreeWithScikitLearn() throws {
    let worlds = [
      DemoWorld.generate(members: 1_500, titles: 400, seed: 3), DemoWorld.generate(members: 300, titles: 40, seed: 4),
    ]
    let runs = [
      try Self.run("titles", .titles, k: 12, world: worlds[0]),
      try Self.run("members", .members, k: 6, world: worlds[0]),
      try Self.run("few titles", .titles, k: 5, world: worlds[1]),
    ]
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("rec-cluster-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: file) }
    try JSONEncoder().encode(Cases(cases: runs.map(\.0))).write(to: file)
    let result = try OBPCrossCheckTests.python([Self.script.path, file.path])
    #expect(result.status == 0)
    let references = try JSONDecoder().decode(References.self, from: result.stdout)
    for (the, ours) in runs {
      let reference = try #require(references.values[the.name])
      let clustering = ours.clustering
      // The embedding, every row of the kept table, clustered or not.
      let rows = Self.coordinates(clustering.embedding)
      #expect(rows.count == reference.embedding.count)
      var worstEmbedding = 0.0
      for (a, b) in zip(rows, reference.embedding) {
        for (x, y) in zip(a, b) { worstEmbedding = max(worstEmbedding, abs(x - y)) }
      }
      #expect(worstEmbedding <= 1e-12, "\(the.name): embedding differs by \(worstEmbedding)")
      // Labels, wherever scikit-learn's two nearest centres are apart.
      var compared = 0
      for (i, point) in the.points.enumerated() {
        let distances = reference.centres.map { c in zip(point, c).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
          .sorted()
        guard distances.count < 2 || distances[1] - distances[0] > 1e-9 * distances[1] else { continue }
        #expect(ours.labels[i] == reference.labels[i], "\(the.name): point \(i)")
        compared += 1
      }
      #expect(compared > the.points.count * 9 / 10)
      let relative = abs(clustering.inertia - reference.inertia) / reference.inertia
      #expect(relative <= 1e-9, "\(the.name): inertia \(clustering.inertia) vs \(reference.inertia)")
      #expect(clustering.iterations == reference.n_iter)
      // The centres, from the same seeds as the statement's.
      let points = PointMatrix(values: the.points.flatMap { $0 }, dimensions: CoPlayEmbedding.dimensions)
      let kmeans = try KMeans(points, seeds: ours.seedPoints)
      #expect(kmeans.labels.map(Int.init) == ours.labels)
      var worstCentre = 0.0
      for (c, centre) in reference.centres.enumerated() {
        for (j, y) in centre.enumerated() {
          worstCentre = max(worstCentre, abs(kmeans.centres[c * CoPlayEmbedding.dimensions + j] - y))
        }
      }
      #expect(worstCentre <= 1e-9, "\(the.name): centres differ by \(worstCentre)")
      print(
        "\(the.name): \(the.points.count) points, k \(the.seeds.count), \(clustering.iterations) iterations; "
          + "embedding |Δ| ≤ \(worstEmbedding), \(compared) labels compared, inertia relative Δ \(relative), "
          + "centres |Δ| ≤ \(worstCentre) (scikit-learn \(references.sklearn))")
    }
  }
}
