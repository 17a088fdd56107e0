import ChisoEngine
import ChisoPlan
import ChisoSyntax

/// The columns an index verb works on, named by convention (`province`, `year`, `component`,
/// `score`) or by the verb's named arguments (`unit:gso_code`, `value:value`). Positions are in
/// the input's visible columns, which is the order of the table an operation receives.
struct IndexShape: Sendable {
  var unit: Int
  var year: Int
  /// Absent for wide or single-measure tables.
  var component: Int?
  var value: Int
  var unitName: String
  var yearName: String
  var componentName: String?
  var valueName: String

  /// `unitKey` is the argument naming the unit column (`unit`, or `unit_column` for `what_if`,
  /// whose `unit:`, `year:` and `component:` name a value, not a column).
  static func resolve(_ call: TransformCall, needComponent: Bool, unitKey: String = "unit") throws -> IndexShape {
    let names = call.input.visibleColumns.map(\.name)
    let namesColumns = unitKey == "unit"
    func pick(_ key: String, _ defaults: [String], required: Bool) throws -> (Int, String)? {
      if key == unitKey || key == "value" || namesColumns, let name = call.text(key) {
        guard let index = names.firstIndex(of: name) else {
          throw Diagnostic(
            .unknownColumn, "unknown column `\(name)`", span: call.span(of: key),
            label: Diagnostic.suggestion(for: name, among: names), hints: ["available columns: " + names.joined(separator: ", ")])
        }
        return (index, name)
      }
      for name in defaults { if let index = names.firstIndex(of: name) { return (index, name) } }
      if required {
        throw Diagnostic(
          .missingColumn, "`\(call.spec.name)` needs a \(key) column (\(defaults.joined(separator: " or "))), and the relation has none",
          span: call.span, hints: ["name it: `\(key == "unit" ? unitKey : key):COLUMN`", "available columns: " + names.joined(separator: ", ")])
      }
      return nil
    }
    guard let unit = try pick(unitKey, ["province", "gso_code", "unit"], required: true),
      let year = try pick("year", ["year"], required: true),
      let value = try pick("value", ["score", "value"], required: true)
    else { throw Diagnostic(.missingColumn, "missing columns", span: call.span) }
    let component = try pick("component", ["component"], required: needComponent)
    let columns = call.input.visibleColumns
    guard columns[year.0].type == .int || columns[year.0].type == .null else {
      throw Diagnostic(
        .typeMismatch, "the year column `\(year.1)` is \(columns[year.0].type); `\(call.spec.name)` needs whole-number years",
        span: call.span)
    }
    guard columns[value.0].type.isNumeric || columns[value.0].type == .null else {
      throw Diagnostic(
        .typeMismatch, "the value column `\(value.1)` is \(columns[value.0].type); `\(call.spec.name)` needs numbers",
        span: call.span, hints: ["name another with `value:COLUMN`"])
    }
    return IndexShape(
      unit: unit.0, year: year.0, component: component?.0, value: value.0, unitName: unit.1, yearName: year.1,
      componentName: component?.1, valueName: value.1)
  }
}

/// One index's values by unit, year and component, from a long table.
struct Panel {
  /// unit → year → component → value
  var values: [String: [Int: [String: Double]]] = [:]
  var units: [String] = []
  var years: [Int] = []
  var components: [String] = []

  /// `onlyYears`: the values of other years are not kept (a verb that reads two years of a
  /// 10-million-row panel); units, components and years are still those of every row.
  ///
  /// NaN and infinities are refused: ranks, weights and effects computed from them would be
  /// silently meaningless (DuckDB's order puts NaN above every number).
  init(_ table: Table, _ shape: IndexShape, onlyYears: Set<Int>? = nil) throws(ExecutionError) {
    if let row = FloatOrder.firstNonFinite(table.columns[shape.value]) {
      throw ExecutionError(
        "`\(shape.valueName)` is \(table.columns[shape.value].value(at: row)) for \(table.columns[shape.unit].value(at: row)) in \(table.columns[shape.year].value(at: row)): ranks and weights need finite values",
        hints: ["keep finite values first: `filter \(shape.valueName) > -1e308 && \(shape.valueName) < 1e308` (NaN sorts above every number)"])
    }
    if let fast = Panel(typed: table, shape, onlyYears: onlyYears) {
      self = fast
      return
    }
    var seenUnits = Set<String>()
    var seenComponents = Set<String>()
    var seenYears = Set<Int>()
    for row in 0..<table.rowCount {
      guard let unit = Panel.text(table.columns[shape.unit].value(at: row)),
        case .int(let y) = table.columns[shape.year].value(at: row),
        let v = table.columns[shape.value].value(at: row).asDouble, v.isFinite
      else { continue }
      let component = shape.component.flatMap { Panel.text(table.columns[$0].value(at: row)) } ?? "total"
      values[unit, default: [:]][Int(y), default: [:]][component] = v
      if seenUnits.insert(unit).inserted { units.append(unit) }
      if seenComponents.insert(component).inserted { components.append(component) }
      seenYears.insert(Int(y))
    }
    years = seenYears.sorted()
  }

