/// The layouts `load table` reads and `save` writes.
public enum FileFormat: String, Sendable, CaseIterable {
  /// Comma-separated values, RFC 4180 quoting.
  case csv
  /// Tab-separated values, no quoting.
  case tsv
  /// JSON Lines: one object per line.
  case jsonl
  /// Apache Parquet, read only (`ParquetReader`); a folder of Parquet files is one table.
  case parquet

  /// The format a file name's extension implies (`.csv`, `.tsv`/`.tab`, `.jsonl`/`.ndjson`,
  /// `.parquet`/`.parq`),
  /// nil when the extension is none of these.
  public init?(path: String) {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
    switch path[path.index(after: dot)...].lowercased() {
    case "csv": self = .csv
    case "tsv", "tab": self = .tsv
    case "jsonl", "ndjson": self = .jsonl
    case "parquet", "parq": self = .parquet
    default: return nil
    }
  }

  /// The format named in `as csv|tsv|jsonl|parquet`.
  public init?(name: String) {
    self.init(rawValue: name.lowercased())
  }
}
