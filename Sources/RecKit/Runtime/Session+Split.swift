extension Session {
  /// `split T … into A, B`: makes both tables and remembers the pair for evaluation.
  func execute(_ split: Split) throws(Diagnostic) {
    guard let table = tables[split.table.text] else {
      throw Diagnostic(.unknownTable(split.table.text, known: Array(tables.keys)), at: split.table.range)
    }
    let rule = try Splitter.rule(for: split.method, defaultSeed: seed)
    let result = try Splitter.split(table, by: rule, name: split.table.text, at: split.table.range)
    tables[split.train.text] = result.train
    tables[split.test.text] = result.test
    let pair = SplitPair(
      source: split.table.text, train: split.train.text, test: split.test.text, now: result.now)
    splits[split.train.text] = pair
    splits[split.test.text] = pair
    status(
      "split \(split.table.text): \(split.train.text) \(count(result.train.count, "row")), "
        + "\(split.test.text) \(count(result.test.count, "row"))")
  }
}
