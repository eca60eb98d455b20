import RecCore
import RecEngine
import RecSyntax

/// The checking pass of queries: resolves the table and column names of a pipeline and types
/// its expressions against schemas only, giving a `BoundPipeline` or a located `Diagnostic`
/// (with "did you mean" where a near name exists).
struct Binder {
  /// The schema of a table by name.
  let schema: (String) -> Schema?
  /// Every table name, for suggestions.
  let tableNames: () -> [String]
  /// Names a row's clause reads that are not columns (the member, the loop variable), bound
  /// here before the usual rules apply; nil outside rows.
  var special: ((Expr, Binder, Scope) throws(Diagnostic) -> BoundExpr?)? = nil

  /// The columns names resolve against, and the table name errors mention.
  struct Scope {
    var schema: Schema
    var table: String
  }

  /// What names mean inside `group by (…)`: keys are columns, other input columns only
  /// appear inside aggregates, which are collected here as hidden columns `#0`, `#1`, ….
  final class GroupContext {
    let input: Scope
    var aggregates: [BoundAggregate] = []

    init(input: Scope) { self.input = input }
  }

  func bind(_ p: Pipeline) throws(Diagnostic) -> BoundPipeline {
    var scope = Scope(schema: try tableSchema(p.source), table: p.source.text)
    var stages: [BoundStage] = []
    for step in p.steps {
      let stage = try bind(step, in: scope)
      scope.schema = outputSchema(stage, input: scope.schema)
      stages.append(stage)
    }
    return BoundPipeline(source: p.source.text, stages: stages, schema: scope.schema)
  }

  private func tableSchema(_ name: Identifier) throws(Diagnostic) -> Schema {
    guard let s = schema(name.text) else {
      throw Diagnostic(.unknownTable(name.text, known: tableNames()), at: name.range)
    }
    return s
  }

  // MARK: - Stages

  private func bind(_ step: Transform, in scope: Scope) throws(Diagnostic) -> BoundStage {
    switch step.kind {
    case .filter(let e):
      let b = try bind(e, in: scope)
      guard b.type == .bool else {
        throw Diagnostic(.expected("a true/false condition", after: "'where'", found: b.type.noun), at: e.range)
      }
      return .filter(b)
    case .select(let bindings):
      // `select n = count(), m = avg(x)`: aggregates over the whole table, one row, as SQL's.
      if bindings.contains(where: { Self.callsAggregate($0.expr) }) {
        return try group(keys: [], aggregates: bindings, clause: "select", in: scope)
      }
      return .select(try named(bindings, clause: "select", in: scope, sequential: false))
    case .derive(let bindings):
      return .derive(try named(bindings, clause: "derive", in: scope, sequential: true))
    case .group(let keyBindings, let aggregateBindings):
      return try group(keys: keyBindings, aggregates: aggregateBindings, clause: "group by", in: scope)
    case .sort(let keys):
      var bound: [(expr: BoundExpr, descending: Bool)] = []
      for key in keys {
        let b = try bind(key.expr, in: scope)
        if b.type == .list {
          throw Diagnostic(.invalidOperands("sort by a list", culprit: b.culprit), at: b.range)
        }
        bound.append((b, key.descending))
      }
      return .sort(bound)
    case .take(let e):
      guard case .literal(.int(let n)) = e.kind, n >= 0 else {
        throw Diagnostic(.expected("a whole number", after: "'take'"), at: e.range)
      }
      return .take(n)
    case .join(let table, let on):
      return try bindJoin(table, on: on, in: scope, at: step.range)
    case .distinct(let bindings):
      return .distinct(try named(bindings, clause: "distinct", in: scope, sequential: false))
    }
  }

  /// The schema after `stage`.
  private func outputSchema(_ stage: BoundStage, input: Schema) -> Schema {
    switch stage {
    case .filter, .sort, .take: return input
    case .select(let named): return Schema(named.map { ($0.name, $0.expr.type) })
    case .derive(let named):
      var s = input
      for n in named {
        if let i = s.columns.firstIndex(where: { $0.name == n.name }) {
          s.columns[i].type = n.expr.type
        } else {
          s.columns.append((n.name, n.expr.type))
        }
      }
      return s
    case .group(let keys, _, let outputs): return Schema((keys + outputs).map { ($0.name, $0.expr.type) })
    case .join(let table, _, _, let right):
      let other = schema(table) ?? Schema([])
      return Schema(input.columns + right.map { ($0.output, other.type(of: $0.source) ?? .int) })
    case .distinct(let keys): return keys.isEmpty ? input : Schema(keys.map { ($0.name, $0.expr.type) })
    }
  }

