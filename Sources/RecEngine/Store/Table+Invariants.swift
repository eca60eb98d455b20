extension Table {
  /// Checks equal column lengths, unique names and dictionary codes in range (debug builds only).
  func _checkInvariants() {
    #if DEBUG
      precondition(names.count == columns.count, "names and columns differ in number")
      precondition(Set(names).count == names.count, "duplicate column names \(names)")
      for (name, column) in zip(names, columns) {
        precondition(column.count == count, "column '\(name)' has \(column.count) rows, table \(count)")
        switch column.storage {
        case .string(let codes, let dict):
          precondition(codes.allSatisfy { $0 >= -1 && Int($0) < dict.count }, "code out of range in '\(name)'")
        case .list(let offsets, let codes, let dict):
          precondition(offsets.first == 0 && Int(offsets.last!) == codes.count, "bad offsets in '\(name)'")
          precondition(codes.allSatisfy { $0 >= 0 && Int($0) < dict.count }, "code out of range in '\(name)'")
        default: break
        }
      }
    #endif
  }
}
