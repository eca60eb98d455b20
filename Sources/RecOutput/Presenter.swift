import RecCore

/// Turns what statements show into text: the one set of rules for the terminal and every
/// `--format` mode (the notebook follows the same rules for what it shows).
///
/// - Tables are drawn in the format; in `csv` and `json` only tables (and a page's cells) go to
///   the results stream, so the output can be piped into other tools. In `csv`, `markdown` and
///   `line`, a table that follows other results is set apart by a blank line.
/// - A page is drawn as a grid in `box`, as one table row per page row in `markdown` and `line`,
///   and as one record per cell in `csv` and `json`.
/// - Charts are drawn as text in `box` and `markdown`, as wide as the terminal up to 100 columns;
///   the machine-readable formats leave them out.
/// - Status lines, warnings and errors go to the status stream.
public struct Presenter: Sendable {
  public var format: OutputFormat
  /// Terminal columns.
  public var width: Int
  /// Whether diagnostics may use colour.
  public var colored: Bool
  /// What footers say to see what a table leaves out.
  public var hint: SeeAllHint

  /// How tall a chart's plot area is, in lines.
  static let chartHeight = 12
  /// The widest a chart is drawn, in columns.
  static let chartWidth = 100

  public init(format: OutputFormat, width: Int, colored: Bool, hint: SeeAllHint = .dotCommands) {
    self.format = format
    self.width = width
    self.colored = colored
    self.hint = hint
  }

  /// The text of `output` and the stream it goes to; nil when this format leaves it out.
  public func render(_ output: Output) -> (text: String, stream: OutputStream)? {
    switch output {
    case .table(let table, let metricColumns):
      return (TableRenderer.render(table, format: format, options: options(metricColumns)), .results)
    case .page(let page):
      switch format {
      case .box:
        let text = PageGridText(
          heading: page.heading,
          rows: page.rows.map { row in
            PageGridText.Row(title: row.title, names: row.titles.map { $0.name ?? "#\($0.id)" })
          })
        return (text.render(width: width, hint: hint), .results)
      case .csv, .json:
        return (TableRenderer.render(page.cells, format: format, options: options([])), .results)
      case .markdown, .line:
        return (TableRenderer.render(page.wide, format: format, options: options([])), .results)
      }
    case .chart(let chart):
      guard format == .box || format == .markdown else { return nil }
      return (chart.terminal(width: min(width, Self.chartWidth), height: Self.chartHeight) + "\n", .results)
    case .status(let line):
      return (line + "\n", .status)
    case .warning(let diagnostic):
      return (DiagnosticRenderer(colored: colored).render(diagnostic), .status)
    case .text(let text):
      return (text, .results)
    }
  }

  /// Whether `output`, following other results, is set apart by a blank line: a table or page in
  /// `csv`, `markdown` or `line`, whose rows would otherwise run into the previous table's (two
  /// Markdown tables in a row render as one). A box draws its own frame, and JSON is one array
  /// per line.
  public func separatesTables(_ output: Output) -> Bool {
    switch output {
    case .table, .page: format == .csv || format == .markdown || format == .line
    default: false
    }
  }

  private func options(_ metricColumns: Set<String>) -> RenderOptions {
    RenderOptions(width: width, metricColumns: metricColumns, hint: hint)
  }
}
