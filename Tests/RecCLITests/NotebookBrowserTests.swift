import Foundation
import Testing

/// The HTML notebook as a browser draws it. `rec run … --notebook report.html` writes the page;
/// headless Chromium opens a copy with a probe script added before `</body>`, which measures the
/// laid-out tables and charts, draws each chart's SVG into a canvas and counts its pixels, and
/// writes what it found into the page; `--dump-dom` hands that page back. Skipped when no
/// `chromium` is on the PATH, except under CI (`CI=true`), where `.ci/run` installs it.
@Suite struct NotebookBrowserTests {
  static let data = ScriptTests.package.appendingPathComponent("Tests/RecCLITests/Scripts/data").path

  /// A query table, then a sweep of two pages: a second table and a chart with two lines.
  static let script = """
    # ## Titles and pages
    load table titles from "\(data)/titles.csv"
    load table plays from "\(data)/plays.csv"
    load table pages from "\(data)/pages.csv"
    from titles | where "Drama" in genres | select id, name, genres | sort -id

    split plays by time at 2026-06-01 into train, test
    let later = from pages | where row > 1
    page shown from table pages
    page lower from table later
    sweep recall@Mx4 for M in 1..3 over shown, lower on test

    """

  static let enabled = HeadlessChromium.path != nil || ProcessInfo.processInfo.environment["CI"] == "true"

  @Test(.enabled(if: enabled, "needs chromium on the PATH (apt-get install chromium)"))
  func tablesAndChartsAreDrawn() throws {
    let browser = try #require(HeadlessChromium.path, "CI runs this test: .ci/run installs chromium")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-browser-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(Self.script.utf8).write(to: folder.appendingPathComponent("script.rec"))
    let run = try BinaryRunner.run(["run", "script.rec", "--notebook", "report.html"], directory: folder.path)
    #expect(run.status == 0, "stderr: \(run.stderr)")

    let page = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
    let end = try #require(page.range(of: "</body>"))
    let probePage = folder.appendingPathComponent("probe.html")
    try Data(page.replacingCharacters(in: end, with: HeadlessChromium.probe + "</body>").utf8).write(to: probePage)
    let probe = try HeadlessChromium.run(browser, page: probePage, scratch: folder)

    // The query table and the sweep's table: every cell laid out with a size, numbers right-aligned.
    try #require(probe.tables.count == 2)
    for table in probe.tables {
      #expect(table.width > 100 && table.height > 40)
      for cell in table.rows.joined() {
        #expect(cell.width > 0 && cell.height > 10, "cell '\(cell.text)' is \(cell.width)×\(cell.height)")
      }
    }
    let (titles, sweep) = (probe.tables[0], probe.tables[1])
    #expect(titles.rows.map { $0.map(\.text) }.first == ["id", "name", "genres"])
    #expect(titles.rows.dropFirst().map { $0[1].text }.contains("The Long Night"))
    #expect(titles.rows.dropFirst().allSatisfy { $0[0].align == "right" && $0[1].align != "right" })
    #expect(
      sweep.rows.map { $0.map(\.text) } == [
        ["page", "M", "value"],
        ["shown", "1", "0.5278"], ["shown", "2", "0.7222"], ["shown", "3", "0.9167"],
        ["lower", "1", "0.3056"], ["lower", "2", "0.9167"], ["lower", "3", "0.9167"],
      ])
    #expect(sweep.rows.dropFirst().allSatisfy { $0.map(\.align) == ["left", "right", "right"] })

    // The chart: the SVG laid out at its 640×400 shape, one stroked line per page that spans the
    // plot and is what the browser finds at its middle point, and labels drawn in a real font.
    try #require(probe.charts.count == 1)
    let chart = probe.charts[0]
    #expect(chart.width > 300, "the chart is \(chart.width) wide")
    #expect(abs(chart.height / chart.width - 400.0 / 640) < 0.01, "the chart is \(chart.width)×\(chart.height)")
    try #require(chart.lines.count == 2)
    #expect(chart.lines.map(\.stroke) == ["rgb(78, 121, 167)", "rgb(242, 142, 43)"])
    for line in chart.lines {
      #expect(line.width > 400 && line.height > 50 && line.length > line.width)
      #expect(line.hit, "the point at the middle of the \(line.stroke) line is another element")
    }
    #expect(chart.texts.contains { $0.text == "recall@Mx4 on test" })
    #expect(chart.texts.contains { $0.text == "shown" } && chart.texts.contains { $0.text == "lower" })
    for text in chart.texts { #expect(text.width > 0 && text.height > 0, "text '\(text.text)' has no size") }

    // Drawn: the canvas is mostly white, with each series' colour along its line (2 px wide;
    // antialiased edges and crossings take some, so at least one pixel per 2 px of length) and
    // grey or black ink of the labels and axes.
    let pixels = chart.pixels
    #expect(pixels.values.reduce(0, +) == 640 * 400)
    #expect((pixels["#ffffff"] ?? 0) > 640 * 400 / 2)
    for (colour, line) in zip(["#4e79a7", "#f28e2b"], chart.lines) {
      #expect(Double(pixels[colour] ?? 0) > line.length / 2, "\(pixels[colour] ?? 0) pixels of \(colour)")
    }
    let ink = pixels.filter { colour, _ in
      let rgb = Int(colour.dropFirst(), radix: 16) ?? 0xffffff
      let channels = [rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff]
      return channels.max()! < 0x80 && channels.max()! - channels.min()! < 16
    }
    #expect(ink.values.reduce(0, +) > 500, "\(ink.values.reduce(0, +)) pixels of grey or black ink")
  }
}

