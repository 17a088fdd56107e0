import ChisoEngine
import ChisoSyntax

/// The columns an index verb works on, named by convention (`province`, `year`, `component`,
/// `score`) or by the verb's named arguments (`unit:gso_code`, `value:value`).
struct IndexShape {
  var unit: Int
  var year: Int
  /// Absent for wide or single-measure tables.
  var component: Int?
  var value: Int
  var unitName: String
  var yearName: String
  var componentName: String?
  var valueName: String

  static func resolve(_ table: Table, named: [NamedArg], span: Span, needComponent: Bool) throws -> IndexShape {
    func pick(_ key: String, _ defaults: [String], required: Bool) throws -> (Int, String)? {
      if let arg = named.first(where: { $0.name == key }) {
        guard case .ident(let path) = arg.value.kind, let name = path.last else {
          throw Diagnostic("bad-argument", "`\(key):` takes a column name", span: arg.value.span)
        }
        guard let index = table.index(of: name) else {
          throw Diagnostic(
            "unknown-column", "unknown column `\(name)`", span: arg.value.span,
            label: Diagnostic.suggestion(for: name, among: table.names), hints: ["available columns: " + table.names.joined(separator: ", ")])
        }
        return (index, name)
      }
      for name in defaults { if let index = table.index(of: name) { return (index, name) } }
      if required {
        throw Diagnostic(
          "missing-column", "this verb needs a \(key) column (\(defaults.joined(separator: " or "))), and the relation has none", span: span,
          hints: ["name it: `\(key):COLUMN`", "available columns: " + table.names.joined(separator: ", ")])
      }
      return nil
    }
    guard let unit = try pick("unit", ["province", "gso_code", "unit"], required: true),
      let year = try pick("year", ["year"], required: true),
      let value = try pick("value", ["score", "value"], required: true)
    else { throw Diagnostic("missing-column", "missing columns", span: span) }
    let component = try pick("component", ["component"], required: needComponent)
    return IndexShape(
      unit: unit.0, year: year.0, component: component?.0, value: value.0, unitName: unit.1, yearName: year.1,
      componentName: component?.1, valueName: value.1)
  }
}

/// Small dense linear algebra for `fit_weights`.
enum LeastSquares {
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

/// Competition rank (1 = highest) of `value` among `others`: one plus the number strictly above.
func competitionRank(_ value: Double, among others: [Double]) -> Int {
  1 + others.reduce(0) { $0 + ($1 > value ? 1 : 0) }
}
