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
      guard case .literal(.string(let path)) = arg.kind else {
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