/// Headless Chromium with a probe page: what it measured, and how it is run.
enum HeadlessChromium {
  /// `chromium` on the PATH, if any.
  static let path: String? = {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    return folders.map { "\($0)/chromium" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  struct Report: Decodable {
    struct Cell: Decodable {
      var text: String
      var width: Double
      var height: Double
      var align: String
    }
    struct Table: Decodable {
      var width: Double
      var height: Double
      var rows: [[Cell]]
    }
    struct Line: Decodable {
      var width: Double
      var height: Double
      var length: Double
      var stroke: String
      var hit: Bool
    }
    struct Text: Decodable {
      var text: String
      var width: Double
      var height: Double
    }
    struct Chart: Decodable {
      var width: Double
      var height: Double
      var lines: [Line]
      var texts: [Text]
      /// How many pixels of each colour (`#rrggbb`) the chart drawn into a canvas has.
      var pixels: [String: Int]
    }
    var tables: [Table]
    var charts: [Chart]
  }

  /// Runs `browser` headless on `page` (no network: a file URL with no outside references) and
  /// decodes what the probe wrote, its profile and caches in `scratch`. Alone it takes a second or
  /// two; it gives up after 120 s, a hang rather than a machine busy with the other tests.
  static func run(_ browser: String, page: URL, scratch: URL) throws -> Report {
    let out = scratch.appendingPathComponent("dom.html")
    let err = scratch.appendingPathComponent("chromium.err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: browser)
    process.arguments = [
      "--headless", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run",
      "--disable-extensions", "--disable-background-networking", "--disable-component-update",
      "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
      "--window-size=1200,900", "--force-device-scale-factor=1",
      "--run-all-compositor-stages-before-draw", "--virtual-time-budget=10000",
      "--dump-dom", page.absoluteString,
    ]
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_CONFIG_HOME"] = scratch.appendingPathComponent("config").path
    environment["XDG_CACHE_HOME"] = scratch.appendingPathComponent("cache").path
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle(forWritingAtPath: out.path)
    process.standardError = FileHandle(forWritingAtPath: err.path)
    try process.run()
    let deadline = Date().addingTimeInterval(120)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    let timedOut = process.isRunning
    if timedOut {
      process.terminate()
      process.waitUntilExit()
    }
    let dom = try String(contentsOf: out, encoding: .utf8)
    let log = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
    guard let start = dom.range(of: "<pre id=\"probe\">"),
      let stop = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex),
      let json = dom[start.upperBound..<stop.lowerBound].removingPercentEncoding
    else {
      let how = timedOut ? "was stopped after 120 s" : "exited \(process.terminationStatus)"
      throw ProbeFailure(message: "chromium \(how) without the probe's report; its stderr:\n\(log)")
    }
    return try JSONDecoder().decode(Report.self, from: Data(json.utf8))
  }

  struct ProbeFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  /// Measures the page's tables and charts once it is laid out, draws each chart's SVG into a
  /// canvas to count its pixels, then appends the findings as a `<pre id="probe">` of
  /// percent-encoded JSON (so the DOM dump needs no unescaping).
  static let probe = """
    <script>
    (() => {
      const round = (v) => Math.round(v * 10) / 10;
      const sized = (box, more) => Object.assign({ width: round(box.width), height: round(box.height) }, more);
      const tables = [...document.querySelectorAll("main table")].map((table) => sized(table.getBoundingClientRect(), {
        rows: [...table.rows].map((row) => [...row.cells].map((cell) => sized(cell.getBoundingClientRect(), {
          text: cell.textContent, align: getComputedStyle(cell).textAlign,
        }))),
      }));
      const svgs = [...document.querySelectorAll("main figure > svg")];
      const charts = svgs.map((svg) => {
        svg.scrollIntoView({ block: "center" });
        return sized(svg.getBoundingClientRect(), {
          lines: [...svg.querySelectorAll("polyline")].map((line) => {
            const middle = line.points.getItem(Math.floor(line.points.numberOfItems / 2));
            const onScreen = middle.matrixTransform(line.getScreenCTM());
            return sized(line.getBBox(), {
              length: line.getTotalLength(), stroke: getComputedStyle(line).stroke,
              hit: document.elementFromPoint(onScreen.x, onScreen.y) === line,
            });
          }),
          texts: [...svg.querySelectorAll("text")].map((text) => sized(text.getBBox(), { text: text.textContent })),
        });
      });
      const drawn = svgs.map((svg, index) => new Promise((done) => {
        const image = new Image();
        image.onload = () => {
          const canvas = document.createElement("canvas");
          canvas.width = image.width;
          canvas.height = image.height;
          const context = canvas.getContext("2d");
          context.drawImage(image, 0, 0);
          const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
          const pixels = {};
          for (let i = 0; i < data.length; i += 4) {
            const hex = (v) => v.toString(16).padStart(2, "0");
            const colour = "#" + hex(data[i]) + hex(data[i + 1]) + hex(data[i + 2]);
            pixels[colour] = (pixels[colour] || 0) + 1;
          }
          charts[index].pixels = pixels;
          done();
        };
        image.onerror = () => done();
        const source = new XMLSerializer().serializeToString(svg);
        image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(source);
      }));
      Promise.all(drawn).then(() => {
        const out = document.createElement("pre");
        out.id = "probe";
        out.textContent = encodeURIComponent(JSON.stringify({ tables, charts }));
        document.body.append(out);
      });
    })();
    </script>

    """
}
