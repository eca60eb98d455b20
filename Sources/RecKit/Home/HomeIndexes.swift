import Synchronization

/// Everything a page build shares across members: the history index, the neighbour lists
/// of every kind, and the catalog that row expressions read. Co-visitation neighbours are
/// built at once (affinity reads them); the other kinds when a row first asks for them.
final class HomeIndexes: Sendable {
  /// Neighbours kept per title.
  static let neighbourCount = 50

  let index: HistoryIndex
  let covisit: NeighbourIndex
  let catalog: HomeCatalog
  /// The other kinds, once built.
  private let built = Mutex<[NeighbourIndex.Kind: NeighbourIndex]>([:])

  /// The indexes of `context`; `covisitDepth` bounds each member's part in co-visitation
  /// (see `NeighbourIndex.covisit`), nil counts every play.
  init(_ context: PageContext, seed: UInt64, covisitDepth: Int? = nil) {
    index = HistoryIndex(plays: context.plays, tables: context.tables, now: context.now)
    covisit = NeighbourIndex.covisit(index, k: Self.neighbourCount, depth: covisitDepth)
    catalog = HomeCatalog(index: index, seed: seed)
  }

  /// The neighbour lists of `kind`, built on first use.
  func neighbours(_ kind: NeighbourIndex.Kind) -> NeighbourIndex {
    let k = Self.neighbourCount
    switch kind {
    case .covisit: return covisit
    case .genres: return cached(kind) { NeighbourIndex.jaccard(index.titleGenres, k: k) }
    case .cast: return cached(kind) { NeighbourIndex.jaccard(index.titleCast, k: k) }
    case .blend:
      let (genres, cast) = (neighbours(.genres), neighbours(.cast))
      return cached(kind) { NeighbourIndex.blend(covisit: covisit, genres: genres, cast: cast, k: k) }
    }
  }

  private func cached(_ kind: NeighbourIndex.Kind, _ make: () -> NeighbourIndex) -> NeighbourIndex {
    built.withLock { built in
      if let ready = built[kind] { return ready }
      let made = make()
      built[kind] = made
      return made
    }
  }

  /// The member's view, nil when `member` is not a known member id.
  func view(of member: Int) -> MemberView? {
    index.memberNumber[member].map { MemberView(member: Int($0), index: index, covisit: covisit) }
  }
}
