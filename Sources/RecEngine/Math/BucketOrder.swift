/// The fixed order in which per-unit values (a member's metric, a search's) are summed: the
/// units in their member bucket's order (`MemberBucket`), by key within a bucket; each bucket's
/// values are summed first, then the bucket sums in bucket order.
///
/// Floating-point addition is not associative, so a sum in row or table order changes in its
/// last bits with that order; this tree gives the same bits whatever order the units come in,
/// and a process holding whole buckets sums each of them exactly as one process would.
package struct BucketOrder: Sendable {
  /// A unit of a result: the member it belongs to, whose bucket it falls in, and its own key
  /// for keyed draws — the member id itself for a member, a hash of what identifies it for a
  /// member's search.
  package struct Unit: Sendable, Equatable {
    package var member: Int64
    package var key: UInt64

    /// A member as the unit.
    package init(member: Int) {
      self.member = Int64(member)
      key = UInt64(bitPattern: Int64(member))
    }

    package init(member: Int, key: UInt64) {
      self.member = Int64(member)
      self.key = key
    }
  }

  /// Positions of the units (into the caller's arrays), in (bucket, member, key) order; units
  /// are distinct, and equal ones keep their given order.
  package let positions: [Int]
  /// Where each non-empty bucket's units start in `positions`, then `positions.count`.
  package let starts: [Int]

  /// The order of these units.
  /// - Complexity: O(n log n).
  package init(_ units: [Unit]) {
    let buckets = units.map { MemberBucket.of($0.member) }
    positions = units.indices.sorted {
      (buckets[$0], units[$0].member, units[$0].key, $0) < (buckets[$1], units[$1].member, units[$1].key, $1)
    }
    var starts: [Int] = []
    var last = -1
    for (i, p) in positions.enumerated() where buckets[p] != last {
      starts.append(i)
      last = buckets[p]
    }
    starts.append(positions.count)
    self.starts = starts
  }

  /// The sum of `value(position)` over the units, along the tree.
  /// - Complexity: O(n).
  package func sum(_ value: (Int) -> Double) -> Double {
    var total = 0.0
    for b in 0..<starts.count - 1 {
      var bucket = 0.0
      for i in starts[b]..<starts[b + 1] { bucket += value(positions[i]) }
      total += bucket
    }
    return total
  }
}