  /// `group by KEYS (AGGREGATES)`, or a `select` of aggregates (no keys: one row).
  private func group(
    keys keyBindings: [Binding], aggregates aggregateBindings: [Binding], clause: String, in scope: Scope
  ) throws(Diagnostic) -> BoundStage {
    let keys = try named(keyBindings, clause: clause, in: scope, sequential: false)
    let context = GroupContext(input: scope)
    let keyScope = Scope(schema: Schema(keys.map { ($0.name, $0.expr.type) }), table: scope.table)
    var taken = Set(keys.map(\.name))
    var outputs: [NamedExpr] = []
    for binding in aggregateBindings {
      let expr = try bind(binding.expr, in: keyScope, group: context)
      let name = try outputName(binding, clause: clause)
      guard taken.insert(name).inserted else {
        throw Diagnostic(.duplicateColumn(name, in: clause), at: binding.name?.range ?? binding.expr.range)
      }
      outputs.append(NamedExpr(name: name, expr: expr))
    }
    return .group(keys: keys, aggregates: context.aggregates, outputs: outputs)
  }

  /// Whether `e` calls an aggregate (`count()`, `avg(x)`; `min`/`max` with one argument).
  static func callsAggregate(_ e: Expr) -> Bool {
    switch e.kind {
    case .call(let name, let args):
      if AggregateFunction(name: name) != nil, ScalarFunction(rawValue: name) == nil || args.count == 1 { return true }
      return args.contains { callsAggregate($0.value) }
    case .member(let base, _): return callsAggregate(base)
    case .unary(_, let operand): return callsAggregate(operand)
    case .binary(let first, let links): return callsAggregate(first) || links.contains { callsAggregate($0.operand) }
    case .list(let items): return items.contains(where: callsAggregate)
    default: return false
    }
  }

  /// Binds `name = expr` lists; with `sequential`, each binding sees the ones before it (`derive`).
  private func named(
    _ bindings: [Binding], clause: String, in scope: Scope, sequential: Bool
  ) throws(Diagnostic) -> [NamedExpr] {
    var scope = scope
    var result: [NamedExpr] = []
    for binding in bindings {
      let expr = try bind(binding.expr, in: scope)
      let name = try outputName(binding, clause: clause)
      if result.contains(where: { $0.name == name }) {
        throw Diagnostic(.duplicateColumn(name, in: clause), at: binding.name?.range ?? binding.expr.range)
      }
      result.append(NamedExpr(name: name, expr: expr))
      if sequential {
        scope.schema.columns.removeAll { $0.name == name }
        scope.schema.columns.append((name, expr.type))
      }
    }
    return result
  }

  /// The column name of a binding: its own, or the bare name of its expression
  /// (`member.country` → `country`, `count()` → `count`).
  private func outputName(_ binding: Binding, clause: String) throws(Diagnostic) -> String {
    if let name = binding.name { return name.text }
    switch binding.expr.kind {
    case .name(let n), .member(_, let n), .call(let n, _): return n
    default: throw Diagnostic(.unnamedExpression(in: clause), at: binding.expr.range)
    }
  }

  private func bindJoin(
    _ table: Identifier, on: Expr, in scope: Scope, at range: SourceRange
  ) throws(Diagnostic) -> BoundStage {
    let right = try tableSchema(table)
    guard case .binary(let a, let links) = on.kind, links.count == 1, links[0].op == .equal else {
      throw Diagnostic(.expected("'left = right'", after: "'on'"), at: on.range)
    }
    let b = links[0].operand
    // Either side may name the right table's column; the other is read from the left.
    var firstError: Diagnostic?
    for (leftSide, rightSide) in [(a, b), (b, a)] {
      guard case .name(let key) = rightSide.kind, let keyType = right.type(of: key) else { continue }
      let leftKey: BoundExpr
      do throws(Diagnostic) {
        leftKey = try bind(leftSide, in: scope)
      } catch {
        firstError = firstError ?? error
        continue
      }
      guard leftKey.type == keyType, keyType != .float, keyType != .list else {
        throw Diagnostic(
          .cannotJoin(
            "\(leftKey.type.noun)\(leftKey.culprit.map { " (\($0))" } ?? "")",
            "\(keyType.noun) (column '\(key)' of '\(table.text)')"),
          at: on.range)
      }
      var outputs: [(source: String, output: String)] = []
      var taken = Set(scope.schema.names)
      for column in right.names where column != key {
        let output = taken.contains(column) ? "\(table.text)_\(column)" : column
        guard taken.insert(output).inserted else {
          throw Diagnostic(.duplicateColumn(output, in: "join"), at: table.range)
        }
        outputs.append((column, output))
      }
      return .join(table: table.text, leftKey: leftKey, rightKey: key, rightColumns: outputs)
    }
    if let firstError { throw firstError }
    let culprit = [b, a].first { if case .name = $0.kind { true } else { false } } ?? b
    let name = culprit.range.text
    throw Diagnostic(.unknownColumn(name, in: table.text, known: right.names), at: culprit.range)
  }

