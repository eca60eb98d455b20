/// What one thread carries from search to search while it computes search features: the query
/// matches found so far, and a member view's catalog-sized arrays, handed back cleared where
/// the last member set them (allocating and zeroing them for each of a million searches would
/// cost more than the features).
package struct SearchFeatureScratch: Sendable {
  var matcher: QueryMatcher
  private var buffers: MemberView.Buffers?

  package init(matcher: QueryMatcher) { self.matcher = matcher }

  /// Arrays for a view over `titles` titles, all zero.
  mutating func takeBuffers(titles: Int) -> MemberView.Buffers {
    guard let buffers = buffers.take(), buffers.watched.count == titles else { return MemberView.Buffers(titles: titles) }
    return buffers
  }

  /// Keeps `view`'s arrays, cleared, for the next search.
  mutating func give(_ view: consuming MemberView, _ index: HistoryIndex) { buffers = view.recycle(index) }
}