  /// The same panel from the typed columns (text units and components, int years, numeric
  /// values), without boxing a value per row; nil for other column types.
  init?(typed table: Table, _ shape: IndexShape, onlyYears: Set<Int>?) {
    let unitColumn = table.columns[shape.unit]
    let yearColumn = table.columns[shape.year]
    let valueColumn = table.columns[shape.value]
    guard case .text(let units) = unitColumn.storage, case .int(let years) = yearColumn.storage else { return nil }
    let componentColumn = shape.component.map { table.columns[$0] }
    var components: TextBuffer? = nil
    if let componentColumn {
      guard case .text(let t) = componentColumn.storage else { return nil }
      components = t
    }
    let values: [Double]
    switch valueColumn.storage {
    case .float(let a): values = a
    case .int(let a): values = a.map(Double.init)
    default: return nil
    }
    var seenUnitCode = [Bool](repeating: false, count: units.dictionary.count)
    var seenComponentCode = [Bool](repeating: false, count: components?.dictionary.count ?? 0)
    var seenUnits = Set<String>()
    var seenComponents = Set<String>()
    var seenYears = Set<Int>()
    var lastYear: Int64? = nil
    var keepYear = true
    // The validity bitmaps and buffers are taken once: a Column accessor per row copied the
    // column's storage (a retain and a release each), 95% of `explain_rank`'s time on 10M rows.
    let unitValid = unitColumn.validity
    let yearValid = yearColumn.validity
    let valueValid = valueColumn.validity
    let componentValid = componentColumn?.validity
    let componentCodes = components?.codes ?? []
    units.codes.withUnsafeBufferPointer { unitCodes in
      years.withUnsafeBufferPointer { years in
        values.withUnsafeBufferPointer { values in
          componentCodes.withUnsafeBufferPointer { componentCodes in
            for row in 0..<table.rowCount {
              guard unitValid?.isValid(row) ?? true, yearValid?.isValid(row) ?? true, valueValid?.isValid(row) ?? true,
                values[row].isFinite
              else { continue }
              // Strings are looked up only for a code seen the first time and for the rows kept.
              let unitCode = Int(unitCodes[row])
              if !seenUnitCode[unitCode] {
                seenUnitCode[unitCode] = true
                if seenUnits.insert(units.dictionary[unitCode]).inserted { self.units.append(units.dictionary[unitCode]) }
              }
              var componentCode = -1
              if let components, componentValid?.isValid(row) ?? true {
                componentCode = Int(componentCodes[row])
                if !seenComponentCode[componentCode] {
                  seenComponentCode[componentCode] = true
                  let name = components.dictionary[componentCode]
                  if seenComponents.insert(name).inserted { self.components.append(name) }
                }
              } else if seenComponents.insert("total").inserted {
                self.components.append("total")
              }
              let y = years[row]
              if y != lastYear {
                seenYears.insert(Int(y))
                lastYear = y
                keepYear = onlyYears?.contains(Int(y)) ?? true
              }
              if !keepYear { continue }
              let component = componentCode >= 0 ? components?.dictionary[componentCode] ?? "total" : "total"
              self.values[units.dictionary[unitCode], default: [:]][Int(y), default: [:]][component] = values[row]
            }
          }
        }
      }
    }
    self.years = seenYears.sorted()
  }

  static func text(_ v: Value) -> String? {
    if case .text(let s) = v { return s }
    return v.isNull ? nil : v.description
  }
}

/// The weights an analysis uses: the manifest's, else fitted by least squares on the year.
struct WeightSource: Sendable {
  /// Component id → weight, from the manifest; nil means fit them.
  var manifestWeights: [String: Double]?
  var manifestID: String?
  var composite: String

