import ChisoEngine
import ChisoSyntax

/// `read_xlsx "book.xlsx" sheet:"Summary" range:"A1:M64" header:false`: one sheet of a workbook
/// as a relation. Like `read_csv`, the file is read while the query is resolved (its columns
/// and their types come from the cells).
extension Resolver {
  func readXLSX(_ expr: Expr, args: [Expr], named: [NamedArg]) throws -> Relation {
    guard let arg = args.first, let path = constantText(arg) else {
      throw Diagnostic(
        "bad-argument", "`read_xlsx` needs a file path in quotes", span: expr.span,
        hints: ["e.g. `read_xlsx \"PCI_2019.xlsx\" sheet:\"Summary\" range:\"A1:M64\"`"])
    }
    var sheet: String? = nil
    var range: String? = nil
    var header = true
    var spans: [String: Span] = [:]
    for option in named {
      spans[option.name] = option.value.span
      let text = constantText(option.value)
      switch (option.name, option.value.kind) {
      case ("sheet", _) where text != nil: sheet = text
      case ("range", _) where text != nil: range = text
      case ("header", .literal(.bool(let b))): header = b
      case ("sheet", _), ("range", _):
        throw Diagnostic(
          "bad-argument", "`\(option.name):` takes a text in quotes", span: option.value.span,
          hints: [option.name == "sheet" ? "e.g. `sheet:\"Summary\"`" : "e.g. `range:\"A1:M64\"`"])
      case ("header", _):
        throw Diagnostic("bad-argument", "`header:` is `true` or `false`", span: option.value.span)
      default:
        throw Diagnostic(
          "bad-argument", "`read_xlsx` has no option `\(option.name)`", span: option.value.span,
          label: Diagnostic.suggestion(for: option.name, among: ["sheet", "range", "header"]),
          hints: ["options: `sheet:\"Name\"`, `range:\"A1:N64\"`, `header:false`"])
      }
    }
    let table: Table
    do {
      table = try XLSXReader.read(path: path, sheet: sheet, range: range, header: header)
    } catch {
      // Point at the option the problem is about: the range's text, the sheet's name, else the file.
      let at: Span
      if error.message.contains("is not a cell range"), let s = spans["range"] {
        at = s
      } else if error.message.contains("has no sheet named"), let s = spans["sheet"] {
        at = s
      } else {
        at = arg.span
      }
      throw ChisoError.data(error, span: at)
    }
    return Relation(
      plan: .values(table),
      columns: zip(table.names, table.columns).map { ScopeColumn(name: $0, qualifier: expr.alias, type: $1.type) })
  }

  /// A text literal, or a script parameter holding one (`let book = "PCI_2019.xlsx"`, which
  /// `--param book=…` may override).
  func constantText(_ e: Expr) -> String? {
    switch e.kind {
    case .literal(.string(let s)): return s
    case .ident(let path) where path.count == 1:
      if case .expr(let bound)? = lookup(path[0]), case .literal(.string(let s)) = bound.kind { return s }
      return nil
    default: return nil
    }
  }
}
