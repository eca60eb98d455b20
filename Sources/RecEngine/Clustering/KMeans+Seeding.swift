import RecCore

extension KMeans {
  /// k-means++ (Arthur and Vassilvitskii): the first centre is a point drawn uniformly, each
  /// next one a point drawn with probability proportional to its squared distance to the
  /// nearest centre so far; all from one `SeededRandom(seed:)`. When every point already lies on
  /// a centre, the next is drawn uniformly.
  /// - Returns: the chosen points, in cluster order.
  /// - Complexity: O(k · points · dimensions), points on every core.
  static func plusPlusSeeds(
    _ points: PointMatrix, k: Int, seed: UInt64, cancellation: Cancellation = .never
  ) throws(Diagnostic) -> [Int] {
    let n = points.count
    guard n > 0, k > 0 else { return [] }
    var random = SeededRandom(seed: seed)
    var seeds = [random.below(n)]
    var nearest = [Double](repeating: .infinity, count: n)
    while seeds.count < k {
      try cancellation.check()
      closer(points, to: seeds[seeds.count - 1], nearest: &nearest)
      // Summed in point order, so the draw is the same on any number of cores.
      var total = 0.0
      for value in nearest { total += value }
      guard total > 0 else {
        seeds.append(random.below(n))
        continue
      }
      let target = random.uniform() * total
      var cumulative = 0.0
      var chosen = -1
      for i in 0..<n where nearest[i] > 0 {
        chosen = i
        cumulative += nearest[i]
        if cumulative > target { break }
      }
      seeds.append(chosen)
    }
    return seeds
  }

  /// Lowers each point's `nearest` squared distance to that of the point `centre` where smaller.
  private static func closer(_ points: PointMatrix, to centre: Int, nearest: inout [Double]) {
    let d = points.dimensions
    let parts = chunks(of: points.count, into: 64)
    points.values.withUnsafeBufferPointer { x in
      nearest.withUnsafeMutableBufferPointer { nearest in
        guard let x = x.baseAddress else { return }
        // Each part writes only its own points' slots.
        let shared = UncheckedSendable((x, nearest))
        inParallel(parts.count) { p in
          let (x, nearest) = shared.value
          let c = x + centre * d
          for i in parts[p] { nearest[i] = min(nearest[i], squaredDistance(x + i * d, c, d)) }
        }
      }
    }
  }
}
