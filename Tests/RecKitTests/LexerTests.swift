import Testing

@testable import RecKit
@testable import RecCore
@testable import RecSyntax

@Suite struct LexerTests {
  func tokens(_ text: String) -> (SourceFile, [Token]) {
    let file = SourceFile(name: "t.rec", text: text)
    var lexer = Lexer(file)
    return (file, lexer.tokenize())
  }

  /// Kind and text of every token but the end of file.
  func lexed(_ text: String) -> [String] {
    let (file, tokens) = tokens(text)
    return tokens.dropLast().map { "\($0.kind):\(file.text($0.range))" }
  }

  @Test func numbersTakeTheirSuffixes() {
    #expect(
      lexed("1_000 0.25 20% 2.5% 90s 30m 12h 7d 2w 4x5") == [
        "integer:1_000", "decimal:0.25", "percent:20%", "percent:2.5%", "duration:90s", "duration:30m",
        "duration:12h", "duration:7d", "duration:2w", "grid:4x5",
      ])
  }

  @Test func datesAndDatetimes() {
    #expect(
      lexed("2026-06-01 2026-06-01T18:30 2026-06-01T18:30:15 2026-6-1") == [
        "date:2026-06-01", "datetime:2026-06-01T18:30", "datetime:2026-06-01T18:30:15",
        "integer:2026", "minus:-", "integer:6", "minus:-", "integer:1",
      ])
  }

  @Test func backquotesMakeOneQuotedName() {
    let (_, names) = tokens("`recall@4x5` `and`")
    #expect(names.dropLast().map(\.kind) == [Token.Kind.identifier, .identifier])
    #expect(names.dropLast().map(\.quoted) == [true, true])
    #expect(names[0].range == 0..<12)
    let (_, open) = tokens("`a b\nc")
    #expect(open[0].problem?.message.text == DiagnosticMessage.unterminatedQuotedName().text)
    #expect(open[0].range == 0..<4)
    #expect(open[1].kind == .identifier && !open[1].quoted)
    #expect(tokens("``").1[0].problem?.message.text == DiagnosticMessage.emptyQuotedName().text)
  }

  @Test func rangesAndRemainders() {
    #expect(lexed("1..10") == ["integer:1", "dotDot:..", "integer:10"])
    #expect(lexed("n % 2") == ["identifier:n", "percentSign:%", "integer:2"])
    #expect(lexed("10%2") == ["integer:10", "percentSign:%", "integer:2"])
  }

  @Test func identifiersIncludeUnderscoresAndDigits() {
    #expect(lexed("top10 _ _1 recall@Mx5") == ["identifier:top10", "identifier:_", "identifier:_1",
      "identifier:recall", "at:@", "identifier:Mx5"])
  }

  @Test func operatorsAndPunctuation() {
    #expect(
      lexed("( ) [ ] , : . | = == != < <= > >= + - * /") == [
        "leftParen:(", "rightParen:)", "leftBracket:[", "rightBracket:]", "comma:,", "colon::", "dot:.",
        "pipe:|", "equal:=", "equalEqual:==", "notEqual:!=", "less:<", "lessEqual:<=", "greater:>",
        "greaterEqual:>=", "plus:+", "minus:-", "star:*", "slash:/",
      ])
  }

  @Test func commentsAreSkippedButNotInsideStrings() {
    #expect(lexed("take 3 # the first three\n") == ["identifier:take", "integer:3"])
    #expect(lexed(##"row a "# not a comment""##) == ["identifier:row", "identifier:a", ##"string:"# not a comment""##])
  }

  @Test func stringsWithEscapesAndNestedInterpolation() {
    #expect(lexed(#""a \"b\" {f("x")}" 1"#) == [#"string:"a \"b\" {f("x")}""#, "integer:1"])
  }

  @Test func unterminatedStringPointsAtItsOpeningQuote() {
    let (_, tokens) = tokens("row top \"Top 10\n  from x")
    #expect(tokens[2].kind == .string)
    #expect(tokens[2].range == 8..<15)
    #expect(tokens[2].problem?.message.id == "unterminatedString")
    #expect(tokens[2].problem?.range == 8..<9)
    #expect(tokens[3].startsLine)
  }

  @Test func badCharacterIsAnInvalidToken() {
    let (_, tokens) = tokens("take $ é")
    #expect(tokens.map(\.kind) == [.identifier, .invalid, .invalid, .endOfFile])
    #expect(tokens[1].problem?.message.text == "unexpected character '$'")
    #expect(tokens[2].range == 7..<9)
    #expect(tokens[2].problem?.message.text == "unexpected character 'é'")
  }

  @Test func malformedNumberIsOneInvalidToken() {
    #expect(lexed("10abc 4xM") == ["invalid:10abc", "invalid:4xM"])
  }

  @Test func lineStartsRecordIndentationAndBlankLines() {
    let (_, tokens) = tokens("row a\n  from x\n\n# note\n    \npage b\n  # only a comment\n  rows a")
    let starts = tokens.filter(\.startsLine).map { ($0.indentation, $0.followsBlankLine) }
    #expect(starts.map(\.0) == [0, 2, 0, 2, 0])
    #expect(starts.map(\.1) == [false, false, true, false, false])
    #expect(tokens.last?.kind == .endOfFile)
  }

  @Test func lexesASubrangeOnly() {
    let file = SourceFile(name: "t.rec", text: #"row a "x {member.country} y""#)
    var lexer = Lexer(file, range: 10..<24)
    let tokens = lexer.tokenize()
    #expect(tokens.map(\.kind) == [.identifier, .dot, .identifier, .endOfFile])
    #expect(tokens[0].range == 10..<16)
  }
}
