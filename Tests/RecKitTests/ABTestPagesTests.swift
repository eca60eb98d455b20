import Testing

@testable import RecKit
@testable import RecCore
@testable import RecEngine

/// `abtest A vs B on SPLIT`: members split by their own seeded draw, each judged on the page of
/// its group; the groups' figures are those of `eval … per member` over the same members.
@Suite struct ABTestPagesTests {
  static let script = smallDemoRows(members: 600, seed: 5) + """
    page personal
      rows because, top
    page popular
      rows top
    eval personal, popular on test metrics recall@4x5, hit@5 per member
    let scores = from _
    abtest personal vs popular on test split 70/30 seed 11 metrics recall@4x5, hit@5
    """

  @Test func groupsAreSeededDrawsJudgedOnTheirOwnPage() throws {
    var errors: [String] = []
    let session = Session(options: SessionOptions()) { text, stream in if stream == .status { errors.append(text) } }
    if let problem = session.run(SourceFile(name: "ab.rec", text: Self.script)) { throw problem }
    let scores = session.tables["scores"]!
    let result = session.tables["_"]!
    var perMember: [String: [Int: Double]] = [:]
    for i in 0..<scores.count {
      guard case .string(let page) = scores["page"]!.value(at: i), case .string(let metric) = scores["metric"]!.value(at: i)
      else { continue }
      perMember["\(page) \(metric)", default: [:]][scores["member"]!.int(at: i)!] = scores["value"]!.double(at: i)!
    }
    let members = perMember["personal recall@4x5"]!.keys.sorted()
    let inControl = Dictionary(uniqueKeysWithValues: members.map { m in
      var draw = SeededRandom(seed: 11, stream: UInt64(m))
      return (m, draw.uniform() < 0.7)
    })
    #expect(result.count == 4)
    for (row, (metric, group)) in [("recall@4x5", "personal"), ("recall@4x5", "popular"), ("hit@5", "personal"), ("hit@5", "popular")].enumerated() {
      #expect(result["metric"]!.value(at: row) == .string(metric))
      #expect(result["group"]!.value(at: row) == .string(group))
      let mine = members.filter { inControl[$0]! == (group == "personal") }
      let values = mine.map { perMember["\(group) \(metric)"]![$0]! }
      #expect(result["members"]!.int(at: row) == mine.count)
      #expect(abs(result["mean"]!.double(at: row)! - values.reduce(0, +) / Double(values.count)) < 1e-12)
    }
    let control = members.filter { inControl[$0]! }.count
    let share = Double(control) / Double(members.count)
    #expect(members.count > 300 && abs(share - 0.7) < 0.06, "a 70/30 draw of \(members.count) members gave \(control) to control")
    #expect(!errors.contains { $0.contains("SAMPLE RATIO MISMATCH") })
  }

  @Test func refusesCoverageWhichHasNoPerMemberValue() throws {
    let session = Session(options: SessionOptions()) { _, _ in }
    let definitions = Self.script.split(separator: "\n").prefix { !$0.hasPrefix("eval") }
    let text = definitions.joined(separator: "\n") + "\nabtest personal vs popular on test metrics coverage\n"
    let problem = session.run(SourceFile(name: "ab.rec", text: text))
    #expect(problem?.message == "expected a per-member metric (coverage is a property of all pages together)")
  }
}
