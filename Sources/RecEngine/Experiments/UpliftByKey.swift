/// The statistics of `uplift of`: per key value, the treated (shown) and held-out rows and their
/// plays, and the difference of the two play rates with its 95% interval, computed as `abtest on`
/// computes a 0/1 metric (`ProportionDifference`); all rows together first.
package struct UpliftByKey {
  package struct Group: Equatable {
    /// The key value; missing for the total.
    package var key: Value
    package var shown = 0
    package var shownPlays = 0
    package var held = 0
    package var heldPlays = 0
    /// The sum and count of the rows' true uplift, when the truth is known.
    package var truthSum = 0.0
    package var truthCount = 0

    /// Both arms have rows, so that the difference of rates is defined.
    package var hasBothArms: Bool { shown > 0 && held > 0 }

    /// The difference of the play rates, shown minus held out; nil with an arm empty.
    package var difference: ProportionDifference? {
      guard hasBothArms else { return nil }
      return ProportionDifference(
        rate: Double(shownPlays) / Double(shown), count: Double(shown),
        controlRate: Double(heldPlays) / Double(held), controlCount: Double(held))
    }

    /// The mean true uplift of the group's rows; nil without truth.
    package var truth: Double? { truthCount > 0 ? truthSum / Double(truthCount) : nil }
  }

  /// Every row with a treatment and an outcome, whatever its key.
  package var total: Group
  /// One per key value present, in key order; rows with a missing key are in the total only.
  package var groups: [Group]
  /// The rows with a missing key.
  package var missingKeys: Int

  /// Counts the rows of `keys` by arm (`treated[i]`) and outcome (`played[i]`); `truth[i]` is the
  /// row's true uplift, when known (NaN for a row whose truth is not).
  /// - Complexity: O(rows + groups · log groups).
  package init(keys: Column, treated: [Bool], played: [Bool], truth: [Double]?) {
    precondition(treated.count == keys.count && played.count == keys.count, "uplift columns of unequal length")
    var total = Group(key: .null)
    var slots: [Value: Int] = [:]
    var groups: [Group] = []
    var missing = 0
    for i in 0..<keys.count {
      total.count(treated: treated[i], played: played[i], truth: truth?[i])
      let key = keys.value(at: i)
      if key.isNull {
        missing += 1
        continue
      }
      let slot: Int
      if let known = slots[key] {
        slot = known
      } else {
        slot = groups.count
        slots[key] = slot
        groups.append(Group(key: key))
      }
      groups[slot].count(treated: treated[i], played: played[i], truth: truth?[i])
    }
    self.total = total
    self.groups = groups.sorted { $0.key.sortsBefore($1.key) }
    missingKeys = missing
  }
}

extension UpliftByKey.Group {
  fileprivate mutating func count(treated: Bool, played: Bool, truth: Double?) {
    if treated {
      shown += 1
      if played { shownPlays += 1 }
    } else {
      held += 1
      if played { heldPlays += 1 }
    }
    if let truth, !truth.isNaN {
      truthSum += truth
      truthCount += 1
    }
  }
}
