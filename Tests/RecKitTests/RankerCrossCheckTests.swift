import Foundation
import Testing

@testable import RecCore
@testable import RecKit

/// rec's search rankers against independent references (`Tests/Rankers/ranker_check.py`), from the
/// tables rec saves on a small demo split at 2026-06-01: every feature value of the training rows
/// but `affinity` recomputed from `titles`, `members`, `plays`, `searches` and the training
/// searches (C2, to 1e-12); the logistic coefficients against scikit-learn's
/// `LogisticRegression(C=1, solver="newton-cholesky")` (C3, 1e-9); the network, started from its
/// exported initial weights, against `MLPClassifier(solver="adam", shuffle=False)` (C4, 1e-9
/// relative); and `explain search`'s contributions recomputed from the weights and the scaler
/// (C8, 1e-9).
///
/// Runs where python3 imports numpy and scikit-learn; skipped elsewhere.
@Suite struct RankerCrossCheckTests {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Rankers/ranker_check.py")

  static let program = """
    load demo members 400 titles 300 seed 7
    split searches by time at 2026-06-01 into before, after
    ranker lin = logistic
      candidates prefix(typos: 1), genre, cast limit 60
      context query_length, intent, country, language, hour
      title popularity, recency, genres, kind
      context_title prefix_match, query_clicks, prefix_clicks, affinity, genre_affinity, seen, country_popularity
      negatives 9
      trained on before
    explain search "the" for member 42 with lin limit 3
    save _ to "lin.explain.csv"
    ranker nn = mlp(hidden: [8, 4], epochs: 3, batch: 64, lr: 0.01, l2: 0.001, seed: 3)
      candidates prefix(typos: 1), genre, cast limit 60
      context query_length, intent, country, hour
      title popularity, recency, genres, kind
      context_title prefix_match, affinity, genre_affinity, seen
      negatives 9
      trained on before
    explain search "comedy" for member 42 with nn limit 3
    save _ to "nn.explain.csv"
    """
  static let saved = [
    "titles", "members", "plays", "searches", "before", "lin.training", "lin.weights", "lin.scaler", "nn.training",
    "nn.init", "nn.weights", "nn.scaler",
  ]
  static let settings = #"{"hidden": [8, 4], "epochs": 3, "batch": 64, "lr": 0.01, "l2": 0.001}"#

  struct Report: Decodable {
    struct Features: Decodable {
      var compared: Int
      var max: Double
    }
    struct Fit: Decodable {
      var rows: Int
      var max: Double
    }
    struct Network: Decodable {
      var rows: Int
      var epochs: Int
      var max_relative: Double
    }
    struct Explain: Decodable {
      var compared: Int
      var max: Double
    }
    var sklearn: String
    var features: Features
    var logistic: Fit
    var network: Network
    var explain: Explain
  }

  static let installed: Bool = {
    let found = (try? RanxCrossCheckTests.python([script.path, "--check"]).status) == 0
    if !found { print("ranker cross-check skipped: python3 cannot import numpy and scikit-learn") }
    return found
  }()

  @Test(.enabled(if: installed, "needs python3 with numpy and scikit-learn"))
  func rankersAgreeWithScikitLearnAndRecomputedFeatures() throws {
    let folder = TemporaryFolder()
    folder.write("settings.json", Self.settings)
    let text = Self.program + "\n" + Self.saved.map { "save \($0) to \"\($0).csv\"" }.joined(separator: "\n") + "\n"
    let session = Session(options: SessionOptions(directory: folder.path)) { _, _ in }
    if let problem = session.run(SourceFile(name: "check.rec", text: text)) { throw problem }
    let result = try RanxCrossCheckTests.python([Self.script.path, folder.path])
    #expect(result.status == 0)
    let report = try JSONDecoder().decode(Report.self, from: result.stdout)
    print(
      "scikit-learn \(report.sklearn): features \(report.features.compared) values, max |difference| "
        + "\(report.features.max); logistic \(report.logistic.max); network (relative) "
        + "\(report.network.max_relative); explain \(report.explain.max)")
    #expect(report.features.compared > 10_000)
    #expect(report.features.max <= 1e-12)
    #expect(report.logistic.max <= 1e-9)
    #expect(report.network.epochs == 3)
    #expect(report.network.max_relative <= 1e-9)
    #expect(report.explain.compared > 100)
    #expect(report.explain.max <= 1e-9)
  }
}
