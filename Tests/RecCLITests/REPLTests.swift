import Foundation
import Testing

/// The REPL through a pseudo-terminal, with libedit, history and signals as a person meets them.
@Suite(.serialized) final class REPLTests {
  /// This test's folder for its history file, removed when the test ends.
  private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-repl-\(UUID())")

  deinit { try? FileManager.default.removeItem(at: folder) }

  /// A history file in a fresh folder.
  private func historyFile() throws -> String {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("history").path
  }

  @Test func statementsFailAndTheSessionKeepsItsState() throws {
    let terminal = try PseudoTerminal(environment: ["REC_HISTORY": try historyFile(), "NO_COLOR": "1"])
    try terminal.expect("rec 0.1.0 — type .help for help, .quit to leave")
    try terminal.atPrompt()
    terminal.type(".mode markdown\r")
    try terminal.atPrompt()
    terminal.type("from plyas | take 3\r")
    try terminal.expect("error: ")
    try terminal.atPrompt()
    terminal.type(".mode\r")
    try terminal.expect("current mode: markdown")
    try terminal.atPrompt()
    terminal.type(".quit\r")
    #expect(try terminal.waitForExit() == 0)
  }

  @Test func tabCompletesADotCommand() throws {
    let terminal = try PseudoTerminal(environment: ["REC_HISTORY": try historyFile()])
    try terminal.atPrompt()
    terminal.type(".tab\t")
    try terminal.expect("les")
    terminal.type("\r")
    try terminal.expect("no tables")
    try terminal.atPrompt()
    terminal.type(".mo\tcsv\r")
    try terminal.atPrompt()
    terminal.type(".mode\r")
    try terminal.expect("current mode: csv")
    try terminal.atPrompt()
    terminal.type("\u{4}")
    #expect(try terminal.waitForExit() == 0)
  }

  @Test func historyIsWrittenAndSeenByTheNextSession() throws {
    let history = try historyFile()
    let first = try PseudoTerminal(environment: ["REC_HISTORY": history])
    try first.atPrompt()
    first.type(".timer on\r")
    try first.atPrompt()
    first.type("load demo members 20 titles 10\r")
    try first.atPrompt()
    first.type("   \r")
    try first.atPrompt()
    first.type(".quit\r")
    #expect(try first.waitForExit() == 0)
    let saved = try String(contentsOfFile: history, encoding: .utf8)
    #expect(saved == "_HiStOrY_V2_\n.timer\\040on\nload\\040demo\\040members\\04020\\040titles\\04010\n.quit\n")
    let folder = (history as NSString).deletingLastPathComponent
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["history"])

