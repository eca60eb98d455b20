import RecCore
import RecEngine

extension Session {
  /// `load demo|movielens|recbole|obd|table …`: reads or makes tables, then says what it did.
  /// What the load makes obsolete goes (see `Lineage`), and the definitions are checked again
  /// against the new columns.
  func load(_ plan: LoadPlan) throws(Diagnostic) {
    let clock = ContinuousClock()
    let start = clock.now
    switch plan {
    case .demo(let members, let titles, let seed):
      let world = DemoWorld.generate(members: members, titles: titles, seed: seed, cancellation: cancellation)
      try cancellation.check()
      let dropped = replace(with: world.tables, dataset: true, named: "load demo")
      demo = world
      status("loaded demo (seed \(seed)) in \(formatSeconds(clock.now - start)) s:")
      for (name, table) in world.tables {
        status("  \(name): \(count(table.count, "row")) × \(count(table.names.count, "column"))")
      }
      dropped.forEach(status)
    case .dataset(let dataset, let path):
      let (loaded, report) = try read(path) { (directory: String) throws(DataError) in
        switch dataset {
        case .movielens:
          try MovieLensLoader.load(directory: directory, displayName: path.written, cancellation: cancellation)
        case .recbole:
          try RecBoleLoader.load(directory: directory, displayName: path.written, cancellation: cancellation)
        case .obd:
          try OBDLoader.load(directory: directory, displayName: path.written, cancellation: cancellation)
        }
      }
      let dropped = replace(with: loaded, dataset: true, named: "load \(dataset.rawValue)")
      demo = nil
      (report.lines(timed: true) + dropped).forEach(status)
      report.warnings.forEach { warn(.dataWarning($0)) }
    case .table(let name, let path, let format, let map, let reading):
      let (loaded, report) = try read(path) { (file: String) throws(DataError) in
        try FileLoader.load(
          table: name, path: file, displayName: path.written, format: format, map: map, reading: reading,
          cancellation: cancellation)
      }
      let dropped = replace(with: loaded, dataset: false, named: "load table")
      (report.lines(timed: true) + dropped).forEach(status)
      report.warnings.forEach { warn(.dataWarning($0)) }
    }
    recheckDefinitions()
  }

  /// Puts the loaded tables in place and drops what they make obsolete.
  /// - Returns: the status lines that say what was dropped.
  private func replace(with loaded: [(String, Table)], dataset: Bool, named load: String) -> [String] {
    let made = loaded.map(\.0)
    let drop = lineage.load(made, dataset: dataset, named: load, existing: Array(tables.keys))
    var droppedSplits: [(SplitPair, String)] = []
    for (name, pair) in splits where drop.reasons[pair.train] != nil || drop.reasons[pair.test] != nil {
      splits[name] = nil
      let reason = drop.reasons[pair.train] ?? drop.reasons[pair.test] ?? ""
      dropped[name] = reason
      if name == pair.train { droppedSplits.append((pair, reason)) }
    }
    for name in drop.tables {
      tables.removeValue(forKey: name)
      metricColumns[name] = nil
      dropped[name] = drop.reasons[name]
    }
    for (name, table) in loaded {
      tables[name] = table
      metricColumns[name] = nil
      dropped[name] = nil
    }
    homeIndexes.clear()
    banditLogs.clear()
    var lines = droppedSplits.map { pair, reason in "dropped split \(pair.train)/\(pair.test): \(reason)" }
    let sides = Set(droppedSplits.flatMap { [$0.0.train, $0.0.test] })
    var byReason: [(reason: String, names: [String])] = []
    for name in drop.tables where !sides.contains(name) {
      let reason = drop.reasons[name] ?? ""
      if let i = byReason.firstIndex(where: { $0.reason == reason }) {
        byReason[i].names.append(name)
      } else {
        byReason.append((reason, [name]))
      }
    }
    for (reason, names) in byReason {
      lines.append("dropped \(names.count == 1 ? "table" : "tables") \(names.joined(separator: ", ")): \(reason)")
    }
    return lines
  }

  /// Checks every definition again against the tables as they are now, and warns about those
  /// that no longer check; they stay, to be fixed or used once the data fits them again.
  private func recheckDefinitions() {
    var checker = checker(ImportCache())
    for definition in definitions.values {
      do {
        _ = try checker.check(definition.statement)
      } catch {
        emit(.warning(error.asWarning()))
      }
    }
  }

  /// `save NAME to "FILE"`: any table or result back to CSV, TSV or JSON Lines, atomically.
  func save(_ name: String, to path: FilePath) throws(Diagnostic) {
    let table = try table(name, at: path.range)
    try read(path) { (file: String) throws(DataError) in
      try TableWriter.write(table, to: file, displayName: path.written, format: nil, cancellation: cancellation)
    }
    status("saved \(name) to \(path.written): \(count(table.count, "row"))")
  }

  /// The session's table `name`: the checker made sure it is there when the statement began.
  func table(_ name: String, at range: SourceRange?) throws(Diagnostic) -> Table {
    guard let table = tables[name] else {
      throw Diagnostic(.unknownTable(name, known: Array(tables.keys)), at: range)
    }
    return table
  }

  /// Runs `body` on a file's resolved path and turns a data error into a diagnostic located at
  /// the path as written.
  func read<T>(_ path: FilePath, _ body: (String) throws(DataError) -> T) throws(Diagnostic) -> T {
    do {
      return try body(path.resolved)
    } catch {
      if error.kind == .interrupted { throw Diagnostic(.interrupted(), at: nil) }
      throw Diagnostic(.dataError(error.message), at: path.range)
    }
  }
}
