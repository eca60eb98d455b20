/// `load obd DIR`: the Open Bandit Dataset layout (Saito et al., 2021) mapped onto `impressions`.
///
/// `DIR` is a campaign folder such as `obd/random/all`, holding `<campaign>.csv` (named for the
/// folder: `all.csv`; or `all.parquet`, the same columns as Parquet) with `timestamp, item_id, position, click, propensity_score,
/// user_feature_*, user-item_affinity_*`, and `item_context.csv`. Each row is one request:
/// `title ← item_id` (the action: the item shown), `played ← click`, `propensity ←
/// propensity_score`, `at ← timestamp`; `position` and the user features stay as they are, and
/// `user-item_affinity_k` becomes `user_item_affinity_k` (a name the language can spell). The
/// unnamed index column pandas writes first is dropped. Every item is a candidate of every request.
public enum OBDLoader {
  public static func load(
    directory: String, displayName: String, cancellation: Cancellation = .never
  ) throws(DataError) -> (tables: [(String, Table)], report: LoadReport) {
    let clock = ContinuousClock()
    let start = clock.now
    guard FileBytes.exists(directory) else { throw DataError.fileNotFound(displayName) }
    let trimmed = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    let base = trimmed.split(separator: "/").last.map(String.init) ?? trimmed
    let parquet = FileBytes.exists(FileLoader.join(directory, base + ".parquet"))
      && !FileBytes.exists(FileLoader.join(directory, base + ".csv"))
    let campaign = base + (parquet ? ".parquet" : ".csv")
    let display = FileLoader.join(displayName, campaign)
    var raw = try TableReader.read(
      path: FileLoader.join(directory, campaign), displayName: display, format: parquet ? .parquet : .csv,
      cancellation: cancellation)
    let renames = [
      ("timestamp", "at"), ("item_id", "title"), ("click", "played"), ("propensity_score", "propensity"),
    ]
    for (from, _) in renames where raw[from] == nil {
      throw DataError.malformed(display, "no '\(from)' column: not the Open Bandit Dataset layout")
    }
    var table = Table()
    var mapped: [String] = []
    for (name, column) in zip(raw.names, raw.columns) {
      if let (_, to) = renames.first(where: { $0.0 == name }) {
        if to == "played" {
          guard let clicks = column.intValues else {
            throw DataError.malformed(display, "'click' must be 0 or 1 in every row, found a \(column.type) column")
          }
          table.set(to, Column(type: .bool, intValues: clicks))
        } else {
          table.set(to, column)
        }
        mapped.append("\(to) ← \(name)")
      } else if name.isEmpty || name == "column1" || name == "Unnamed: 0" {
        continue
      } else {
        table.set(name.replacingDashes, column)
      }
    }
    raw = Table()
    var report = LoadReport()
    report.read(display)
    if FileBytes.exists(FileLoader.join(directory, "item_context.csv")) {
      report.read(FileLoader.join(displayName, "item_context.csv"))
    }
    report.made("impressions", table, mapped: mapped + ["user-item_affinity_* → user_item_affinity_*"])
    report.elapsedSeconds = (clock.now - start).inSeconds
    return ([("impressions", table)], report)
  }
}

extension String {
  /// The name with `-` spelt `_`.
  fileprivate var replacingDashes: String { String(map { $0 == "-" ? "_" : $0 }) }
}
