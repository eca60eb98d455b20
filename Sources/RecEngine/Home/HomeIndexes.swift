import RecCore

/// Everything a page build shares across members: the history index, the neighbour lists
/// of every kind, and the catalog that row expressions read.
///
/// Only the history index is made at once; the rest is made the first time a row asks for it
/// and kept for as long as these indexes are (see `HomeIndexCache`): co-visitation neighbours
/// when a row ranks by `similar(…, by: covisit|blend)`, `top_picks()` or `affinity(member,
/// title)`, or a page computes row features (`relevance` is affinity); genre and cast
/// neighbours when a row asks for them; the catalog when a row expression reads it.
package final class HomeIndexes: Sendable {
  /// Neighbours kept per title.
  static let neighbourCount = 50

  package let index: HistoryIndex
  private let seed: UInt64
  private let covisitLists = BuiltOnce<NeighbourIndex>()
  private let genreLists = BuiltOnce<NeighbourIndex>()
  private let castLists = BuiltOnce<NeighbourIndex>()
  private let blendLists = BuiltOnce<NeighbourIndex>()
  private let catalogTable = BuiltOnce<HomeCatalog>()

  /// The indexes of `context`; a stop asked of `cancellation` ends the history index's build.
  init(
    _ context: PageContext, seed: UInt64, cancellation: Cancellation = .never
  ) throws(Diagnostic) {
    index = try HistoryIndex(plays: context.plays, tables: context.tables, now: context.now, cancellation: cancellation)
    self.seed = seed
  }

  /// Co-visitation neighbours, which affinity reads.
  var covisit: NeighbourIndex { neighbours(.covisit) }

  /// The catalog as row expressions see it.
  var catalog: HomeCatalog { catalogTable.value { HomeCatalog(index: index, seed: seed) } }

  /// The neighbour lists of `kind`, built on first use (see `build(_:cancellation:)`, which
  /// pages call before they are built).
  func neighbours(_ kind: NeighbourIndex.Kind) -> NeighbourIndex {
    // Never stopped, so never failing.
    (try? build(kind, cancellation: .never)) ?? NeighbourIndex(k: Self.neighbourCount, titles: [], scores: [], counts: [])
  }

  /// Builds the neighbour lists of `kind` unless they are built; a stop asked of
  /// `cancellation` leaves them unbuilt.
  @discardableResult
  func build(_ kind: NeighbourIndex.Kind, cancellation: Cancellation) throws(Diagnostic) -> NeighbourIndex {
    let k = Self.neighbourCount
    switch kind {
    case .covisit:
      return try covisitLists.value { () throws(Diagnostic) in
        try NeighbourIndex.covisit(index, k: k, cancellation: cancellation)
      }
    case .genres:
      return try genreLists.value { () throws(Diagnostic) in
        try NeighbourIndex.jaccard(index.titleGenres, k: k, cancellation: cancellation)
      }
    case .cast:
      return try castLists.value { () throws(Diagnostic) in
        try NeighbourIndex.jaccard(index.titleCast, k: k, cancellation: cancellation)
      }
    case .blend:
      // A blend reads the three others, each made (and locked) on its own first.
      let covisit = try build(.covisit, cancellation: cancellation)
      let genres = try build(.genres, cancellation: cancellation)
      let cast = try build(.cast, cancellation: cancellation)
      return blendLists.value { NeighbourIndex.blend(covisit: covisit, genres: genres, cast: cast, k: k) }
    }
  }

  /// Whether the neighbour lists of `kind` have been built, for tests.
  func hasBuilt(_ kind: NeighbourIndex.Kind) -> Bool {
    switch kind {
    case .covisit: covisitLists.isBuilt
    case .genres: genreLists.isBuilt
    case .cast: castLists.isBuilt
    case .blend: blendLists.isBuilt
    }
  }

  /// The member's view (with affinity), nil when `member` is not a known member id.
  func view(of member: Int) -> MemberView? {
    index.memberNumber[member].map { MemberView(member: Int($0), index: index, covisit: covisit) }
  }
}