  // MARK: - Expressions

  func bind(_ e: Expr, in scope: Scope, group: GroupContext? = nil) throws(Diagnostic) -> BoundExpr {
    if let special, let bound = try special(e, self, scope) { return bound }
    switch e.kind {
    case .literal(let literal):
      return try bind(literal, at: e.range)
    case .name(let name):
      if let t = scope.schema.type(of: name) { return BoundExpr(.column(name), t, e.range) }
      if let group, group.input.schema.type(of: name) != nil {
        throw Diagnostic(.columnOutsideAggregate(name), at: e.range)
      }
      if name == "now" { return BoundExpr(.now, .time, e.range) }
      throw Diagnostic(.unknownColumn(name, in: scope.table, known: scope.schema.names), at: e.range)
    case .member(let base, let field):
      let key = try bind(base, in: scope, group: group)
      let fieldRange = SourceRange(file: e.range.file, bytes: (e.range.bytes.upperBound - field.utf8.count)..<e.range.bytes.upperBound)
      guard let keyName = key.keyName else {
        throw Diagnostic(.invalidOperands("read '.\(field)' of a \(key.type.noun)", culprit: key.culprit), at: base.range)
      }
      guard let target = KeyReferences.target(of: keyName, schema: schema) else {
        throw Diagnostic(.notAKey(keyName, table: KeyReferences.candidate(for: keyName)), at: base.range)
      }
      let targetSchema = schema(target) ?? Schema([])
      guard let type = targetSchema.type(of: field) else {
        throw Diagnostic(.unknownColumn(field, in: target, known: targetSchema.names), at: fieldRange)
      }
      return BoundExpr(.lookup(key: key, table: target, column: field), type, e.range)
    case .unary(.negate, let operand):
      let b = try bind(operand, in: scope, group: group)
      guard [.int, .float, .duration].contains(b.type) else {
        throw Diagnostic(.invalidOperands("negate \(b.type.noun)", culprit: b.culprit), at: b.range)
      }
      return BoundExpr(.negate(b), b.type, e.range)
    case .unary(.not, let operand):
      let b = try condition(operand, in: scope, group: group)
      return BoundExpr(.not(b), .bool, e.range)
    case .unary(let test, let operand):
      let missing = BoundExpr(.isMissing(try bind(operand, in: scope, group: group)), .bool, e.range)
      return test == .isNotMissing ? BoundExpr(.not(missing), .bool, e.range) : missing
    case .binary(let first, let links):
      return try bindChain(first, links, in: scope, group: group, at: e.range)
    case .call(let name, let args):
      return try bindCall(name, args, in: scope, group: group, at: e.range)
    case .list:
      throw Diagnostic(.expected("a column or a value", found: "a list, which may only follow 'in'"), at: e.range)
    case .interpolated:
      throw Diagnostic(.notAvailableYet("string interpolation in queries"), at: e.range)
    }
  }

  private func bind(_ literal: Literal, at range: SourceRange) throws(Diagnostic) -> BoundExpr {
    let (value, type): (Value, ColumnType)
    switch literal {
    case .int(let v): (value, type) = (.int(v), .int)
    case .float(let v), .percent(let v): (value, type) = (.float(v), .float)
    case .duration(let v): (value, type) = (.duration(v), .duration)
    case .date(let v): (value, type) = (.date(v), .date)
    case .datetime(let v): (value, type) = (.time(v), .time)
    case .string(let v): (value, type) = (.string(v), .string)
    case .bool(let v): (value, type) = (.bool(v), .bool)
    case .range, .grid:
      throw Diagnostic(.expected("a value", found: "'\(range.text)'"), at: range)
    }
    return BoundExpr(.constant(value), type, range)
  }

  private func condition(_ e: Expr, in scope: Scope, group: GroupContext?) throws(Diagnostic) -> BoundExpr {
    let b = try bind(e, in: scope, group: group)
    guard b.type == .bool else {
      throw Diagnostic(.invalidOperands("use \(b.type.noun) as a true/false condition", culprit: b.culprit), at: b.range)
    }
    return b
  }
}
