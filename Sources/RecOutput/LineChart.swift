/// A line chart of named series over a shared x axis (`sweep`, `simulate`), drawn either as
/// terminal text or as a standalone SVG document.
public struct LineChart: Sendable {
  /// One line of the chart.
  public struct Series: Sendable {
    /// The legend text.
    public var name: String
    /// The points, in any order; non-finite coordinates are skipped.
    public var points: [(x: Double, y: Double)]

    public init(name: String, points: [(x: Double, y: Double)]) {
      self.name = name
      self.points = points
    }
  }

  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var series: [Series]

  public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
  }

  /// The chart in Unicode text: a distinct glyph per series, a y axis with 3–5 tick labels,
  /// an x axis with ticks, and a legend line. `width` is the whole chart's width in columns
  /// (at least 20), `height` the plot area's height in lines (at least 3).
  public func terminal(width: Int, height: Int) -> String {
    TerminalChart(chart: self, width: max(width, 20), height: max(height, 3)).draw()
  }

  /// The chart as a standalone `<svg>` document of `width` × `height` pixels: axes, ticks,
  /// labels, a legend and one polyline per series in distinct colours; no external resources.
  public func svg(width: Int, height: Int) -> String {
    SVGChart(chart: self, width: max(width, 200), height: max(height, 150)).draw()
  }

  /// Each series' finite points, sorted by x.
  var plotted: [[(x: Double, y: Double)]] {
    series.map { s in s.points.filter { $0.x.isFinite && $0.y.isFinite }.sorted { $0.x < $1.x } }
  }

  /// An axis: a value range widened to round tick values at both ends, and those ticks.
  struct Axis {
    var low: Double
    var high: Double
    var ticks: [Double]

    /// The axis over `values` with at most `maxTicks` (≥ 3) ticks a step of 1, 2 or 5 × 10^k
    /// apart; an empty or one-valued range is widened first.
    init(covering values: [Double], maxTicks: Int) {
      var low = values.min() ?? 0
      var high = values.max() ?? 1
      if low == high {
        let pad = low == 0 ? 1 : abs(low) / 10
        low -= pad
        high += pad
      }
      let rough = (high - low) / Double(maxTicks - 1)
      guard rough.isNormal else {  // a range too wide or too narrow for a double: no round steps
        ticks = [low, low / 2 + high / 2, high]
        self.low = low
        self.high = high
        return
      }
      var magnitude = 1.0
      while magnitude > rough { magnitude /= 10 }
      while magnitude * 10 <= rough { magnitude *= 10 }
      // The smallest round step whose widened range holds at most maxTicks ticks.
      var step = magnitude
      for factor in [1.0, 2, 5, 10, 20, 50] {
        step = magnitude * factor
        if (high / step).rounded(.up) - (low / step).rounded(.down) + 1 <= Double(maxTicks) { break }
      }
      let first = Int((low / step).rounded(.down))
      let last = Int((high / step).rounded(.up))
      ticks = (first...last).map { Double($0) * step }
      self.low = ticks[0]
      self.high = ticks[ticks.count - 1]
    }

    /// Where `v` lies between the ends, 0 at `low` and 1 at `high`, kept finite and in 0...1.
    func fraction(_ v: Double) -> Double {
      let f = (v - low) / (high - low)
      return f.isNaN ? 0.5 : min(max(f, 0), 1)
    }
  }

  /// The x and y axes over every plotted point.
  func axes(maxXTicks: Int, maxYTicks: Int) -> (x: Axis, y: Axis) {
    let points = plotted.joined()
    return (
      Axis(covering: points.map(\.x), maxTicks: maxXTicks),
      Axis(covering: points.map(\.y), maxTicks: maxYTicks)
    )
  }
}
