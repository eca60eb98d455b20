import RecEngine

/// Draws a `LineChart` as a standalone SVG document: a white background, the title, grid
/// lines at the y ticks, both axes with tick labels, rotated y label, the x label, one
/// polyline per series and a legend row under the plot.
struct SVGChart {
  let chart: LineChart
  let width: Int
  let height: Int

  /// One colour per series (Tableau 10), reused after the last.
  static let colours = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
  ]

  func draw() -> String {
    let (xAxis, yAxis) = chart.axes(maxXTicks: 8, maxYTicks: 5)
    let (left, right, top, bottom) = (64.0, Double(width) - 24, 40.0, Double(height) - 76)
    let px = { (x: Double) in left + xAxis.fraction(x) * (right - left) }
    let py = { (y: Double) in bottom - yAxis.fraction(y) * (bottom - top) }
    var out = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" \
      viewBox="0 0 \(width) \(height)" font-family="sans-serif" font-size="12">

      """
    out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    if !chart.title.isEmpty {
      out += text(
        chart.title, x: Double(width) / 2, y: 24, anchor: "middle",
        extra: " font-size=\"15\" font-weight=\"bold\"")
    }
    for tick in yAxis.ticks {
      let y = py(tick)
      out += line(left, y, right, y, stroke: "#e0e0e0")
      out += text(CellFormatter.shortNumber(tick), x: left - 8, y: y + 4, anchor: "end")
    }
    for tick in xAxis.ticks {
      let x = px(tick)
      out += line(x, bottom, x, bottom + 5, stroke: "#333")
      out += text(CellFormatter.shortNumber(tick), x: x, y: bottom + 19, anchor: "middle")
    }
    out += line(left, top, left, bottom, stroke: "#333")
    out += line(left, bottom, right, bottom, stroke: "#333")
    if !chart.xLabel.isEmpty {
      out += text(chart.xLabel, x: (left + right) / 2, y: bottom + 40, anchor: "middle")
    }
    if !chart.yLabel.isEmpty {
      let middle = number((top + bottom) / 2)
      out += text(
        chart.yLabel, x: 18, y: (top + bottom) / 2, anchor: "middle",
        extra: " transform=\"rotate(-90 18 \(middle))\"")
    }
    for (index, points) in chart.plotted.enumerated() {
      let coordinates = points.map { "\(number(px($0.x))),\(number(py($0.y)))" }.joined(separator: " ")
      out +=
        "<polyline fill=\"none\" stroke=\"\(colour(index))\" stroke-width=\"2\" points=\"\(coordinates)\"/>\n"
    }
    var x = left
    let legendY = Double(height) - 14
    for (index, series) in chart.series.enumerated() {
      out += line(x, legendY - 4, x + 20, legendY - 4, stroke: colour(index), strokeWidth: 3)
      out += text(series.name, x: x + 26, y: legendY, anchor: "start")
      x += 26 + 7 * Double(series.name.count) + 18
    }
    return out + "</svg>\n"
  }

  private func colour(_ index: Int) -> String { Self.colours[index % Self.colours.count] }

  /// A coordinate with one decimal.
  private func number(_ v: Double) -> String { CellFormatter.fixed(v, decimals: 1) }

  private func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, strokeWidth: Int = 1
  )
    -> String
  {
    "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\" "
      + "stroke=\"\(stroke)\" stroke-width=\"\(strokeWidth)\"/>\n"
  }

  private func text(_ content: String, x: Double, y: Double, anchor: String, extra: String = "") -> String {
    "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\"\(extra)>"
      + Self.escaped(content) + "</text>\n"
  }

  /// `s` safe inside XML text and attribute values.
  static func escaped(_ s: String) -> String {
    var out = ""
    for ch in s {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(ch)
      }
    }
    return out
  }
}
