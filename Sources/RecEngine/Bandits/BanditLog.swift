/// Logged bandit feedback read from a table: per row, the candidate actions (its arm set),
/// the action shown, the reward and the logging policy's propensity.
///
/// Where the action is: a table with an `artwork` column logs artworks, and a row's candidates
/// are its title's artworks (from the `artworks` table, else the artworks the log shows for the
/// title); any other table logs `title` (an item, as in the Open Bandit Dataset) and every row's
/// candidates are all the items the log shows. The reward is `played` (or `click`), 1 for true.
///
/// Read from a `RequestStack`, the log is the judged rows `0 ..< count`; the rows of the tables
/// policies are trained on follow them, at `training`, and share the judged rows' arm sets.
package struct BanditLog {
  /// The number of judged rows.
  let count: Int
  /// The rows of each table stacked under the judged ones for training, by name.
  let training: [String: Range<Int>]
  /// The column holding the action (`artwork` or `title`).
  package let actionColumn: String
  /// The actions, in memory that stays put while the log lives: a decision points into it
  /// instead of holding a slice of an array, which would retain and release the array for
  /// every row of a pass.
  private let actionStore: FixedInt32s

  /// The actions of arm set `s`: `actions[setStart[s] ..< setStart[s + 1]]`, ascending.
  var actions: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(actionStore.values) }
  let setStart: [Int]
  /// Each row's arm set.
  package let armSet: [Int32]
  /// Each row's action as a local index into its arm set; -1 when it is not a candidate.
  let arm: [Int32]
  let reward: [Double]
  /// Whether every reward is 0 or 1 and the rows are fewer than 2³²: statistics of the log can
  /// then be kept as 32-bit counts.
  let binaryRewards: Bool
  /// Each row's propensity; nil when the table has no `propensity` column.
  let propensity: [Double]?
  /// Each row's member id (-1 when unknown) and title id.
  package let member: [Int32]
  let title: [Int32]

  /// The candidates of a row, valid while the log lives.
  @inline(__always)
  func candidates(row: Int) -> UnsafeBufferPointer<Int32> {
    let s = Int(armSet[row])
    return UnsafeBufferPointer(rebasing: actionStore.values[setStart[s]..<setStart[s + 1]])
  }

  /// The most candidates any arm set has.
  var widestArmSet: Int {
    (0..<setStart.count - 1).reduce(0) { max($0, setStart[$1 + 1] - setStart[$1]) }
  }

  /// The problem that stops a table from being read as a log.
  package enum Problem: Error {
    /// A needed column is absent: its name and the columns that would do.
    case missingColumn(String, alternatives: [String])
  }

  /// The column holding a table's action.
  package static func actionColumn(of table: Table) -> String {
    table["artwork"] != nil ? "artwork" : "title"
  }

  /// Checks that `table` has a reward column and the columns of actions held in `action`.
  package static func requireColumns(_ table: Table, action: String) throws(Problem) {
    guard let reward = table["played"] ?? table["click"], reward.type != .string && reward.type != .list else {
      throw .missingColumn("played", alternatives: ["played", "click"])
    }
    if action == "artwork" && table["artwork"] == nil { throw .missingColumn("artwork", alternatives: ["artwork"]) }
    if table["title"] == nil {
      throw action == "artwork" ? .missingColumn("title", alternatives: ["title"])
        : .missingColumn("artwork", alternatives: ["artwork", "title"])
    }
  }

  /// Reads `table` as a log; `artworks` is the session's `artworks` table when there is one.
  /// - Complexity: O(rows + artworks).
  package static func read(_ table: Table, artworks: Table?) throws(Problem) -> BanditLog {
    try read(RequestStack(table), artworks: artworks)
  }

  /// Reads the stacked requests as a log: the judged rows, then the training rows.
  package static func read(_ stack: RequestStack, artworks: Table?) throws(Problem) -> BanditLog {
    let table = stack.table
    let n = table.count
    try requireColumns(table, action: actionColumn(of: table))
    let rewardColumn = (table["played"] ?? table["click"])!
    // Each column is a pass over every row of its own: they are converted at once on the cores.
    var reward: [Double] = []
    var binaryRewards = false
    var member: [Int32] = []
    var title: [Int32] = []
    var artwork: [Int32]?
    var propensity: [Double]?
    inParallel(4) { job in
      switch job {
      case 0:
        if case .bool(let played) = rewardColumn.storage {
          reward = played.map { $0 > 0 ? 1 : 0 }
        } else {
          reward = rewardColumn.doubleValues!.map { $0.isNaN ? 0 : $0 }
        }
        binaryRewards = n < Int(UInt32.max) && reward.allSatisfy { $0 == 0 || $0 == 1 }
      case 1: member = table["member"].map(int32s) ?? [Int32](repeating: -1, count: n)
      case 2: title = int32s(table["title"]!)
      default:
        artwork = table["artwork"].map(int32s)
        propensity = table["propensity"]?.doubleValues
      }
    }
    if let artwork {
      var byTitle: [Int32: [Int32]] = [:]
      if let artworks, let t = artworks["title"], let id = artworks["id"] {
        for (ti, ai) in zip(int32s(t), int32s(id)) { byTitle[ti, default: []].append(ai) }
      } else {
        var seen = Set<Int64>()
        for (ti, ai) in zip(title, artwork) where seen.insert(Int64(ti) << 32 | Int64(ai)).inserted {
          byTitle[ti, default: []].append(ai)
        }
      }
      let titles = byTitle.keys.sorted()
      var actions: [Int32] = []
      var setStart = [0]
      for t in titles {
        actions += byTitle[t]!.sorted()
        setStart.append(actions.count)
      }
      let setOf = IDIndex(titles)
      var armSet = [Int32](repeating: -1, count: n)
      var arm = [Int32](repeating: -1, count: n)
      armSet.withUnsafeMutableBufferPointer { armSet in
        arm.withUnsafeMutableBufferPointer { arm in
          inHalves(0..<n) { _, rows in
            for i in rows {
              let s = setOf[title[i]]
              guard s >= 0 else { continue }
              armSet[i] = s
              let set = actions[setStart[Int(s)]..<setStart[Int(s) + 1]]
              if let local = set.firstIndex(of: artwork[i]) { arm[i] = Int32(local - set.startIndex) }
            }
          }
        }
      }
      return BanditLog(
        count: stack.judgedCount, training: stack.training, actionColumn: "artwork", actionStore: FixedInt32s(actions),
        setStart: setStart, armSet: armSet, arm: arm, reward: reward, binaryRewards: binaryRewards, propensity: propensity, member: member,
        title: title)
    }
    let items = Array(Set(title)).sorted()
    let local = IDIndex(items)
    return BanditLog(
      count: stack.judgedCount, training: stack.training, actionColumn: "title", actionStore: FixedInt32s(items),
      setStart: [0, items.count], armSet: [Int32](repeating: 0, count: n), arm: title.map { local[$0] },
      reward: reward, binaryRewards: binaryRewards, propensity: propensity, member: member, title: title)
  }

  /// The mean propensity logged for each action of each arm set (nil where never shown), for `logged`.
  func recordedPropensities() -> [[Double?]] {
    var sums = [Double](repeating: 0, count: actions.count)
    var counts = [Double](repeating: 0, count: actions.count)
    if let propensity {
      for i in 0..<count where arm[i] >= 0 && !propensity[i].isNaN {
        let slot = setStart[Int(armSet[i])] + Int(arm[i])
        sums[slot] += propensity[i]
        counts[slot] += 1
      }
    }
    return (0..<setStart.count - 1).map { s in
      (setStart[s]..<setStart[s + 1]).map { counts[$0] > 0 ? sums[$0] / counts[$0] : nil }
    }
  }
}

