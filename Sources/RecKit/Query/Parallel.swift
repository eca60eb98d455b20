import Dispatch

/// Runs `work(half, rows)` on the two halves of `range` at once, or on the whole range on the
/// calling thread when it is too small to pay for a second thread (then `half` is 0).
/// Each call must touch only its own half's state.
func inHalves(_ range: Range<Int>, _ work: (Int, Range<Int>) -> Void) {
  guard range.count >= 1 << 16 else { return work(0, range) }
  let middle = range.lowerBound + range.count / 2
  let halves = [range.lowerBound..<middle, middle..<range.upperBound]
  withoutActuallyEscaping(work) { work in
    let shared = SharedForWorkers(work)
    DispatchQueue.concurrentPerform(iterations: 2) { h in shared.value(h, halves[h]) }
  }
}

/// Runs `work(i)` for every `i` in `0..<count` on every core; each call must touch only
/// its own state.
func inParallel(_ count: Int, _ work: (Int) -> Void) {
  withoutActuallyEscaping(work) { work in
    let shared = SharedForWorkers(work)
    DispatchQueue.concurrentPerform(iterations: count) { i in shared.value(i) }
  }
}

/// A value handed to parallel workers that each touch only their own part of it.
struct SharedForWorkers<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
