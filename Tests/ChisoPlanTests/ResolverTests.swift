import ChisoCore
import ChisoEngine
import ChisoPlan
import ChisoSyntax
import Testing

/// The resolver alone: schemas, types, nullability, lineage and constants, from schemas without rows.
struct ResolverTests {
  /// A schema provider that has no data at all: resolving against it proves no rows are read.
  final class SchemasOnly: SchemaProvider, @unchecked Sendable {
    var tableNames: [String] { ["t"] }
    var manifests: [String: IndexManifest] { [:] }
    var asked: [String] = []
    func schema(ofTable name: String) throws(DataError) -> TableSchema? {
      asked.append(name)
      return name == "t" ? TableSchema(names: ["year", "name", "score"], types: [.int, .text, .float], nullable: [false, false, true]) : nil
    }
    func schema(ofFile path: String, format: FileFormat) throws(DataError) -> TableSchema {
      throw DataError(file: path, message: "no files here")
    }
    func schema(ofText text: String, format: FileFormat) throws(DataError) -> TableSchema {
      throw DataError(file: "text", message: "no text here")
    }
  }

  func resolve(_ text: String, _ schemas: SchemasOnly = SchemasOnly()) throws -> LogicalPlan {
    let source = SourceFile(name: "<test>", text: text)
    return try Resolver(schemas: schemas, registry: Session.standardRegistry, source: source).resolve(try Parser.parse(source))
  }

  @Test func resolvesFromSchemasAlone() throws {
    let schemas = SchemasOnly()
    let plan = try resolve("from t | filter year > 2015 | derive {pct = score / 100} | select {name, pct}", schemas)
    #expect(schemas.asked == ["t"])
    #expect(plan.schema.map(\.name) == ["name", "pct"])
    #expect(plan.schema.map(\.type) == [.text, .float])
    #expect(plan.schema[0].nullable == false)
    #expect(plan.schema[1].nullable == true)
    #expect(plan.schema[0].origin == ColumnOrigin(table: "t", column: "name"))
    #expect(plan.schema[1].origin == nil)
    #expect(plan.schema[1].sources == [ColumnOrigin(table: "t", column: "score")])
  }

  @Test func everyNodeHasASchemaAndASpan() throws {
    let plan = try resolve("from t\nfilter year > 2015\nsort {-score}\ntake 3\nselect {name}")
    var nodes = 0
    plan.forEachNode { node in
      nodes += 1
      #expect(!node.schema.isEmpty)
      #expect(node.span != nil)
    }
    // scan, filter, sort, take, select — and the final projection that drops `select`'s
    // hidden sort key.
    #expect(nodes == 6)
  }

  @Test func expressionsNameFunctionsByID() throws {
    let plan = try resolve("from t | filter score * 2 > 10")
    guard case .filter(_, let predicate) = plan.node else { Issue.record("not a filter"); return }
    #expect(predicate.functionID == "std.gt")
    guard case .call(let gt, let args) = predicate.kind else { return }
    #expect(gt.argumentTypes == [.float, .int])
    #expect(args[0].functionID == "std.mul")
  }

  @Test func constantsFoldInTheResolver() throws {
    let plan = try resolve("from t | take 2 * 5")
    guard case .take(_, _, let start, let end) = plan.node else { Issue.record("not a take"); return }
    #expect(start == 0 && end == 10)
    let derived = try resolve("from t | derive {x = 1 + 2}")
    guard case .derive(_, let exprs) = derived.node else { return }
    #expect(exprs[0].constant == .int(3))
  }

  @Test func overflowInALiteralIsALocatedError() throws {
    #expect(throws: Diagnostic.self) { try resolve("from t | derive {x = 9223372036854775807 + 1}") }
    do {
      _ = try resolve("from t | derive {x = 9223372036854775807 + 1}")
    } catch let error as Diagnostic {
      #expect(error.span.map { [$0.start, $0.end] } == [21, 44])
    }
  }

  @Test func joinsMakeTheMissingSideNullable() throws {
    let plan = try resolve("from a = t | join side:left b = t (==year) | select {a.name, b.name}")
    #expect(plan.schema.map(\.nullable) == [false, true])
  }

  @Test func unknownNamesAreLocatedWithSuggestions() throws {
    do {
      _ = try resolve("from t | filter yaer == 1")
      Issue.record("expected an error")
    } catch let error as Diagnostic {
      #expect(error.id == .unknownColumn)
      #expect(error.label == "did you mean `year`?")
      #expect(error.span.map { [$0.start, $0.end] } == [16, 20])
    }
  }

  @Test func pivotNeedsItsPrepareStep() throws {
    do {
      _ = try resolve("from t | pivot name score")
      Issue.record("expected an error")
    } catch let error as Diagnostic {
      #expect(error.id == .needsData)
    }
  }
}
