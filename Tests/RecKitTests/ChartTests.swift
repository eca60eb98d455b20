import Testing

@testable import RecKit
@testable import RecOutput
@testable import RecCore
@testable import RecEngine

@Suite struct ChartTests {
  let sweep = LineChart(
    title: "recall@Mx5", xLabel: "M", yLabel: "recall",
    series: [
      LineChart.Series(name: "home_rules", points: [(1, 0.1), (2, 0.18), (3, 0.24), (4, 0.28)]),
      LineChart.Series(name: "home_ranked", points: [(4, 0.34), (2, 0.25), (3, 0.31), (1, 0.15)]),
    ])

  @Test func terminalChartDrawsAxesTicksGlyphsAndLegend() {
    #expect(
      sweep.terminal(width: 40, height: 8) == """
                         recall@Mx5
        recall
        0.4 ┤
            │                                 ××
        0.3 ┤                    ××××××××××××××
            │            ×××××××××     ●●●●●●●●●
            │       ××××××    ●●●●●●●●●●
        0.2 ┤  ×××××× ●●●●●●●●●
            │×××●●●●●●●
        0.1 ┤●●●●
            └┬──────────┬───────────┬──────────┬
             1          2           3          4
                              M
             ● home_rules   × home_ranked

        """)
  }

  @Test func terminalChartFitsItsWidth() {
    let text = sweep.terminal(width: 80, height: 16)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 22)  // title, y label, 16 plot lines, axis, ticks, x label, legend
    #expect(lines.allSatisfy { displayWidth(String($0)) <= 80 })
    #expect(lines.filter { $0.contains("┤") }.count == 4)
  }

  @Test func terminalChartSurvivesDegenerateData() {
    let lone = LineChart(
      title: "", xLabel: "", yLabel: "",
      series: [
        LineChart.Series(name: "one", points: [(5, 2)]), LineChart.Series(name: "none", points: [(.nan, 1)]),
      ])
    #expect(
      lone.terminal(width: 20, height: 3) == """
        2.2 ┤
          2 ┤       ●
        1.8 ┤
            └┬──────┬──────┬
            4.5     5    5.5
             ● one   × none

        """)
  }

  @Test func extremeValuesNeitherHangNorTrap() {
    let wild = LineChart(
      title: "", xLabel: "", yLabel: "",
      series: [
        LineChart.Series(
          name: "w", points: [(-1e308, 1e308), (1e308, -1e308), (0, Double.leastNonzeroMagnitude)])
      ])
    #expect(wild.terminal(width: 30, height: 5).split(separator: "\n").count == 8)
    #expect(wild.svg(width: 300, height: 200).hasSuffix("</svg>\n"))
  }

  @Test func axesUseRoundStepsAndThreeToFiveTicks() {
    let ranges: [[Double]] = [
      [0.1, 0.34], [0, 1], [1, 10], [-3.2, 7.9], [1000, 1001], [0.5], [], [12, 987_654],
    ]
    for values in ranges {
      let axis = LineChart.Axis(covering: values, maxTicks: 5)
      #expect((3...5).contains(axis.ticks.count), "\(values) → \(axis.ticks)")
      #expect(axis.low <= (values.min() ?? 0) && axis.high >= (values.max() ?? 1))
    }
    #expect(
      LineChart.Axis(covering: [0.1, 0.34], maxTicks: 5).ticks.map(CellFormatter.shortNumber) == [
        "0.1", "0.2", "0.3", "0.4",
      ])
    #expect(LineChart.Axis(covering: [1, 10], maxTicks: 6).ticks == [0, 2, 4, 6, 8, 10])
  }

  @Test func svgHasOnePolylinePerSeriesAndALegend() {
    let svg = sweep.svg(width: 480, height: 300)
    func count(_ s: String) -> Int { svg.split(separator: s, omittingEmptySubsequences: false).count - 1 }
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"300\""))
    #expect(svg.hasSuffix("</svg>\n"))
    #expect(count("<polyline") == 2)
    #expect(count("<text") == count("</text>"))
    #expect(count("<svg") == 1)
    #expect(!svg.contains("href"))
    #expect(
      svg.contains(
        ##"stroke="#4e79a7" stroke-width="2" points="64.0,224.0 194.7,174.9 325.3,138.1 456.0,113.6""##))
    #expect(
      svg.contains(
        ##"stroke="#f28e2b" stroke-width="2" points="64.0,193.3 194.7,132.0 325.3,95.2 456.0,76.8""##))
    #expect(svg.contains(">home_rules</text>") && svg.contains(">home_ranked</text>"))
    #expect(svg.contains(">recall@Mx5</text>") && svg.contains(">M</text>") && svg.contains(">recall</text>"))
    for tick in ["0.1", "0.2", "0.3", "0.4", "1", "2", "3", "4"] {
      #expect(svg.contains(">\(tick)</text>"), "\(tick)")
    }
  }

  @Test func svgEscapesText() {
    let chart = LineChart(
      title: "a < b & \"c\"", xLabel: "x", yLabel: "y",
      series: [LineChart.Series(name: "<s>", points: [(0, 0), (1, 1)])])
    let svg = chart.svg(width: 300, height: 200)
    #expect(svg.contains(">a &lt; b &amp; &quot;c&quot;</text>"))
    #expect(svg.contains(">&lt;s&gt;</text>"))
  }
}
