import Foundation
import Testing

@testable import RecCore
@testable import RecEngine
@testable import RecKit

/// The T-learner's arms against scikit-learn's `LogisticRegression(C=1, solver="newton-cholesky",
/// tol=1e-10)` on each arm's standardised rows (`Tests/Benchmarks/tlearner_check.py`), to 1e-9 on
/// every standardised coefficient: against the stored values in `Fixtures/tlearner/sklearn.json`
/// always, and live from the training rows rec keeps (`causal.treated`, `causal.control`) where
/// python3 imports numpy and scikit-learn.
@Suite struct TLearnerCrossCheckTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let fixture = folder.appendingPathComponent("Fixtures/tlearner/sklearn.json")
  static let script = folder.deletingLastPathComponent().appendingPathComponent("Benchmarks/tlearner_check.py")
  static let tolerance = 1e-9

  static let program = """
    load demo members 600 titles 200 seed 7
    split exposures by time at 2026-06-01 into ex_train, ex_test
    uplift causal = tlearner(logistic(affinity(member, title), log(1 + title.popularity), days_since(title.released), days_since(member.joined))) on ex_train
    save causal.treated to "treated.csv"
    save causal.control to "control.csv"
    """

  struct Reference: Decodable {
    struct Arm: Decodable {
      var features: [String]
      var rows: Int
      var standardised: [Double]
    }
    var sklearn: String
    var treated: Arm
    var control: Arm
  }

  /// Runs the program in `directory`; rec's standardised coefficients by arm, from the table the
  /// definition prints and keeps as `_`.
  static func fit(in directory: String) throws -> [String: [Double]] {
    let session = Session(options: SessionOptions(directory: directory)) { _, _ in }
    if let problem = session.run(SourceFile(name: "check.rec", text: program)) { throw problem }
    let table = try #require(session.tables["_"])
    let arms = try #require(table["arm"])
    let values = try #require(table["standardised"])
    var byArm: [String: [Double]] = [:]
    for i in 0..<table.count {
      byArm[arms.value(at: i).text, default: []].append(try #require(values.double(at: i)))
    }
    return byArm
  }

  static func expectAgreement(_ rec: [String: [Double]], _ reference: Reference) {
    for (name, arm) in [("treated", reference.treated), ("control", reference.control)] {
      let mine = rec[name] ?? []
      #expect(mine.count == arm.standardised.count, "\(name)")
      let gap = zip(mine, arm.standardised).map { abs($0 - $1) }.max() ?? .infinity
      #expect(gap <= tolerance, "\(name): max |rec − scikit-learn| = \(gap)")
    }
  }

  @Test func armsEqualStoredScikitLearnFits() throws {
    let folder = TemporaryFolder()
    let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: Self.fixture))
    #expect(reference.treated.rows > 1000 && reference.control.rows > 200)
    Self.expectAgreement(try Self.fit(in: folder.path), reference)
  }

  static let installed: Bool = {
    let found = (try? RanxCrossCheckTests.python([script.path, "--check"]).status) == 0
    if !found { print("T-learner cross-check skipped: python3 cannot import numpy and scikit-learn") }
    return found
  }()

  @Test(.enabled(if: installed, "needs python3 with numpy and scikit-learn"))
  func armsEqualLiveScikitLearnFits() throws {
    let folder = TemporaryFolder()
    let rec = try Self.fit(in: folder.path)
    let result = try RanxCrossCheckTests.python([Self.script.path, folder.path])
    #expect(result.status == 0)
    let reference = try JSONDecoder().decode(Reference.self, from: result.stdout)
    print("scikit-learn \(reference.sklearn): \(reference.treated.rows) treated rows, \(reference.control.rows) control rows")
    Self.expectAgreement(rec, reference)
  }
}
