import RecCore
import RecEngine

/// What a `load` statement makes, its options read.
enum LoadPlan: Sendable {
  /// `load demo [members N] [titles N] [seed N]`
  case demo(members: Int, titles: Int, seed: UInt64)
  /// `load movielens|recbole|obd "DIR"`
  case dataset(Dataset, FilePath)
  /// `load table NAME from "FILE" [as csv|tsv|jsonl|parquet] [map a = b, …] [na …] [types …]`
  case table(name: String, FilePath, format: FileFormat?, map: [(to: String, from: String)], reading: ColumnReading)

  /// The dataset layouts `load` reads from a folder.
  enum Dataset: String, Sendable, CaseIterable {
    case movielens, recbole, obd

    /// The tables a load of this layout makes, with their columns where the loader fixes them
    /// (MovieLens maps its files onto the canonical schema); nil where they depend on the files.
    var tables: [(name: String, schema: Schema?)] {
      switch self {
      case .movielens: MovieLensLoader.schemas.map { ($0.name, $0.schema) }
      case .recbole: ["plays", "ratings", "titles", "members"].map { ($0, nil) }
      case .obd: [("impressions", nil)]
      }
    }
  }
}

/// A `split` statement's table and rule, its literals read.
struct SplitPlan: Sendable {
  var table: String
  var tableRange: SourceRange
  var rule: SplitRule
  var train: String
  var test: String
}
