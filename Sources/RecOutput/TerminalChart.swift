import RecCore
import RecEngine

/// Draws a `LineChart` on a grid of terminal cells: the title, the y label, the plot with its
/// y axis, the x axis with ticks and labels, the x label, and a legend.
struct TerminalChart {
  let chart: LineChart
  /// The whole chart's width in columns.
  let width: Int
  /// The plot area's height in lines.
  let height: Int

  /// One glyph per series, in order, reused after the last.
  static let glyphs: [Character] = ["●", "×", "+", "○", "■", "◆", "▲", "*"]

  func draw() -> String {
    // No more y ticks than lines, so that no two labels compete for one line.
    let (xAxis, yAxis) = chart.axes(maxXTicks: 6, maxYTicks: min(5, height))
    let yLabels = yAxis.ticks.map(CellFormatter.shortNumber)
    let gutter = yLabels.map(\.count).max() ?? 0
    let plotWidth = max(width - gutter - 2, 2)
    let column = { (x: Double) in Int((xAxis.fraction(x) * Double(plotWidth - 1)).rounded()) }
    let row = { (y: Double) in Int(((1 - yAxis.fraction(y)) * Double(height - 1)).rounded()) }

    var canvas = Array(repeating: Array(repeating: Character(" "), count: plotWidth), count: height)
    for (index, points) in chart.plotted.enumerated() {
      let glyph = Self.glyphs[index % Self.glyphs.count]
      var previous: (column: Int, row: Int)?
      let segments = points.count == 1 ? [(points[0], points[0])] : Array(zip(points, points.dropFirst()))
      for (p, q) in segments {
        let (c0, c1) = (column(p.x), column(q.x))
        for c in c0...c1 {
          let t = c1 == c0 ? 1 : Double(c - c0) / Double(c1 - c0)
          let r = row(p.y + t * (q.y - p.y))
          // Fill the rows between this cell and the last one so that steep lines stay joined.
          let from = previous.map { $0.column >= c - 1 ? $0.row : r } ?? r
          for fill in min(from, r)...max(from, r) { canvas[fill][c] = glyph }
          previous = (c, r)
        }
      }
    }

    var lines: [String] = []
    if !chart.title.isEmpty { lines.append(centered(chart.title, over: gutter + 2, plotWidth)) }
    if !chart.yLabel.isEmpty { lines.append(chart.yLabel) }
    var tickRows: [Int: String] = [:]
    for (tick, label) in zip(yAxis.ticks, yLabels) where tickRows[row(tick)] == nil {
      tickRows[row(tick)] = label
    }
    for r in 0..<height {
      let label =
        tickRows[r].map { padded($0, toWidth: gutter, right: true) } ?? String(repeating: " ", count: gutter)
      lines.append(label + " " + (tickRows[r] == nil ? "│" : "┤") + String(canvas[r]))
    }
    var axisLine = Array(repeating: Character("─"), count: plotWidth)
    var tickText = Array(repeating: Character(" "), count: width)
    var free = 0  // the first column of tickText not yet used, so labels never touch
    for tick in xAxis.ticks {
      let c = column(tick)
      axisLine[c] = "┬"
      let label = Array(CellFormatter.shortNumber(tick))
      let start = min(max(gutter + 2 + c - label.count / 2, free), width - label.count)
      guard start >= free else { continue }
      for (i, ch) in label.enumerated() { tickText[start + i] = ch }
      free = start + label.count + 1
    }
    lines.append(String(repeating: " ", count: gutter) + " └" + String(axisLine))
    lines.append(String(tickText))
    if !chart.xLabel.isEmpty { lines.append(centered(chart.xLabel, over: gutter + 2, plotWidth)) }
    lines += legend(indent: gutter + 2)
    return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
  }

  /// `text` centred over the plot that starts at column `start` and is `span` columns wide.
  private func centered(_ text: String, over start: Int, _ span: Int) -> String {
    String(repeating: " ", count: max(0, start + (span - displayWidth(text)) / 2)) + text
  }

  /// `● name   × other`, wrapped to the chart's width.
  private func legend(indent: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for (index, series) in chart.series.enumerated() {
      let entry = "\(Self.glyphs[index % Self.glyphs.count]) \(series.name)"
      if !line.isEmpty && indent + displayWidth(line) + 3 + displayWidth(entry) > width {
        lines.append(String(repeating: " ", count: indent) + line)
        line = ""
      }
      line += (line.isEmpty ? "" : "   ") + entry
    }
    if !line.isEmpty { lines.append(String(repeating: " ", count: indent) + line) }
    return lines
  }
}
