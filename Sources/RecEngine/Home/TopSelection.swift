/// The `k` smallest of `items` under the strict total order `less`, sorted: the same list as
/// sorting everything and keeping the first `k`, in O(n log k) through a bounded max-heap.
func smallest<T>(_ k: Int, of items: [T], by less: (T, T) -> Bool) -> [T] {
  guard items.count > k else { return items.sorted(by: less) }
  guard k > 0 else { return [] }
  var heap = Array(items.prefix(k))
  func siftDown(_ start: Int) {
    var i = start
    while true {
      let (l, r) = (2 * i + 1, 2 * i + 2)
      var largest = i
      if l < k, less(heap[largest], heap[l]) { largest = l }
      if r < k, less(heap[largest], heap[r]) { largest = r }
      if largest == i { return }
      heap.swapAt(i, largest)
      i = largest
    }
  }
  for i in stride(from: k / 2 - 1, through: 0, by: -1) { siftDown(i) }
  for x in items[k...] where less(x, heap[0]) {
    heap[0] = x
    siftDown(0)
  }
  heap.sort(by: less)
  return heap
}
