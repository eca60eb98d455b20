import Foundation
import Testing

/// `rec run FILE --notebook report.md|report.html` through the built binary.
@Suite struct NotebookCommandTests {
  static let tiny = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Contract/eval/tiny").path

  /// A scratch folder holding `script.rec`: the tiny logged pages, judged and swept, then a failing save.
  static func scratch() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-notebook-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let script = """
      # ## Tiny pages
      # Judged against what members played after the cut.
      load table titles from "\(tiny)/titles.csv"
      load table plays from "\(tiny)/plays.csv"
      load table pages from "\(tiny)/pages.csv"
      split plays by time at 2026-06-01 into train, test
      page shown from table pages

      sweep recall@Mx2 for M in 1..3 over shown on test
      save pages to "no/such/x.csv"

      """
    try Data(script.utf8).write(to: folder.appendingPathComponent("script.rec"))
    return folder
  }

  @Test func markdownDocumentWithChartFilesBesideIt() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try BinaryRunner.run(["run", "script.rec", "--notebook", "report.md"], directory: folder.path)
    #expect(result.status == 65)  // the script's last statement fails; the document is still written
    #expect(result.stdout.contains("recall@Mx2"))  // the terminal gets the usual output
    let document = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(document.hasPrefix("## Tiny pages\nJudged against what members played after the cut.\n\n```rec\nload table titles"))
    #expect(document.contains("""
      ```rec
      page shown from table pages

      sweep recall@Mx2 for M in 1..3 over shown on test
      ```

      | page  |   M |  value |
      |-------|----:|-------:|
      | shown |   1 | 0.1944 |
      | shown |   2 | 0.3889 |
      | shown |   3 | 0.5833 |

      ![recall@Mx2 on test](report_files/chart-1.svg)

      ```rec
      save pages to "no/such/x.csv"
      ```

      ```text
      script.rec:10:15: error: cannot write 'no/such/x.csv': the folder does not exist
         |
      10 | save pages to "no/such/x.csv"
         |               ^~~~~~~~~~~~~~~
      ```

      """))
    let chart = try String(contentsOf: folder.appendingPathComponent("report_files/chart-1.svg"), encoding: .utf8)
    #expect(chart.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(chart.hasSuffix("</svg>\n"))
  }

  @Test func htmlDocumentIsSelfContained() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try BinaryRunner.run(["run", "script.rec", "--notebook", "report.html"], directory: folder.path)
    #expect(result.status == 65)
    let page = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(page.contains("<h2>Tiny pages</h2>"))
    #expect(page.contains("<figure>\n<svg "))
    #expect(page.contains("<pre class=\"error\">script.rec:10:15: error: cannot write 'no/such/x.csv'"))
    #expect(!page.contains("<script") && !page.contains("<link"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["report.html", "script.rec"])
  }

  @Test func otherExtensionsAreACommandLineError() throws {
    let result = try BinaryRunner.run(["run", "x.rec", "--notebook", "report.txt"])
    #expect(result.status == 64)
    #expect(
      result.stderr.hasPrefix(
        "Error: the notebook 'report.txt' must end in .md (Markdown) or .html (one self-contained page)\n"))
  }

  @Test func missingFolderFailsBeforeTheRun() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try BinaryRunner.run(["run", "script.rec", "--notebook", "no/such/report.md"], directory: folder.path)
    #expect(result.status == 73)
    #expect(result.stdout == "")
    #expect(result.stderr == "rec: error: cannot write 'no/such/report.md': the folder does not exist\n")
  }

  /// A folder that exists but takes no files (here `/proc`; a read-only mount answers the same
  /// way) fails before the script runs too, with the system's reason.
  @Test func unwritableFolderFailsBeforeTheRun() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try BinaryRunner.run(["run", "script.rec", "--notebook", "/proc/report.md"], directory: folder.path)
    #expect(result.status == 73)
    #expect(result.stdout == "")
    #expect(result.stderr == "rec: error: cannot write '/proc/report.md': no file can be made in that folder\n")
  }
}
