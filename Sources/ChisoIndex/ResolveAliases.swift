import ChisoEngine
import ChisoPlan
import ChisoSyntax

extension IndexVerbs {
  /// `resolve_aliases province`: the column's spellings (`Daklak`, `TP.HCM`, `Lai Chau`,
  /// `Đắk Lắk` in NFD) become the official names, from the `province_aliases` table.
  static let resolveAliases = TransformSpec(
    "resolve_aliases", kind: .verb,
    parameters: [
      .positional("column", .columns, "the column of names to resolve: `resolve_aliases province`"),
      .named("aliases", .name, default: "province_aliases", "the table of aliases, with columns `alias` and `province`"),
    ],
    summary: "Replaces alias spellings in a column (Daklak, TP.HCM, Lai Chau, names typed without diacritics) by the official names from `province_aliases`; other values stay as they are.",
    example: "from [{province = \"Daklak\"}, {province = \"TP.HCM\"}] | resolve_aliases province",
    docAnchor: "docs/language.md#resolve_aliases"
  ) { call in
    let r = call.resolver
    let refs = try r.items(try call.required("column")).flatMap { try r.columnReferences($0, call.input) }
    let rel = call.input.finish()
    guard refs.count == 1, let column = refs.first, column < rel.schema.count, !rel.schema[column].hidden else {
      throw Diagnostic(.badArgument, "`resolve_aliases` takes one column: `resolve_aliases province`", span: call.span(of: "column"))
    }
    let name = rel.schema[column].name
    guard rel.schema[column].type == .text else {
      let text = rel.schema.filter { $0.type == .text && !$0.hidden }.map(\.name)
      throw Diagnostic(
        .badArgument, "`resolve_aliases` needs a text column; `\(name)` is \(rel.schema[column].type)", span: call.span(of: "column"),
        hints: [text.isEmpty ? "the input has no text column" : "text columns: " + text.joined(separator: ", ")])
    }
    let tableName = call.text("aliases") ?? "province_aliases"
    let aliases = try r.relation(Expr(.ident([tableName]), call.span(of: "aliases"))).finish()
    guard let alias = aliases.schema.firstIndex(where: { $0.name == "alias" }),
      let official = aliases.schema.firstIndex(where: { $0.name == "province" })
    else {
      throw Diagnostic(.badArgument, "`\(tableName)` needs columns `alias` and `province`", span: call.span(of: "aliases"))
    }
    let op = ResolveAliasesOperation(column: column, columnName: name, alias: alias, official: official, aliasTable: tableName)
    let output = rel.schema.enumerated().filter { !$0.element.hidden }.map { i, c in
      OutputColumn(name: c.name, type: c.type, nullable: c.nullable, copyOf: i)
    }
    return operation(op, call, inputs: [rel, aliases], output: output)
  }
}

/// Looks each value up among the aliases: exactly, then as typed without diacritics, case,
/// spaces or punctuation (`tp hcm` finds `TP.HCM`). A folded spelling two provinces share is
/// left alone rather than guessed.
struct ResolveAliasesOperation: TableOperation {
  var column: Int
  var columnName: String
  var alias: Int
  var official: Int
  var aliasTable: String

  var name: String { "resolve_aliases" }
  var parameters: [(String, String)] { [("column", columnName), ("aliases", aliasTable)] }

  func execute(_ inputs: [Table]) throws(ExecutionError) -> Table {
    let table = inputs[0]
    let lookup = Self.lookup(inputs[1], alias: alias, official: official)
    let visible = table.columns.indices.filter { $0 < table.names.count }
    var columns = visible.map { table.columns[$0] }
    guard column < columns.count else { return table }
    let values = (0..<table.rowCount).map { row -> Value in
      guard case .text(let s) = table.columns[column].value(at: row) else { return .null }
      return .text(Self.resolve(s, lookup) ?? s)
    }
    columns[column] = Column.from(values, type: .text)
    return Table(names: visible.map { table.names[$0] }, columns: columns, rowCount: table.rowCount)
  }

  /// Official names by exact alias, and by folded alias (nil where two provinces share it).
  static func lookup(_ aliases: Table, alias: Int, official: Int) -> (exact: [String: String], folded: [String: String?]) {
    var exact: [String: String] = [:]
    var folded: [String: String?] = [:]
    for row in 0..<aliases.rowCount {
      guard case .text(let a) = aliases.columns[alias].value(at: row), case .text(let p) = aliases.columns[official].value(at: row) else { continue }
      for spelling in [a, p] {
        exact[spelling.precomposedStringWithCanonicalMapping] = p
        let key = compact(spelling)
        if let seen = folded[key], seen != p { folded[key] = .some(nil) } else { folded[key] = p }
      }
    }
    return (exact, folded)
  }

  static func resolve(_ value: String, _ lookup: (exact: [String: String], folded: [String: String?])) -> String? {
    if let hit = lookup.exact[value.precomposedStringWithCanonicalMapping] { return hit }
    return lookup.folded[compact(value)] ?? nil
  }

  /// Folded (no diacritics, lower case) and without spaces or punctuation.
  static func compact(_ text: String) -> String {
    String(TextFold.fold(text).unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.map(Character.init))
  }
}
