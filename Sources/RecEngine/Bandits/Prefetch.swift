import CPrefetch

/// Starts bringing in `p[start ..< start + count]` where `p` holds it: a pass asks for the state
/// of requests some rows ahead, so that their cache misses overlap instead of coming one by one.
@inline(__always)
func prefetchRead<T>(_ p: UnsafeBufferPointer<T>, _ start: Int, _ count: Int) {
  guard start >= 0, start + count <= p.count, let base = p.baseAddress else { return }
  rec_prefetch_read_bytes(base + start, count * MemoryLayout<T>.stride)
}
