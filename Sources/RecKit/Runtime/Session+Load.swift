extension Session {
  /// `load demo|movielens|recbole|obd|table …`: reads or makes tables, then says what it did.
  func execute(_ load: Load, range: SourceRange) throws(Diagnostic) {
    let clock = ContinuousClock()
    let start = clock.now
    switch load {
    case .demo(let options):
      var members = DemoWorld.defaultMembers
      var titles = DemoWorld.defaultTitles
      var seed = DemoWorld.defaultSeed
      for (name, value) in options {
        guard case .literal(.int(let n)) = value.kind, n > 0 else {
          throw Diagnostic(.expected("a positive integer", after: "'\(name.text)'"), at: value.range)
        }
        switch name.text {
        case "members": members = n
        case "titles": titles = n
        default: seed = UInt64(n)
        }
      }
      let world = DemoWorld.generate(members: members, titles: titles, seed: seed)
      demo = world
      for (name, table) in world.tables { tables[name] = table }
      let elapsed = formatSeconds(clock.now - start)
      status("loaded demo (seed \(seed)) in \(elapsed) s:")
      for (name, table) in world.tables {
        status("  \(name): \(count(table.count, "row")) × \(count(table.names.count, "column"))")
      }
    case .dataset(let format, let path):
      let report: LoadReport
      let loaded: [(String, Table)]
      switch format.text {
      case "movielens":
        (loaded, report) = try wrap(path) { (directory: String) throws(DataError) in
          try MovieLensLoader.load(directory: directory, displayName: path.value)
        }
      case "recbole":
        (loaded, report) = try wrap(path) { (directory: String) throws(DataError) in
          try RecBoleLoader.load(directory: directory, displayName: path.value)
        }
      case "obd":
        (loaded, report) = try wrap(path) { (directory: String) throws(DataError) in
          try OBDLoader.load(directory: directory, displayName: path.value)
        }
      default:
        throw Diagnostic(.notAvailableYet("load \(format.text)"), at: format.range.union(path.range))
      }
      for (name, table) in loaded { tables[name] = table }
      for line in report.lines(timed: true) { status(line) }
    case .table(let name, let path, let format, let map):
      let mapping = map.map { (to: $0.to.text, from: $0.from.text) }
      let (loaded, report) = try wrap(path) { (resolved: String) throws(DataError) in
        try FileLoader.load(
          table: name.text, path: resolved, displayName: path.value,
          format: format.flatMap { FileFormat(rawValue: $0.text) }, map: mapping)
      }
      for (name, table) in loaded { tables[name] = table }
      for line in report.lines(timed: true) { status(line) }
    }
  }

  /// `save NAME to "FILE"`: any table or result back to CSV, TSV or JSON Lines, atomically.
  func save(_ name: Identifier, to path: StringLiteral) throws(Diagnostic) {
    guard let table = tables[name.text] else {
      throw Diagnostic(.unknownTable(name.text, known: Array(tables.keys)), at: name.range)
    }
    try wrap(path) { (resolved: String) throws(DataError) in try TableWriter.write(table, to: resolved, displayName: path.value, format: nil) }
    status("saved \(name.text) to \(path.value): \(count(table.count, "row"))")
  }

  /// Resolves a path against the session's folder and turns a data error into a diagnostic
  /// located at the path literal.
  func wrap<T>(_ path: StringLiteral, _ body: (String) throws(DataError) -> T) throws(Diagnostic) -> T {
    do {
      return try body(resolve(path.value))
    } catch {
      throw Diagnostic(.dataError(error.message), at: path.range)
    }
  }
}
