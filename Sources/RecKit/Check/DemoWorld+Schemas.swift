import RecEngine

extension DemoWorld {
  /// The demo's tables and their columns, known without generating the full world: `rec check`
  /// resolves names in a script that loads the demo from these.
  /// A world of 4 members and 8 titles has every table and column of the full one.
  static let schemas: [(name: String, schema: Schema)] = DemoWorld.generate(members: 4, titles: 8, seed: 1).tables
    .map { ($0.name, Schema(of: $0.table)) }
}