/// 32-bit integers in memory of their own that neither moves nor is shared, freed with the value.
package final class FixedInt32s: @unchecked Sendable {
  let values: UnsafeMutableBufferPointer<Int32>

  init(_ array: [Int32]) {
    values = .allocate(capacity: array.count)
    _ = values.initialize(from: array)
  }

  deinit { values.deallocate() }
}

/// The position of each of a list of distinct ids, looked up by id: an array indexed by id when
/// the ids are small enough (a look-up per log row is then one read), else a dictionary.
struct IDIndex {
  private static let denseLimit: Int32 = 1 << 24
  private var dense: [Int32] = []
  private var sparse: [Int32: Int32] = [:]

  init(_ ids: [Int32]) {
    let top = ids.max() ?? -1
    if top < Self.denseLimit {
      dense = [Int32](repeating: -1, count: Int(top) + 1)
      for (i, id) in ids.enumerated() where id >= 0 { dense[Int(id)] = Int32(i) }
    } else {
      for (i, id) in ids.enumerated() { sparse[id] = Int32(i) }
    }
  }

  /// The position of `id`; -1 when it is not one of the ids.
  @inline(__always)
  subscript(id: Int32) -> Int32 {
    if id >= 0 && Int(id) < dense.count { return dense[Int(id)] }
    return sparse[id] ?? -1
  }
}

/// An int-backed column's values as 32-bit integers (-1 where missing or not an integer).
func int32s(_ column: Column) -> [Int32] {
  switch column.storage {
  case .int32(let a): a.map { $0 == Int32.min ? -1 : $0 }
  case .int64(let a): a.map { $0 == Int.min || $0 > Int(Int32.max) || $0 < 0 ? -1 : Int32($0) }
  case .bool(let a): a.map { Int32($0) }
  case .string(let a, _): a
  default: [Int32](repeating: -1, count: column.count)
  }
}
