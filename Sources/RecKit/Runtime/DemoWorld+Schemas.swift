extension DemoWorld {
  /// The demo's tables and their columns, known without generating the full world:
  /// `rec check` resolves names in a script that loads the demo from these.
  static let schemas: [(String, Schema)] = DemoWorld.generate(members: 4, titles: 8, seed: 1).tables.map {
    ($0.name, Schema(of: $0.table))
  }
}
