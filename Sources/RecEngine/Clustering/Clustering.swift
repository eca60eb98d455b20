import RecCore

/// `cluster titles|members into K by T`: k-means over the co-play embedding of a table of
/// plays, with the tables that show and keep the result.
public struct Clustering: Sendable {
  /// What is clustered.
  public enum Subject: String, Sendable, CaseIterable {
    case titles, members

    /// The name of the table of assignments; the embedding and the seeds are kept beside it
    /// as `NAME.embedding` and `NAME.seeds`.
    public var tableName: String { self == .titles ? "title_clusters" : "member_clusters" }
    /// The id column of the kept tables.
    var idColumn: String { self == .titles ? "title" : "member" }
  }

  public let subject: Subject
  public let k: Int
  /// Points clustered: titles or members with a row in the embedding.
  public let points: Int
  /// Titles or members of the plays without a row, so without a cluster.
  public let unplaced: Int
  public let iterations: Int
  /// Whether the labels stopped changing before the iteration limit.
  public let converged: Bool
  public let inertia: Double
  /// `cluster, size, plays_share, top_titles`, one row per cluster.
  public let summary: Table
  /// `title|member, cluster, distance`, in id order; cluster and distance missing without a row.
  public let assignments: Table
  /// `title|member, e1 … e64`, in id order.
  public let embedding: Table
  /// `cluster, title|member, e1 … e64`: the initial centres, in cluster order.
  public let seeds: Table

  /// Clusters the titles or members of the table `plays` (columns `member` and `title`, integer
  /// ids) into `k` clusters, seeded from `seed`; the names of top titles come from `catalog`
  /// (`id`, `name`) where it has them.
  /// - Throws: at `countRange` when `k` is more than the points there are, at `tableRange`
  ///   when `plays` lacks an integer `member` or `title` column.
  public init(
    _ subject: Subject, k: Int, by plays: Table, named table: String, catalog: Table?, seed: UInt64,
    countRange: SourceRange?, tableRange: SourceRange?, cancellation: Cancellation = .never
  ) throws(Diagnostic) {
    guard let member = plays["member"]?.integers, let title = plays["title"]?.integers else {
      let missing = plays["member"]?.integers == nil ? "member" : "title"
      throw Diagnostic(.notAPlaysTable(table, reason: "it has no integer '\(missing)' column"), at: tableRange)
    }
    let pairs = try PlayPairs(member: member, title: title, cancellation: cancellation)
    let titleEmbedding = try CoPlayEmbedding(pairs, cancellation: cancellation)
    let ids: [Int]
    let rows: [Double]
    let hasRow: [Bool]
    switch subject {
    case .titles:
      (ids, rows, hasRow) = (pairs.titleIDs, titleEmbedding.rows, titleEmbedding.hasRow)
    case .members:
      let members = try MemberEmbedding(pairs, titles: titleEmbedding, cancellation: cancellation)
      (ids, rows, hasRow) = (pairs.memberIDs, members.rows, members.hasRow)
    }
    let placed = hasRow.indices.filter { hasRow[$0] }
    let d = CoPlayEmbedding.dimensions
    let points = PointMatrix(rows: placed, of: rows, dimensions: d)
    guard let kmeans = try KMeans(points, k: k, seed: seed, cancellation: cancellation) else {
      throw Diagnostic(
        .tooManyClusters(k, points: placed.count, of: subject.rawValue, table: table), at: countRange)
    }
    self.subject = subject
    self.k = k
    self.points = placed.count
    unplaced = ids.count - placed.count
    iterations = kmeans.iterations
    converged = kmeans.converged
    inertia = kmeans.inertia

    var cluster = [Int32](repeating: -1, count: ids.count)
    var distance = [Double](repeating: .nan, count: ids.count)
    for (p, i) in placed.enumerated() {
      cluster[i] = kmeans.labels[p]
      distance[i] = kmeans.squaredDistances[p].squareRoot()
    }
    let idName = subject.idColumn
    assignments = Table([
      (idName, Column(type: .int, ints: ids)),
      ("cluster", Column(type: .int, ints: cluster.map { $0 < 0 ? Int.min : Int($0) + 1 })),
      ("distance", Column(type: .float, storage: .float64(distance))),
    ])
    embedding = Self.rowsTable([(idName, Column(type: .int, ints: ids))], rows: rows, count: ids.count)
    var seedRows = [Double]()
    seedRows.reserveCapacity(k * d)
    for p in kmeans.seeds { seedRows += points.values[p * d..<(p + 1) * d] }
    seeds = Self.rowsTable(
      [
        ("cluster", Column(type: .int, ints: (0..<k).map { $0 + 1 })),
        (idName, Column(type: .int, ints: kmeans.seeds.map { ids[placed[$0]] })),
      ], rows: seedRows, count: k)
    summary = Self.summary(subject, k: k, labels: cluster, pairs: pairs, catalog: catalog)
    try cancellation.check()
  }

  /// `columns` followed by `e1 … e64`, the coordinates of `count` rows.
  static func rowsTable(_ columns: [(String, Column)], rows: [Double], count: Int) -> Table {
    let d = CoPlayEmbedding.dimensions
    var all = columns
    for (j, name) in coordinateNames.enumerated() {
      let values = (0..<count).map { rows[$0 * d + j] }
      all.append((name, Column(type: .float, storage: .float64(values))))
    }
    return Table(all)
  }
}
