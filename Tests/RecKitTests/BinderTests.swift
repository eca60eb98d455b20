import Testing

@testable import RecKit
@testable import RecCore
@testable import RecSyntax

@Suite struct BinderTests {
  /// The diagnostic `p` fails with when checked against the tiny schemas.
  func failure(_ p: Pipeline) -> Diagnostic? {
    do {
      _ = try TinyData.bind(p)
      return nil
    } catch {
      return error
    }
  }

  @Test func checkGivesTheResultSchema() throws {
    let s = try TinyData.bind(pipe(
      "plays",
      .group(keys: [named(nil, dot(col("member"), "country"))], aggregates: [
        named("n", call("count")), named("hours", bin(.divide, call("sum", col("title")), int(3600))),
        named("p90", call("p90", col("completion"))),
      ]))).schema
    #expect(s.names == ["country", "n", "hours", "p90"])
    #expect(s.columns.map(\.type) == [.string, .int, .float, .float])
  }

  @Test func unknownTableSuggestsTheNearest() {
    let src = Marked("from plyas | take 3")
    let d = failure(pipe("plyas", .take(int(3)), at: src["plyas"]))
    #expect(d?.message == "unknown table 'plyas'; did you mean 'plays'?")
    #expect(d?.range == src["plyas"])
  }

  @Test func unknownColumnSuggestsTheNearest() {
    let src = Marked("from plays | where completon > 0.9")
    let d = failure(pipe("plays", .filter(bin(.greater, col("completon", at: src["completon"]), float(0.9)))))
    #expect(d?.message == "unknown column 'completon' in 'plays'; did you mean 'completion'?")
    #expect(d?.range == src["completon"])
  }

  @Test func unknownFieldOfAKeyPointsAtTheField() {
    let src = Marked("from plays | select member.contry")
    let d = failure(pipe("plays", .select([named(nil, dot(col("member"), "contry", at: src["member.contry"]))])))
    #expect(d?.message == "unknown column 'contry' in 'members'; did you mean 'country'?")
    #expect(d?.range == src["contry"])
  }

  @Test func dottedAccessNeedsAKeyColumn() {
    let src = Marked("from plays | select completion.x")
    let d = failure(pipe("plays", .select([named(nil, dot(col("completion", at: src["completion"]), "x"))])))
    #expect(d?.message == "column 'completion' does not refer to a table: there is no table 'completions' with an 'id' column")
    #expect(d?.range == src["completion"])
  }

  @Test func unknownFunctionSuggestsTheNearest() {
    let src = Marked("from plays | group by member (n = cnt())")
    let d = failure(pipe("plays", .group(keys: [named(nil, col("member"))], aggregates: [named("n", call("cnt", at: src["cnt()"]))])))
    #expect(d?.message == "unknown function 'cnt'; did you mean 'count'?")
    #expect(d?.range == src["cnt()"])
  }

  @Test func aggregateOutsideGroup() {
    let src = Marked("from plays | where avg(completion) > 0.5")
    let d = failure(pipe("plays", .filter(bin(.greater, call("avg", col("completion"), at: src["avg(completion)"]), float(0.5)))))
    #expect(d?.message == "aggregate 'avg' outside 'group by'")
    #expect(d?.range == src["avg(completion)"])
  }

  @Test func columnOutsideAggregate() {
    let src = Marked("from plays | group by member (c = completion)")
    let d = failure(pipe("plays", .group(keys: [named(nil, col("member"))], aggregates: [named("c", col("completion", at: src["completion"]))])))
    #expect(d?.message == "column 'completion' must be a 'group by' key or inside an aggregate")
    #expect(d?.range == src["completion"])
  }

  @Test func arithmeticOnTextNamesTheColumn() {
    let src = Marked("from titles | derive x = year + name")
    let d = failure(pipe("titles", .derive([named("x", bin(.add, col("year"), col("name", at: src["name"]), at: src["year + name"]))])))
    #expect(d?.message == "cannot add text to number (column 'name')")
    #expect(d?.range == src["name"])
  }

  @Test func comparingDifferentTypesNamesTheCulprit() {
    let src = Marked("from titles | where kind > 3")
    let d = failure(pipe("titles", .filter(bin(.greater, col("kind", at: src["kind"]), int(3)))))
    #expect(d?.message == "cannot compare text with number (column 'kind')")
    #expect(d?.range == src["kind"])
  }

  @Test func whereNeedsACondition() {
    let src = Marked("from plays | where completion")
    let d = failure(pipe("plays", .filter(col("completion", at: src["completion"]))))
    #expect(d?.message == "expected a true/false condition after 'where', found number")
    #expect(d?.range == src["completion"])
  }

  @Test func wrongArgumentCountAndType() {
    let src = Marked("from plays | select a = log(1, 2), b = len(title)")
    let count = failure(pipe("plays", .select([named("a", call("log", int(1), int(2), at: src["log(1, 2)"]))])))
    #expect(count?.message == "'log' takes 1 argument, found 2")
    #expect(count?.range == src["log(1, 2)"])
    let type = failure(pipe("plays", .select([named("b", call("len", col("title", at: src["title"])))])))
    #expect(type?.message == "'len' expects a list, found number (column 'title')")
    #expect(type?.range == src["title"])
  }

  @Test func duplicateAndUnnamedColumns() {
    let src = Marked("from plays | select member, member, title + 1")
    let dup = failure(pipe("plays", .select([named(nil, col("member")), named(nil, col("member", at: src["member, t"]))])))
    #expect(dup?.message == "duplicate column 'member' in 'select'")
    #expect(dup?.range == src["member, t"])
    let unnamed = failure(pipe("plays", .select([named(nil, bin(.add, col("title"), int(1), at: src["title + 1"]))])))
    #expect(unnamed?.message == "expected a name for this expression in 'select', as in 'name = …'")
    #expect(unnamed?.range == src["title + 1"])
  }

  @Test func joinKeysMustHaveOneType() {
    let src = Marked("from plays | join titles on member = name")
    let d = failure(pipe("plays", .join(table: ident("titles"), on: Expr(.binary(col("member", at: src["member"]), [BinaryLink(.equal, col("name"))]), src["member = name"]))))
    #expect(d?.message == "cannot join number (column 'member') with text (column 'name' of 'titles')")
    #expect(d?.range == src["member = name"])
  }

  @Test func laterStagesSeeTheNewSchema() {
    let src = Marked("from plays | group by member (n = count()) | where title > 1")
    let d = failure(pipe(
      "plays", .group(keys: [named(nil, col("member"))], aggregates: [named("n", call("count"))]),
      .filter(bin(.greater, col("title", at: src["title"]), int(1)))))
    #expect(d?.message == "unknown column 'title' in 'plays'")
    #expect(d?.range == src["title"])
  }
}
