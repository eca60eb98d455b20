import RecCore

/// An uplift model as pages read it (`utility uplift NAME`, `order by uplift(NAME)`): its
/// features as row expressions over the catalog, so that a member's predicted uplift is found for
/// every title at once, against the page's history and "now" (as the features were read against
/// the history before each exposure when the model was trained).
package struct TitleUplift: Sendable {
  let model: UpliftModel
  let features: [RowExpression]

  /// `model` with `features`, bound over the catalog as a row's `order by` is.
  package init(_ model: UpliftModel, features: [BoundExpr]) {
    self.model = model
    self.features = features.map { RowExpression($0) }
  }

  /// Whether a feature reads `affinity(member, title)`, and so the co-visitation neighbours.
  var readsAffinity: Bool { features.contains(where: \.readsAffinity) }

  /// The model's score for every title (dense numbers) for the member of `view`.
  func scores(_ view: MemberView, catalog: HomeCatalog) throws(Diagnostic) -> [Double] {
    var columns: [[Double]] = []
    for feature in features {
      columns.append(try feature.evaluate(.init(variable: nil, member: view.member), view: view, catalog: catalog))
    }
    return model.scores(columns)
  }

  /// The catalog column a row expression reads `uplift(NAME)` from.
  package static func column(_ name: String) -> String { "uplift(\(name))" }

  /// The model named by a column made by `column(_:)`; nil for any other column.
  static func model(inColumn column: String) -> String? {
    guard column.hasPrefix("uplift("), column.hasSuffix(")") else { return nil }
    return String(column.dropFirst("uplift(".count).dropLast())
  }
}
