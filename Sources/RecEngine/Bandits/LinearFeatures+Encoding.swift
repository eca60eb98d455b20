import RecCore

extension LinearFeatures {
  /// The names a `features` clause may use besides the request table's columns.
  package static let builtIns = ["member.taste", "artwork.tags"]

  /// Encodes a `features` clause over a request table: `member.taste` (the demo's hidden tastes,
  /// one weight per genre), `artwork.tags` (one-hot over the tags of the `artworks` table), and
  /// any numeric (as is) or text (one-hot) column of the requests.
  package static func encode(
    _ features: [FeatureName], requests: Table, member: [Int32], artworks: Table?, demo: DemoWorld?
  ) throws(Diagnostic) -> LinearFeatures {
    var parts: [Part] = []
    for feature in features {
      let written = feature.written
      switch written {
      case "member.taste":
        guard let demo else { throw Diagnostic(.needsDemo("member.taste"), at: feature.range) }
        let width = DemoWorld.genres.count
        var values = [Double](repeating: 0, count: (demo.memberCount + 1) * width)
        for m in 1...max(demo.memberCount, 1) where demo.memberCount > 0 {
          for (g, w) in demo.taste(member: m).enumerated() { values[m * width + g] = w }
        }
        parts.append(.memberVector(values: values, width: width, members: member))
      case "artwork.tags":
        guard let artworks, let ids = artworks["id"], case .list(let o, let c, let dictionary)? = artworks["tags"]?.storage
        else { throw unknown(written, feature, requests) }
        let idValues = int32s(ids)
        let top = Int(idValues.max() ?? 0)
        var rows = [[Int32]](repeating: [], count: top + 1)
        for (r, id) in idValues.enumerated() where id >= 0 { rows[Int(id)] = Array(c[Int(o[r])..<Int(o[r + 1])]) }
        var offsets: [Int32] = [0]
        var codes: [Int32] = []
        for row in rows {
          codes += row
          offsets.append(Int32(codes.count))
        }
        parts.append(.actionOneHot(offsets: offsets, codes: codes, width: dictionary.count))
      default:
        guard let column = requests[written] else { throw unknown(written, feature, requests) }
        if case .string(let codes, let dictionary) = column.storage {
          parts.append(.rowOneHot(codes: codes, width: dictionary.count))
        } else if let values = column.doubleValues {
          parts.append(.rowNumber(values))
        } else {
          throw unknown(written, feature, requests)
        }
      }
    }
    return LinearFeatures(parts: parts)
  }

  private static func unknown(_ name: String, _ feature: FeatureName, _ requests: Table) -> Diagnostic {
    Diagnostic(.unknownFeature(name, known: builtIns + requests.names), at: feature.range)
  }
}