  init(_ manifest: IndexManifest?) {
    composite = manifest?.compositeID ?? "total"
    manifestID = manifest?.id
    if let manifest, manifest.components.contains(where: { $0.weight != nil && !$0.isComposite }) {
      var w: [String: Double] = [:]
      for c in manifest.components where !c.isComposite { if let weight = c.weight { w[c.id] = weight } }
      manifestWeights = w
    }
  }

  func weights(_ p: Panel, year: Int) throws(ExecutionError) -> (weights: [String: Double], source: String) {
    if let manifestWeights { return (manifestWeights, "manifest (\(manifestID ?? "?"))") }
    let fit = try LeastSquares.fit(p, year: year, composite: composite, intercept: false)
    let r2 = FloatFormat.shortest((fit.r2 * 10000).rounded() / 10000)
    return (Dictionary(uniqueKeysWithValues: zip(fit.components, fit.weights)), "fitted on \(year) (R² \(r2))")
  }
}

/// Small dense linear algebra for `fit_weights`.
enum LeastSquares {
  static func fit(_ p: Panel, year: Int, composite: String, intercept: Bool) throws(ExecutionError)
    -> (components: [String], weights: [Double], r2: Double, n: Int)
  {
    let components = p.components.filter { c in c != composite && p.units.contains { p.values[$0]?[year]?[c] != nil } }
    var x: [[Double]] = []
    var y: [Double] = []
    for unit in p.units {
      guard let row = p.values[unit]?[year], let target = row[composite] else { continue }
      let features = components.compactMap { row[$0] }
      guard features.count == components.count else { continue }
      x.append(features + (intercept ? [1] : []))
      y.append(target)
    }
    guard let solution = solve(x, y) else {
      throw ExecutionError(
        "cannot fit weights for \(year): \(x.count) complete units for \(components.count + (intercept ? 1 : 0)) unknowns",
        hints: ["each unit needs every component and the composite `\(composite)` that year"])
    }
    return (components + (intercept ? ["(intercept)"] : []), solution.weights, solution.r2, x.count)
  }

  /// Solves min ‖Xw − y‖² by the normal equations with partial pivoting; nil when singular.
  static func solve(_ x: [[Double]], _ y: [Double]) -> (weights: [Double], r2: Double)? {
    guard let k = x.first?.count, k > 0, x.count >= k else { return nil }
    var a = [[Double]](repeating: [Double](repeating: 0, count: k + 1), count: k)
    for (row, target) in zip(x, y) {
      for i in 0..<k {
        for j in 0..<k { a[i][j] += row[i] * row[j] }
        a[i][k] += row[i] * target
      }
    }
    for col in 0..<k {
      var pivot = col
      for r in col..<k where abs(a[r][col]) > abs(a[pivot][col]) { pivot = r }
      guard abs(a[pivot][col]) > 1e-12 else { return nil }
      a.swapAt(col, pivot)
      for r in 0..<k where r != col {
        let f = a[r][col] / a[col][col]
        for c in col...k { a[r][c] -= f * a[col][c] }
      }
    }
    let w = (0..<k).map { a[$0][k] / a[$0][$0] }
    let mean = y.reduce(0, +) / Double(y.count)
    var ssRes = 0.0
    var ssTot = 0.0
    for (row, target) in zip(x, y) {
      let fit = zip(row, w).reduce(0) { $0 + $1.0 * $1.1 }
      ssRes += (target - fit) * (target - fit)
      ssTot += (target - mean) * (target - mean)
    }
    return (w, ssTot > 0 ? 1 - ssRes / ssTot : 1)
  }
}

/// A table from rows of values.
func rowsTable(_ names: [String], _ types: [DataType], _ rows: [[Value]]) -> Table {
  Table(names: names, columns: types.indices.map { k in Column.from(rows.map { $0[k] }, type: types[k]) }, rowCount: rows.count)
}

extension Panel {
  /// Throws unless the data has `year`: a verb comparing two years, one of them absent, would
  /// otherwise answer with no rows and no reason.
  func require(year: Int, _ argument: String) throws(ExecutionError) {
    guard !years.isEmpty, !years.contains(year) else { return }
    let shown = years.count > 12 ? "\(years[0])–\(years[years.count - 1])" : years.map(String.init).joined(separator: ", ")
    throw ExecutionError("the data has no \(argument) \(year)", hints: ["years in the data: \(shown)"])
  }
}
