/// How a result table is fitted and spelled when it is drawn.
public struct RenderOptions: Sendable {
  /// Terminal columns; a box table wider than this wraps its columns into several boxes under
  /// its key columns (`BoxLayout`). The other styles are not fitted to a width.
  public var width: Int
  /// Box, markdown and line styles show at most this many rows: the first and last halves,
  /// with a row of `…` between. Zero or less shows every row.
  public var maxRows: Int
  /// What box, markdown and line styles show for a missing value.
  public var nullText: String
  /// Columns holding metric values: their floats get exactly 4 decimals in box, markdown and line.
  public var metricColumns: Set<String>
  /// What a footer says to see the rows or columns left out.
  public var hint: SeeAllHint

  public init(
    width: Int = 100, maxRows: Int = 40, nullText: String = "NULL", metricColumns: Set<String> = [],
    hint: SeeAllHint = .dotCommands
  ) {
    self.width = width
    self.maxRows = maxRows
    self.nullText = nullText
    self.metricColumns = metricColumns
    self.hint = hint
  }
}