    let second = try PseudoTerminal(environment: ["REC_HISTORY": history])
    try second.atPrompt()
    second.type(".history\r")
    try second.expect("1  .timer on")
    try second.expect("2  load demo members 20 titles 10")
    try second.expect("3  .quit")
    try second.expect("4  .history")
    try second.atPrompt()
    second.type(".quit\r")
    #expect(try second.waitForExit() == 0)
  }

  /// Two sessions open at once on one history file: each line goes to the file as it is when
  /// typed, so neither session's lines are lost when the other writes or quits last.
  @Test func sessionsSharingAHistoryFileKeepEachOthersLines() throws {
    let history = try historyFile()
    let a = try PseudoTerminal(environment: ["REC_HISTORY": history])
    let b = try PseudoTerminal(environment: ["REC_HISTORY": history])
    try a.atPrompt()
    try b.atPrompt()
    for (terminal, line) in [(a, "set seed 11"), (b, "set seed 22"), (a, "set seed 12"), (b, "set seed 23")] {
      terminal.type(line + "\r")
      try terminal.atPrompt()
    }
    b.type(".quit\r")
    #expect(try b.waitForExit() == 0)
    a.type(".quit\r")
    #expect(try a.waitForExit() == 0)
    let saved = try String(contentsOfFile: history, encoding: .utf8)
    #expect(
      saved == "_HiStOrY_V2_\nset\\040seed\\04011\nset\\040seed\\04022\nset\\040seed\\04012\nset\\040seed\\04023\n.quit\n.quit\n")
  }

  /// Types `lines` one at a time, each after the prompt it waits for: a definition's lines after
  /// the continuation prompt, so that nothing is typed ahead.
  private func typeDefinition(_ lines: [String], into terminal: PseudoTerminal) throws {
    for (i, line) in lines.enumerated() {
      terminal.type(line + "\r")
      try terminal.expect(i == lines.count - 1 ? "rec> " : "  …> ", timeout: 60)
      try terminal.waitForLineEditor()
    }
  }

  /// A statement complete on its line runs when Enter is pressed, though `eval` could take
  /// clause lines; a definition's header asks for them, and an empty line ends it.
  @Test func aCompleteStatementRunsAtOnce() throws {
    let terminal = try PseudoTerminal(environment: ["REC_HISTORY": try historyFile(), "NO_COLOR": "1"])
    try terminal.atPrompt()
    terminal.type("load demo members 200 titles 60 seed 3\r")
    try terminal.atPrompt(timeout: 60)
    terminal.type("split plays by time at 2026-06-01 into train, test\r")
    try terminal.atPrompt(timeout: 60)
    try typeDefinition(["row pop \"Popular\"", "  from popular()", ""], into: terminal)
    try typeDefinition(["page home", "  rows pop", ""], into: terminal)
    terminal.type(".mode csv\r")
    try terminal.atPrompt()
    // No empty line after it: the result comes at once.
    terminal.type("eval home on test\r")
    try terminal.expect("page,members,recall@4x5,ndcg@20,coverage", timeout: 60)
    try terminal.atPrompt(timeout: 60)
    // A metric completes to its cut-off's `@`, with no space after it.
    terminal.type("eval home on test metrics nd\t")
    try terminal.expect("cg@")
    terminal.type("10\r")
    try terminal.expect("page,members,ndcg@10", timeout: 60)
    try terminal.atPrompt(timeout: 60)
    // Pasted lines are read as a script reads them: the indented clause line belongs to the eval.
    terminal.type("eval home on test\r  metrics hit@7\r")
    try terminal.expect("page,members,hit@7", timeout: 60)
    try terminal.atPrompt(timeout: 60)
    terminal.type(".quit\r")
    #expect(try terminal.waitForExit() == 0)
  }

  /// A definition typed over several lines is one history entry: listed as one, saved on one
  /// line of the file, recalled whole with the up arrow, edited, and run again as one.
  @Test func aDefinitionIsOneHistoryEntry() throws {
    let history = try historyFile()
    let terminal = try PseudoTerminal(environment: ["REC_HISTORY": history, "NO_COLOR": "1"])
    try terminal.atPrompt()
    try typeDefinition(["row r \"R\"", "  from popular()", "  limit 5", ""], into: terminal)
    terminal.type(".history\r")
    try terminal.expect("1  row r \"R\"\r\n     from popular()\r\n     limit 5\r\n2  .history")
    try terminal.atPrompt()
    let saved = try String(contentsOfFile: history, encoding: .utf8)
    let definition = "row\\040r\\040\"R\"\\012\\040\\040from\\040popular()\\012\\040\\040limit\\040"
    #expect(saved == "_HiStOrY_V2_\n\(definition)5\n.history\n")
    // Up twice reaches the definition; at its end, change the limit and run it again.
    terminal.type("\u{1B}[A\u{1B}[A")
    try terminal.expect("limit 5")
    terminal.type("\u{7F}7\r")
    try terminal.atPrompt()
    terminal.type(".show r\r")
    try terminal.expect("limit 7")
    try terminal.atPrompt()
    terminal.type(".quit\r")
    #expect(try terminal.waitForExit() == 0)
    let lines = try String(contentsOfFile: history, encoding: .utf8).split(separator: "\n")
    #expect(lines.dropFirst(3) == ["\(definition)7", ".show\\040r", ".quit"])
  }

  /// Tab completes by where the cursor is: row names after a page's `rows`, on its clause line.
  @Test func tabCompletesRowNamesOnAPageClauseLine() throws {
    let terminal = try PseudoTerminal(environment: ["REC_HISTORY": try historyFile(), "NO_COLOR": "1"])
    try terminal.atPrompt()
    try typeDefinition(["row continue \"Continue\"", "  from continue_watching()", ""], into: terminal)
    terminal.type("page home\r")
    try terminal.expect("  …> ")
    try terminal.waitForLineEditor()
    terminal.type("  rows con\t")
    try terminal.expect("tinue")
    terminal.type("\r\r")
    try terminal.atPrompt()
    terminal.type(".show home\r")
    try terminal.expect("rows continue")
    try terminal.atPrompt()
    terminal.type(".quit\r")
    #expect(try terminal.waitForExit() == 0)
  }

  /// Ctrl-C at the prompt: the half-typed line is dropped, a new prompt comes, and the session
  /// goes on.
  @Test func ctrlCAtThePromptGivesANewPrompt() throws {
    let terminal = try PseudoTerminal(environment: ["REC_HISTORY": try historyFile()])
    try terminal.atPrompt()
    terminal.type(".mode csv\r")
    try terminal.atPrompt()
    terminal.type(".tim")
    try terminal.expect(".tim")
    kill(terminal.pid, SIGINT)
    try terminal.atPrompt()
    terminal.type(".mode\r")
    try terminal.expect("current mode: csv")
    try terminal.atPrompt()
    terminal.type(".ti")
    try terminal.expect(".ti")
    terminal.type("\u{3}")
    try terminal.atPrompt()
    terminal.type(".quit\r")
    #expect(try terminal.waitForExit() == 0)
  }

  /// Ctrl-C during a long statement stops it; the tables made before it stay.
  @Test func ctrlCStopsARunningStatementAndKeepsTheSession() throws {
    let terminal = try PseudoTerminal(environment: ["REC_HISTORY": try historyFile(), "NO_COLOR": "1"])
    try terminal.atPrompt()
    terminal.type("load demo members 3000 titles 300\r")
    try terminal.atPrompt(timeout: 120)
    // Every member's plays joined with every other play of the same member: tens of
    // millions of rows, far longer than the moment before Ctrl-C.
    terminal.type("from plays | join plays on member = member | group by member (n = count())\r")
    Thread.sleep(forTimeInterval: 0.5)
    terminal.type("\u{3}")
    try terminal.expect("error: interrupted", timeout: 60)
    try terminal.atPrompt()
    terminal.type(".tables\r")
    try terminal.expect("plays")
    try terminal.atPrompt()
    terminal.type(".quit\r")
    #expect(try terminal.waitForExit() == 0)
  }

  /// Ctrl-C stops each kind of long statement at once, at the prompt; the tables made
  /// before it stay as they were, and a table the stopped statement would have written is not
  /// there.
  @Test func ctrlCStopsEveryLongStatementWithinASecond() throws {
    let terminal = try PseudoTerminal(environment: ["REC_HISTORY": try historyFile(), "NO_COLOR": "1"])
    try terminal.atPrompt()
    let script = """
      load demo members 5000 titles 500 seed 3
      split plays by time at 2026-06-01 into train, test
      row pop "Popular"
        from popular()
        exclude watched

      row because "Because you watched {seed.name}"
        for seed in recent_plays(limit: 20)
        from similar(seed, by: blend)
        exclude watched

      page home "Home"
        rows pop, because
        size 21 x 1000

      policy ts = thompson(prior: beta(1, 1)) context country
      """
    for line in script.split(separator: "\n", omittingEmptySubsequences: false) { terminal.type(line + "\r") }
    try terminal.expect("split plays:", timeout: 120)
    let saved = FileManager.default.temporaryDirectory.appendingPathComponent("rec-stopped-\(UUID()).csv").path
    for statement in [
      "load demo members 400000 titles 2000",
      "eval home on test metrics recall@20x1000, ndcg@1000, diversity",
      "sweep recall@Mx1000 for M in 1..1000 over home on test",
      "simulate ts on artwork for 100_000_000 impressions",
      "estimate ts on impressions with ips, snips, dm, dr",
      "save impressions to \"\(saved)\"",
    ] {
      try terminal.atPrompt(timeout: 60)
      terminal.type(statement + "\r")
      Thread.sleep(forTimeInterval: 0.5)
      terminal.type("\u{3}")
      let pressed = Date()
      try terminal.expect("error: interrupted", timeout: 30)
      try terminal.atPrompt()
      // Alone, each stops within a tenth of a second; the slack is for a machine busy with the
      // other suites.
      #expect(Date().timeIntervalSince(pressed) < 2, "'\(statement)' went on after Ctrl-C")
      terminal.type("from members | group by n = 1 (members = count())\r")
      try terminal.expect("5000")
    }
    #expect(!FileManager.default.fileExists(atPath: saved))
    try terminal.atPrompt()
    terminal.type(".quit\r")
    #expect(try terminal.waitForExit() == 0)
  }
}
