import ChisoEngine
import ChisoSyntax

extension CoreTransforms {
  static let readCSV = readFile("read_csv", .csv, "Reads a CSV file (a `.tsv` name reads tab-separated values).")
  static let readJSON = readFile("read_json", .json, "Reads a JSON file: an array of objects, or `{columns, data}`.")

  static func readFile(_ name: String, _ format: FileFormat, _ summary: String) -> TransformSpec {
    TransformSpec(
      name, kind: .source, parameters: [.positional("path", .expr, "a file path in quotes")],
      summary: summary,
      example: format == .json
        ? "from (read_json \"Tests/ConformanceTests/prql/data/chinook/media_types.json\") | take 3"
        : "from (read_csv \"Datasets/provinces.csv\") | take 3",
      docAnchor: "docs/language.md#reading-files"
    ) { call in
      let arg = try call.required("path")
      // A literal, or a script parameter holding one (`let book = "…"`, `--param book=…`).
      guard case .text(let path) = try? call.resolver.constant(arg) else {
        throw Diagnostic(.badArgument, "`\(name)` needs a file path in quotes", span: arg.span)
      }
      let actual: FileFormat = format == .csv && path.lowercased().hasSuffix(".tsv") ? .tsv : format
      let schema: TableSchema
      do throws(DataError) {
        schema = try call.resolver.schemas.schema(ofFile: path, format: actual)
      } catch {
        throw PlanError.data(error, span: arg.span)
      }
      let columns = schema.names.indices.map { i in
        SchemaColumn.source(path, schema.names[i], type: schema.types[i], nullable: schema.nullable[i])
      }
      return Relation(plan: LogicalPlan(.readFile(path: path, format: actual, read: .all), schema: columns, span: call.span))
    }
  }

  /// `read_xlsx "book.xlsx" sheet:"Summary" range:"A1:M64" header:false`: one sheet of a
  /// workbook (the first unless named) as a relation.
  static let readXLSX = TransformSpec(
    "read_xlsx", kind: .source,
    parameters: [
      .positional("path", .expr, "a workbook path in quotes"),
      .named("sheet", .text, default: "the first sheet", "the sheet to read: `sheet:\"Summary\"`"),
      .named("range", .text, default: "the used cells", "a cell range: `range:\"A1:M64\"`"),
      .named("header", .bool, default: "true", "whether the first row names the columns"),
    ],
    summary: "Reads one sheet of an Excel workbook (.xlsx): shared and inline strings, numbers, booleans, dates.",
    example: "from (read_xlsx \"Datasets/sources/vcci-pci-2017-2019/PCI_2019.xlsx\" sheet:\"Summary\") | take 3",
    docAnchor: "docs/language.md#reading-files"
  ) { call in
    let arg = try call.required("path")
    guard case .text(let path) = try? call.resolver.constant(arg) else {
      throw Diagnostic(
        .badArgument, "`read_xlsx` needs a file path in quotes", span: arg.span,
        hints: ["e.g. `read_xlsx \"PCI_2019.xlsx\" sheet:\"Summary\" range:\"A1:M64\"`"])
    }
    let options = XLSXOptions(sheet: call.text("sheet"), range: call.text("range"), header: call.bool("header") ?? true)
    let schema: TableSchema
    do throws(DataError) {
      schema = try call.resolver.schemas.schema(ofFile: path, format: .xlsx(options))
    } catch {
      // Point at the option the problem is about: the range, the sheet, else the file.
      var at = arg.span
      if error.message.contains("is not a cell range"), let range = call.named("range") { at = range.value.span }
      if error.message.contains("has no sheet named"), let sheet = call.named("sheet") { at = sheet.value.span }
      throw PlanError.data(error, span: at)
    }
    let columns = schema.names.indices.map { i in
      SchemaColumn.source(path, schema.names[i], type: schema.types[i], nullable: schema.nullable[i])
    }
    return Relation(plan: LogicalPlan(.readFile(path: path, format: .xlsx(options), read: .all), schema: columns, span: call.span))
  }

  /// `from_text "a,b\n1,2"`, `from_text format:json '…'`.
  static let fromText = TransformSpec(
    "from_text", kind: .source,
    parameters: [
      .positional("text", .expr, "the data as text in quotes"),
      .named("format", .choice(["csv", "json"]), default: "csv", "how the text is written"),
    ],
    summary: "Inline data written as CSV or JSON text.",
    example: "from_text \"a,b\\n1,2\" | derive c = a + b",
    docAnchor: "docs/language.md#reading-files"
  ) { call in
    let arg = try call.required("text")
    guard case .literal(.string(let text)) = arg.kind else {
      throw Diagnostic(.badArgument, "`from_text` needs the text in quotes", span: arg.span)
    }
    let format: FileFormat = call.text("format") == "json" ? .json : .csv
    let schema: TableSchema
    do throws(DataError) {
      schema = try call.resolver.schemas.schema(ofText: text, format: format)
    } catch {
      throw PlanError.data(error, span: arg.span)
    }
    let columns = schema.names.indices.map { i in
      SchemaColumn(name: schema.names[i], type: schema.types[i], nullable: schema.nullable[i])
    }
    return Relation(plan: LogicalPlan(.readText(text: text, format: format), schema: columns, span: call.span))
  }
}
