import RecCore

/// One member's page as they see it: rows in order, each a title and its titles left to right.
///
/// Pages of every kind (rule-based, row-ranked, logged elsewhere) come out as grids, and
/// evaluation judges only grids, so every page is judged the same way.
public struct PageGrid: Sendable, Equatable {
  /// One row of the page.
  public struct Row: Sendable, Equatable {
    /// The title the member sees ("Because you watched Orbit").
    public var title: String
    /// Title ids, left to right; a short row simply has fewer.
    public var titles: [Int]
    /// The definition the row came from (`because`), empty for logged pages.
    public var source: String

    public init(title: String, titles: [Int], source: String = "") {
      self.title = title
      self.titles = titles
      self.source = source
    }
  }

  public var rows: [Row]

  public init(rows: [Row]) { self.rows = rows }
}

/// What a page may know when it is built: the history it is built from (the `train` side of
/// a split, or every play) and "now" (the cut, or each member's first test time), so that
/// nothing leaks from the future.
public struct PageContext: Sendable {
  /// The plays the page may use.
  public var plays: Table
  /// The tables of the session (catalog, members, impressions…), by name.
  public var tables: [String: Table]
  /// "Now": the cut time, per-member times, or nil (then the latest time in `plays`).
  public var now: SplitNow?

  public init(plays: Table, tables: [String: Table], now: SplitNow?) {
    self.plays = plays
    self.tables = tables
    self.now = now
  }
}

/// Builds one member's page. Made once per page and context (indexes are built then, shared
/// by every member), then asked for many members, possibly from several threads.
public protocol PageBuilder: Sendable {
  /// The members this page has an opinion about (for a logged page: those it logged).
  var members: [Int]? { get }
  /// The page of `member`; nil when the member does not exist.
  func page(for member: Int) throws(Diagnostic) -> PageGrid?
}
