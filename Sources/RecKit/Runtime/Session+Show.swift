import RecCore
import RecEngine
import RecOutput
import RecSyntax

extension Session {
  /// `show page P for member M`, `show row R for member M`: the member's page as they see it.
  func show(_ plan: ShowPlan) throws(Diagnostic) {
    let id = plan.member.id
    let grid: PageGrid
    if case .logged = plan.page.layout {
      guard let logged = try builder(plan.page, context: showContext).page(for: id) else {
        throw Diagnostic(.unknownMember(String(id)), at: plan.member.range)
      }
      grid = logged
    } else {
      grid = try assemble(plan.page, member: plan.member).grid
    }
    let names = titleNames()
    emit(
      .page(
        PageView(
          heading: "\(plan.what) \(plan.page.name) for member \(id)",
          rows: grid.rows.map { row in PageView.Row(title: row.title, titles: row.titles.map { ($0, names[$0]) }) })))
  }

  /// `explain page P for member M`: per candidate row its features, utility (with a model's
  /// logit terms, or an uplift model's mean uplift beside the relevance), the rules that fired and where it went (or why it was dropped).
  func explain(_ page: PagePlan, member: MemberChoice) throws(Diagnostic) {
    let decisions = try assemble(page, member: member).decisions
    func number(_ f: @escaping (RowFeatures) -> Double) -> (Decision) -> Value {
      { d in d.features.map { .float((f($0) * 1000).rounded() / 1000) } ?? .null }
    }
    typealias Decision = HomePageBuilder.Decision
    var columns: [(String, ColumnType, (Decision) -> Value)] = [
      // The row's title first: it names the row, so a table wrapped into several boxes repeats it.
      ("row_title", .string, { .string($0.title) }),
      ("row", .string, { .string($0.definition) }),
      ("slot", .int, { $0.slot.map { .int($0) } ?? .null }),
      ("outcome", .string, { .string($0.outcome) }),
      ("rules", .string, { .string($0.rules.joined(separator: "; ")) }),
      ("utility", .float, { $0.utility.map { .float(($0 * 1000).rounded() / 1000) } ?? .null }),
      ("relevance", .float, number(\.relevance)),
      ("freshness", .float, number(\.freshness)),
      ("popularity", .float, number(\.popularity)),
      ("novelty", .float, number(\.novelty)),
      ("similarity", .float, number(\.similarity)),
    ]
    if decisions.contains(where: { $0.features?.uplift != nil }) {
      // `utility uplift`: the plays a row would cause beside the plays it foresees.
      columns.insert(("uplift", .float, { d in d.features?.uplift.map { .float(($0 * 1000).rounded() / 1000) } ?? .null }), at: 7)
    }
    if decisions.contains(where: { !$0.terms.isEmpty }) {
      // A model's logit, part by part: "base -1.52, relevance +0.31, position -0.08".
      columns.insert(
        (
          "terms", .string,
          { d in
            .string(d.terms.map { "\($0.name) \($0.value < 0 ? "" : "+")\(format($0.value))" }.joined(separator: ", "))
          }
        ), at: 6)
    }
    show(Table(columns.map { name, type, f in (name, Column(type: type, values: decisions.map(f))) }))
  }

  /// The history `show` and `explain` build from: every play, "now" the latest.
  private var showContext: PageContext {
    PageContext(plays: tables["plays"] ?? Table(), tables: tablesByName, now: nil)
  }

  private func assemble(
    _ page: PagePlan, member: MemberChoice
  ) throws(Diagnostic) -> (grid: PageGrid, decisions: [HomePageBuilder.Decision]) {
    let builder = try homePageBuilder(page, context: showContext)
    guard let result = try builder.assemble(member.id) else {
      throw Diagnostic(.unknownMember(String(member.id)), at: member.range)
    }
    return result
  }

  /// Title names by id, from `titles`.
  private func titleNames() -> [Int: String] {
    guard let titles = tables["titles"], let ids = titles["id"], let names = titles["name"] else { return [:] }
    var out: [Int: String] = [:]
    for i in 0..<titles.count {
      if let id = ids.int(at: i), case .string(let s) = names.value(at: i) { out[id] = s }
    }
    return out
  }
}
