import Testing

@testable import RecKit
@testable import RecCore

/// `metric NAME = EXPR on pages`: an aggregate over the cells of each member's page, judged in
/// `eval` like a built-in metric.
@Suite struct FormulaMetricTests {
  static let script = smallDemoRows(members: 500, seed: 3) + """
    diversity unique
      unique titles
    page personal
      candidates because, top
      utility relevance
      diversity unique
      size 6 x 8
    metric corner_hits = sum(relevant and row <= 4 and col <= 5) on pages
    metric cells = count() on pages
    eval personal on test metrics recall@4x5, corner_hits, cells per member
    """

  /// On a page without repeated titles, the relevant cells in the first 4 rows and 5 columns
  /// are recall@4x5's numerator: the formula must equal recall × |relevant| for every member.
  @Test func aFormulaOverCellsAgreesWithTheBuiltInRecall() throws {
    let session = Session(options: SessionOptions()) { _, _ in }
    if let problem = session.run(SourceFile(name: "f.rec", text: Self.script)) { throw problem }
    let result = session.tables["_"]!
    var values: [String: [Int: Double]] = [:]
    for i in 0..<result.count {
      guard case .string(let metric) = result["metric"]!.value(at: i) else { continue }
      values[metric, default: [:]][result["member"]!.int(at: i)!] = result["value"]!.double(at: i)!
    }
    let test = session.tables["test"]!
    var relevant: [Int: Set<Int>] = [:]
    for i in 0..<test.count { relevant[test["member"]!.int(at: i)!, default: []].insert(test["title"]!.int(at: i)!) }
    let members = values["recall@4x5"]!.keys.sorted()
    #expect(members.count == relevant.count)
    #expect(values["corner_hits"]!.values.contains { $0 > 0 })
    for m in members {
      #expect(values["corner_hits"]![m]! == (values["recall@4x5"]![m]! * Double(relevant[m]!.count)).rounded(), "member \(m)")
      #expect(values["cells"]![m]! <= 48)
    }
  }

  @Test func aMetricOnAnotherTableIsRefusedAtItsName() throws {
    let session = Session(options: SessionOptions()) { _, _ in }
    let definitions = Self.script.split(separator: "\n").prefix { !$0.hasPrefix("eval") }.joined(separator: "\n")
    let text = definitions + "\nmetric play_rate = sum(played) / count() on impressions\neval personal on test metrics play_rate\n"
    let problem = session.run(SourceFile(name: "f.rec", text: text))
    #expect(problem?.message == "metric 'play_rate' is defined on 'impressions'; eval judges pages, so its metrics are defined 'on pages'")
    let range = try #require(problem?.range)
    #expect(range.file.line(of: range.bytes.lowerBound) == 21)
    #expect(range.file.text[range.file.text.utf8.index(range.file.text.startIndex, offsetBy: range.bytes.lowerBound)...].hasPrefix("play_rate\n"))
  }
}
