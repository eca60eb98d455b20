/// Hamerly's bounds on each point's distances to the centres, kept from one Lloyd iteration to
/// the next so that most points are passed over once the centres settle: on MovieLens-sized
/// data k-means runs hundreds of iterations in which few points change cluster.
struct DistanceBounds {
  /// An upper bound on each point's distance to its own centre.
  var upper: [Double]
  /// A lower bound on each point's distance to every other centre.
  var lower: [Double]

  init(count: Int) {
    upper = [Double](repeating: 0, count: count)
    lower = [Double](repeating: 0, count: count)
  }

  /// Runs `body(x, c, i, labels, upper, lower)` for every point i, on every core; `x` and `c`
  /// are the points and the centres, and `body` may change only point i's slots. Parts not
  /// begun when `cancellation` asks are not run.
  mutating func update(
    _ points: PointMatrix, centres: [Double], labels: inout [Int32], cancellation: Cancellation,
    _ body: (
      UnsafePointer<Double>, UnsafePointer<Double>, Int, UnsafeMutableBufferPointer<Int32>,
      UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>
    ) -> Void
  ) {
    let parts = chunks(of: points.count, into: 64)
    points.values.withUnsafeBufferPointer { x in
      centres.withUnsafeBufferPointer { c in
        labels.withUnsafeMutableBufferPointer { labels in
          upper.withUnsafeMutableBufferPointer { upper in
            lower.withUnsafeMutableBufferPointer { lower in
              guard let x = x.baseAddress, let c = c.baseAddress else { return }
              // Each part writes only its own points' slots.
              let shared = UncheckedSendable((x, c, labels, upper, lower))
              inParallel(parts.count) { p in
                guard !cancellation.isCancelled else { return }
                let (x, c, labels, upper, lower) = shared.value
                for i in parts[p] { body(x, c, i, labels, upper, lower) }
              }
            }
          }
        }
      }
    }
  }

  /// Keeps the bounds true after the centres moved from `old` to `new`: a point's distance to
  /// its centre grows by at most how far that centre moved, its distance to any other shrinks by
  /// at most how far the farthest-moving other centre moved.
  mutating func follow(from old: [Double], to new: [Double], k: Int, dimensions d: Int, labels: [Int32]) {
    var moves = [Double](repeating: 0, count: k)
    old.withUnsafeBufferPointer { a in
      new.withUnsafeBufferPointer { b in
        guard let a = a.baseAddress, let b = b.baseAddress else { return }
        for c in 0..<k { moves[c] = squaredDistance(a + c * d, b + c * d, d).squareRoot() }
      }
    }
    var (farthest, largest, second) = (-1, 0.0, 0.0)
    for (c, move) in moves.enumerated() {
      if move > largest {
        (second, largest, farthest) = (largest, move, c)
      } else if move > second {
        second = move
      }
    }
    for i in labels.indices {
      let c = Int(labels[i])
      upper[i] += moves[c]
      lower[i] -= c == farthest ? second : largest
    }
  }
}

extension KMeans {
  /// How much nearer than every other centre a point's own centre must be, relatively, for the
  /// point to be passed over: far more than the rounding in bounds summed over 300 iterations,
  /// so a point passed over has the label that comparing every distance would give it.
  static let margin = 1e-9

  /// The most clusters for which `reassign` keeps the distances between every two centres
  /// (8 MB), to pass over the centres too far from a point's own to be nearer.
  static let pairwiseLimit = 1_024

  /// Labels every point with its nearest centre as `assign` does, looking only at the points
  /// whose bounds no longer show their centre to be the nearest, and for those only at the
  /// centres that may be nearer than their own.
  /// - Complexity: O(k² · dimensions) for the centres, then O(dimensions) for each point passed
  ///   over and O(k · dimensions) at most for each other, points on every core.
  static func reassign(
    _ points: PointMatrix, centres: [Double], k: Int, labels: inout [Int32], bounds: inout DistanceBounds,
    cancellation: Cancellation = .never
  ) {
    let d = points.dimensions
    // The distance between every two centres (when there are not too many), and half the
    // distance from each to the nearest other: a point nearer its centre than that is nearer it
    // than any other.
    let pairwise = k <= pairwiseLimit
    var between = [Double](repeating: 0, count: pairwise ? k * k : 0)
    var half = [Double](repeating: .infinity, count: k)
    centres.withUnsafeBufferPointer { c in
      guard let c = c.baseAddress else { return }
      for a in 0..<k where !cancellation.isCancelled {
        for b in (a + 1)..<k {
          let distance = squaredDistance(c + a * d, c + b * d, d).squareRoot()
          if pairwise {
            between[a * k + b] = distance
            between[b * k + a] = distance
          }
          half[a] = min(half[a], distance / 2)
          half[b] = min(half[b], distance / 2)
        }
      }
    }
    bounds.update(points, centres: centres, labels: &labels, cancellation: cancellation) {
      x, c, i, labels, upper, lower in
      let a = Int(labels[i])
      let limit = max(half[a], lower[i])
      if upper[i] * (1 + margin) < limit { return }
      let own = squaredDistance(x + i * d, c + a * d, d)
      upper[i] = own.squareRoot()
      if upper[i] * (1 + margin) < limit { return }
      guard pairwise else {
        return nearest(x + i * d, c, k: k, dimensions: d, label: &labels[i], upper: &upper[i], lower: &lower[i])
      }
      between.withUnsafeBufferPointer { between in
        nearer(
          x + i * d, c, k: k, dimensions: d, own: a, ownSquared: own, between: between.baseAddress.map { $0 + a * k },
          label: &labels[i], upper: &upper[i], lower: &lower[i])
      }
    }
  }

  /// The nearest centre as `nearest` finds it (the lowest index among equals), for a point whose
  /// centre `own` is at squared distance `ownSquared`: a centre j with
  /// `between[j] − d(x, own)` clearly beyond the nearest distance so far is not measured, since
  /// the triangle inequality puts it at least that far; that figure stands for its distance in
  /// the lower bound.
  @inline(__always)
  static func nearer(
    _ x: UnsafePointer<Double>, _ c: UnsafePointer<Double>, k: Int, dimensions d: Int, own: Int, ownSquared: Double,
    between: UnsafePointer<Double>?, label: inout Int32, upper: inout Double, lower: inout Double
  ) {
    guard let between else { return }
    let ownDistance = ownSquared.squareRoot()
    var best = ownSquared
    var bestDistance = ownDistance
    var second = Double.infinity
    var passed = Double.infinity
    var chosen = own
    for j in 0..<k where j != own {
      let floor = between[j] - ownDistance
      if floor > bestDistance * (1 + margin) {
        passed = min(passed, floor)
        continue
      }
      let distance = squaredDistance(x, c + j * d, d)
      if distance < best || (distance == best && j < chosen) {
        second = best
        best = distance
        bestDistance = distance.squareRoot()
        chosen = j
      } else if distance < second {
        second = distance
      }
    }
    label = Int32(chosen)
    upper = bestDistance
    lower = min(second.squareRoot(), passed)
  }
}
