import RecCore

/// k-means by Lloyd's iterations from a k-means++ start, as scikit-learn's
/// `KMeans(algorithm="lloyd", tol=0)` runs them, so that given the same initial centres both
/// find the same clusters.
///
/// Each iteration assigns every point to its nearest centre (ties to the lowest cluster index),
/// then moves each centre to the mean of its points. A cluster left without points takes the
/// point farthest from its own centre (ties to the lowest point), which leaves its old cluster,
/// as scikit-learn relocates. Iterations stop when no label changes, or after
/// `maximumIterations`; then the labels are those of the final centres.
///
/// After the first iteration a point's distances are bounded rather than recomputed (Hamerly's
/// bounds, `KMeans+Bounds.swift`): a point is looked at again only when its centre may no longer
/// be the nearest by a clear margin, so the labels are those of comparing every distance.
struct KMeans: Sendable {
  static let maximumIterations = 300

  /// Each point's cluster, `0..<k`.
  let labels: [Int32]
  /// Each point's squared distance to the final centre of its cluster.
  let squaredDistances: [Double]
  /// Centre c is `centres[c * dimensions ..< (c + 1) * dimensions]`.
  let centres: [Double]
  /// The points chosen as the initial centres, in cluster order.
  let seeds: [Int]
  /// The assignment steps run, the one that changed nothing included.
  let iterations: Int
  /// Whether the labels stopped changing within `maximumIterations`.
  let converged: Bool
  /// Σ of the squared distances.
  let inertia: Double

  /// Clusters `points` into `k` clusters, seeded by k-means++ from `seed`; nil unless
  /// 1 ≤ k ≤ points.
  /// - Complexity: O(iterations · points · k · dimensions), points on every core.
  init?(_ points: PointMatrix, k: Int, seed: UInt64, cancellation: Cancellation = .never) throws(Diagnostic) {
    guard k >= 1, k <= points.count else { return nil }
    let seeds = try Self.plusPlusSeeds(points, k: k, seed: seed, cancellation: cancellation)
    try self.init(points, seeds: seeds, cancellation: cancellation)
  }

  /// Runs Lloyd's iterations from the initial centres at the points `seeds`.
  init(_ points: PointMatrix, seeds: [Int], cancellation: Cancellation = .never) throws(Diagnostic) {
    let d = points.dimensions
    let n = points.count
    let k = seeds.count
    var centres = [Double](repeating: 0, count: k * d)
    for (c, p) in seeds.enumerated() {
      for j in 0..<d { centres[c * d + j] = points.values[p * d + j] }
    }
    var labels = [Int32](repeating: -1, count: n)
    var bounds = DistanceBounds(count: n)
    var previous = labels
    var iterations = 0
    var converged = false
    while iterations < Self.maximumIterations {
      try cancellation.check()
      iterations += 1
      if iterations == 1 {
        Self.assign(points, centres: centres, k: k, labels: &labels, bounds: &bounds, cancellation: cancellation)
      } else {
        Self.reassign(points, centres: centres, k: k, labels: &labels, bounds: &bounds, cancellation: cancellation)
      }
      // A step stopped part way leaves labels unset: nothing reads them.
      try cancellation.check()
      let moved = Self.means(points, labels: labels, centres: centres, k: k)
      bounds.follow(from: centres, to: moved, k: k, dimensions: d, labels: labels)
      centres = moved
      if labels == previous {
        converged = true
        break
      }
      previous = labels
    }
    if !converged {
      Self.assign(points, centres: centres, k: k, labels: &labels, bounds: &bounds, cancellation: cancellation)
    }
    try cancellation.check()
    // The distances to the final centres, which moved once more after the last assignment.
    var squared = [Double](repeating: 0, count: n)
    var inertia = 0.0
    points.values.withUnsafeBufferPointer { x in
      centres.withUnsafeBufferPointer { c in
        guard let x = x.baseAddress, let c = c.baseAddress else { return }
        for i in 0..<n {
          squared[i] = squaredDistance(x + i * d, c + Int(labels[i]) * d, d)
          inertia += squared[i]
        }
      }
    }
    self.labels = labels
    self.squaredDistances = squared
    self.centres = centres
    self.seeds = seeds
    self.iterations = iterations
    self.converged = converged
    self.inertia = inertia
  }

  /// Labels every point with its nearest centre (the lowest index among equals), comparing every
  /// distance, and bounds its distances anew; stops early, leaving labels half done, when
  /// `cancellation` asks (the caller then throws).
  /// - Complexity: O(points · k · dimensions), points on every core.
  static func assign(
    _ points: PointMatrix, centres: [Double], k: Int, labels: inout [Int32], bounds: inout DistanceBounds,
    cancellation: Cancellation = .never
  ) {
    let d = points.dimensions
    bounds.update(points, centres: centres, labels: &labels, cancellation: cancellation) {
      x, c, i, labels, upper, lower in
      nearest(x + i * d, c, k: k, dimensions: d, label: &labels[i], upper: &upper[i], lower: &lower[i])
    }
  }

  /// The nearest of the `k` centres at `c` to the point at `x` (the lowest index among equals),
  /// with the distance to it and to the next nearest.
  @inline(__always)
  static func nearest(
    _ x: UnsafePointer<Double>, _ c: UnsafePointer<Double>, k: Int, dimensions d: Int, label: inout Int32,
    upper: inout Double, lower: inout Double
  ) {
    var best = squaredDistance(x, c, d)
    var second = Double.infinity
    var chosen: Int32 = 0
    for j in 1..<max(1, k) {
      let distance = squaredDistance(x, c + j * d, d)
      if distance < best {
        second = best
        best = distance
        chosen = Int32(j)
      } else if distance < second {
        second = distance
      }
    }
    label = chosen
    upper = best.squareRoot()
    lower = second.squareRoot()
  }

  /// The mean of each cluster's points, after giving every empty cluster the point farthest
  /// from its centre in `centres` (the centres the labels were found with); a cluster that gave
  /// away its only point is left at 0.
  /// - Complexity: O(points · dimensions), and O(points · dimensions) more when a cluster is empty.
  static func means(_ points: PointMatrix, labels: [Int32], centres: [Double], k: Int) -> [Double] {
    let d = points.dimensions
    var sums = [Double](repeating: 0, count: k * d)
    var sizes = [Int](repeating: 0, count: k)
    points.values.withUnsafeBufferPointer { x in
      sums.withUnsafeMutableBufferPointer { sums in
        for i in labels.indices {
          let c = Int(labels[i])
          sizes[c] += 1
          for j in 0..<d { sums[c * d + j] += x[i * d + j] }
        }
      }
    }
    var squared: [Double] = []
    if sizes.contains(0) {
      squared = labels.indices.map { i in
        let c = Int(labels[i])
        return (0..<d).reduce(0.0) { sum, j in
          let difference = points.values[i * d + j] - centres[c * d + j]
          return sum + difference * difference
        }
      }
    }
    var taken = Set<Int>()
    for empty in 0..<k where sizes[empty] == 0 {
      var far = -1
      for i in labels.indices where !taken.contains(i) && (far < 0 || squared[i] > squared[far]) { far = i }
      guard far >= 0 else { break }
      taken.insert(far)
      let old = Int(labels[far])
      for j in 0..<d {
        sums[old * d + j] -= points.values[far * d + j]
        sums[empty * d + j] = points.values[far * d + j]
      }
      sizes[old] -= 1
      sizes[empty] = 1
    }
    for c in 0..<k where sizes[c] > 0 {
      let scale = 1 / Double(sizes[c])
      for j in 0..<d { sums[c * d + j] *= scale }
    }
    return sums
  }
}
