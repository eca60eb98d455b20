extension Clustering {
  /// The columns of the coordinates: `e1 … e64`.
  static let coordinateNames = (1...CoPlayEmbedding.dimensions).map { "e\($0)" }

  /// The tables a clustering of `subject` keeps, with their columns: the assignments
  /// (`title_clusters`), the embedding (`title_clusters.embedding`) and the initial centres
  /// (`title_clusters.seeds`); for members, `member_clusters`, ….
  public static func keptSchemas(_ subject: Subject) -> [(name: String, schema: Schema)] {
    let id = subject.idColumn
    let coordinates = coordinateNames.map { (name: $0, type: ColumnType.float) }
    return [
      (subject.tableName, Schema([(id, .int), ("cluster", .int), ("distance", .float)])),
      (subject.tableName + ".embedding", Schema([(id, .int)] + coordinates)),
      (subject.tableName + ".seeds", Schema([("cluster", .int), (id, .int)] + coordinates)),
    ]
  }

  /// The columns of the summary a clustering shows.
  public static let summarySchema = Schema([
    ("cluster", .int), ("size", .int), ("plays_share", .float), ("top_titles", .list),
  ])
}
