import Foundation
import Testing

@Suite struct CommandLineTests {
  @Test func version() throws {
    let result = try BinaryRunner.run(["--version"])
    #expect(result.stdout == "rec 0.1.0\n")
    #expect(result.status == 0)
  }

  @Test func helpMatchesTheGoldenText() throws {
    let result = try BinaryRunner.run(["--help"])
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        OVERVIEW: A notebook-style REPL and language for recommendation work.

        With no subcommand and no -c, rec opens the REPL. When standard input is not a terminal, it reads
        statements from it with no prompts.

        USAGE: rec [-c <statements> ...] [--format <format>] [--color <color>] [--timer] <subcommand>

        OPTIONS:
          -c <statements>         Run the statements (or one dot-command) and exit; repeat it to run
                                  several in order, stopping at the first error.
          --format <format>       How result tables are drawn. (values: box, markdown, csv, json, line;
                                  default: box)
          --color <color>         Colour output: auto (only on a terminal, and not when NO_COLOR is set),
                                  on or off. (values: auto, on, off; default: auto)
          --timer                 Print each statement's wall time after it (as .timer on does at the
                                  prompt).
          --version               Show the version.
          -h, --help              Show help information.

        SUBCOMMANDS:
          run                     Run script files in one session, stopping at the first error.
          check                   Parse script files and resolve every name they use, without loading data.
          fmt                     Rewrite a script file in canonical layout.

          See 'rec help <subcommand>' for detailed help.

        """)
  }

  @Test func failingCommandLineStatementExits65WithTheRenderedDiagnostic() throws {
    let result = try BinaryRunner.run(["-c", ".tabels"])
    #expect(result.status == 65)
    #expect(result.stdout == "")
    #expect(
      result.stderr == """
        <command line>:1:1: error: unknown command '.tabels'; did you mean '.tables'?
          |
        1 | .tabels
          | ^~~~~~~

        """)
  }

  @Test func failingStatementExits65() throws {
    let result = try BinaryRunner.run(["-c", "from plyas | take 3"])
    #expect(result.status == 65)
    #expect(result.stdout == "")
    #expect(result.stderr.contains("error: "))
  }

  @Test func dotCommandOnTheCommandLine() throws {
    let result = try BinaryRunner.run(["-c", ".help .mode"])
    #expect(result.status == 0)
    #expect(result.stdout == ".mode box|markdown|csv|json|line\n\nset how result tables are drawn\n")
  }

  @Test func missingScriptExits66() throws {
    let result = try BinaryRunner.run(["run", "no/such/script.rec"])
    #expect(result.status == 66)
    #expect(result.stderr == "rec: error: no such file 'no/such/script.rec': it does not exist\n")
    #expect(try BinaryRunner.run(["check", "missing.rec"]).status == 66)
  }

  @Test func badCommandLineUseExits64() throws {
    let unknown = try BinaryRunner.run(["--bogus"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.hasPrefix("Error: Unknown option '--bogus'\n"))
    let missing = try BinaryRunner.run(["run"])
    #expect(missing.status == 64)
    #expect(missing.stderr.hasPrefix("Error: Missing expected argument '<file> ...'\n"))
    #expect(try BinaryRunner.run(["run", "--format", "xml", "x.rec"]).status == 64)
  }

  @Test func pipedStatementsShowNoPromptsOrEscapes() throws {
    let result = try BinaryRunner.run([], input: ".mode csv\n\n.mode\n.timer on\n")
    #expect(result.status == 0)
    #expect(result.stdout == "current mode: csv\n")
    #expect(result.stderr == "")
  }

  @Test func pipedErrorsAreReportedAndTheRestStillRuns() throws {
    let result = try BinaryRunner.run([], input: ".mode markdown\n.tabels\n.mode\n")
    #expect(result.status == 65)
    #expect(result.stdout == "current mode: markdown\n")
    #expect(result.stderr.hasPrefix("<stdin>:2:1: error: unknown command '.tabels'"))
    #expect(!result.stdout.contains("\u{1B}"))
  }

  /// `rec check` resolves names without loading anything: the demo's schema is known, and a
  /// misspelt column of a demo table is found before any data exists.
  @Test func checkResolvesNamesWithoutData() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-check-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = "load demo\nfrom plays | group by member.country (n = count())\nrow r\n  from popular(window: 7d)\n"
    try good.write(to: folder.appendingPathComponent("good.rec"), atomically: true, encoding: .utf8)
    let bad = "load demo\nfrom plays | where completon > 0.5\n"
    try bad.write(to: folder.appendingPathComponent("bad.rec"), atomically: true, encoding: .utf8)
    let ok = try BinaryRunner.run(["check", "good.rec"], directory: folder.path)
    #expect(ok.status == 0)
    #expect(ok.stdout.isEmpty && ok.stderr.isEmpty)
    let failed = try BinaryRunner.run(["check", "bad.rec"], directory: folder.path)
    #expect(failed.status == 65)
    #expect(failed.stderr.hasPrefix(
      "bad.rec:2:20: error: unknown column 'completon' in 'plays'; did you mean 'completion'?\n"))
  }

  /// Each `-c` runs in order, in one session, until the first error.
  @Test func repeatedDashCRunsEachInOrderAndStopsAtTheFirstError() throws {
    let both = try BinaryRunner.run(["-c", "load demo members 20 titles 10", "-c", ".schema titles"])
    #expect(both.status == 0)
    #expect(both.stdout.contains("genres"))
    let stopped = try BinaryRunner.run(["-c", "from nowhere", "-c", ".schema titles"])
    #expect(stopped.status == 65)
    #expect(stopped.stdout == "")
    #expect(stopped.stderr.hasPrefix("<command line>:1:6: error: unknown table 'nowhere'\n"))
  }

  /// One `-c` may mix statements and dot-commands, a dot-command on a line of its own; errors
  /// name the line within the text.
  @Test func oneDashCMixesStatementsAndDotCommands() throws {
    let result = try BinaryRunner.run(["-c", "load demo members 20 titles 10\n.schema members\nfrom nowhere"])
    #expect(result.status == 65)
    #expect(result.stdout.hasPrefix("column    type\nid        int\n"))
    #expect(result.stderr.contains("<command line>:3:6: error: unknown table 'nowhere'\n"))
  }

  /// A FIFO (what a shell's `<(…)` or a named pipe gives) is read to its end, as a script and
  /// as a table: it has no size to map.
  @Test func scriptsAndTablesAreReadFromPipes() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-fifo-\(UUID())").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let feeds = ["script.rec": "load table t from \"t.csv\"\nfrom t\n", "t.csv": "a,b\n1,2\n"]
    for name in feeds.keys { #expect(mkfifo(folder + "/" + name, 0o600) == 0) }
    let writers = feeds.map { name, text in
      Thread {
        let fd = open(folder + "/" + name, O_WRONLY)
        _ = text.withCString { write(fd, $0, strlen($0)) }
        close(fd)
      }
    }
    writers.forEach { $0.start() }
    let result = try BinaryRunner.run(["run", "script.rec"], directory: folder)
    #expect(result.status == 0)
    #expect(result.stdout == "┌───┬───┐\n│ a │ b │\n├───┼───┤\n│ 1 │ 2 │\n└───┴───┘\n1 row × 2 columns\n")
  }
}
