import Testing

@testable import RecKit
@testable import RecCore
@testable import RecSyntax

@Suite struct DiagnosticRendererTests {
  @Test func rendersLocationLineAndCaret() {
    let file = SourceFile(name: "x.rec", text: "load demo\nfrom plyas | take 3\n")
    let start = 15
    let d = Diagnostic(.unknownTable("plyas", known: ["plays", "titles"]), at: SourceRange(file: file, bytes: start..<start + 5))
    #expect(
      DiagnosticRenderer().render(d) == """
        x.rec:2:6: error: unknown table 'plyas'; did you mean 'plays'?
          |
        2 | from plyas | take 3
          |      ^~~~~

        """)
  }

  @Test func suggestsOnlyNearNames() {
    #expect(nearest(to: "limt", among: ["limit", "where", "from"]) == "limit")
    #expect(nearest(to: "zzzz", among: ["limit", "where"]) == nil)
  }
}
