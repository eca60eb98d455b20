/// Everything a page build shares across members: the history index, the neighbour lists
/// of every kind, and the catalog that row expressions read.
struct HomeIndexes: Sendable {
  /// Neighbours kept per title.
  static let neighbourCount = 50

  let index: HistoryIndex
  let covisit: NeighbourIndex
  let genres: NeighbourIndex
  let cast: NeighbourIndex
  let blend: NeighbourIndex
  let catalog: HomeCatalog

  init(_ context: PageContext, seed: UInt64) {
    index = HistoryIndex(plays: context.plays, tables: context.tables, now: context.now)
    covisit = NeighbourIndex.covisit(index, k: Self.neighbourCount)
    genres = NeighbourIndex.jaccard(index.titleGenres, k: Self.neighbourCount)
    cast = NeighbourIndex.jaccard(index.titleCast, k: Self.neighbourCount)
    blend = NeighbourIndex.blend(covisit: covisit, genres: genres, cast: cast, k: Self.neighbourCount)
    catalog = HomeCatalog(index: index, seed: seed)
  }

  /// The neighbour lists of `kind`.
  func neighbours(_ kind: NeighbourIndex.Kind) -> NeighbourIndex {
    switch kind {
    case .covisit: covisit
    case .genres: genres
    case .cast: cast
    case .blend: blend
    }
  }

  /// The member's view, nil when `member` is not a known member id.
  func view(of member: Int) -> MemberView? {
    index.memberNumber[member].map { MemberView(member: Int($0), index: index, covisit: covisit) }
  }
}
