import Dispatch

/// Runs `work(i)` for every `i` in `0..<count`, on every core when there is more than one
/// item; each call must touch only its own state. The one parallel loop of the engine: every
/// other form below is built on it.
func inParallel(_ count: Int, _ work: (Int) -> Void) {
  guard count > 1 else {
    if count == 1 { work(0) }
    return
  }
  withoutActuallyEscaping(work) { work in
    let shared = UncheckedSendable(work)
    DispatchQueue.concurrentPerform(iterations: count) { i in shared.value(i) }
  }
}

/// `work(i)` for every `i` in `0..<count`, run as `inParallel` runs it, the results in order.
func parallelMap<T>(_ count: Int, _ work: (Int) -> T) -> [T] {
  var out = [T?](repeating: nil, count: count)
  out.withUnsafeMutableBufferPointer { slots in
    // Each iteration writes only its own slot.
    let shared = UncheckedSendable(slots)
    inParallel(count) { i in shared.value[i] = work(i) }
  }
  return out.compactMap { $0 }
}

/// `work(&copy, i)` for every `i` in `0..<count`, in contiguous parts of at least `part` items
/// run as `inParallel` runs them, each part with its own copy of `state` (state that builds
/// indexes or remembers answers as it goes, shared until a copy changes); the results in order.
func parallelMap<State, T>(
  _ count: Int, copying state: State, part: Int, _ work: (inout State, Int) -> T
) -> [T] {
  let parts = chunks(of: count, into: max(1, min(count / max(part, 1), 64)))
  return parallelMap(parts.count) { c in
    var copy = state
    return parts[c].map { work(&copy, $0) }
  }.flatMap { $0 }
}

/// Runs `work(half, rows)` on the two halves of `range` at once, or on the whole range on the
/// calling thread when it is too small to pay for a second thread (then `half` is 0).
/// Each call must touch only its own half's state.
func inHalves(_ range: Range<Int>, _ work: (Int, Range<Int>) -> Void) {
  guard range.count >= 1 << 16 else { return work(0, range) }
  let middle = range.lowerBound + range.count / 2
  let halves = [range.lowerBound..<middle, middle..<range.upperBound]
  inParallel(2) { h in work(h, halves[h]) }
}

/// Splits `0..<count` into `parts` contiguous ranges of nearly equal size, in order.
func chunks(of count: Int, into parts: Int) -> [Range<Int>] {
  let n = max(1, min(parts, count))
  return (0..<n).map { c in (c * count / n)..<((c + 1) * count / n) }
}
