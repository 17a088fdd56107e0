@testable import ChisoBackends
import ChisoCore
import ChisoEngine
import ChisoPlan
import ChisoREPL
import Foundation
import Testing

/// The backends' pieces that need no engine: password redaction, result decoding, engine names.
struct BackendUnitTests {
  @Test func passwordsNeverShow() {
    #expect(Redaction.redact("postgresql://ana:s3cret@db.example.org/indices") == "postgresql://ana:***@db.example.org/indices")
    #expect(Redaction.redact("postgresql://ana@db/indices?password=s3cret&sslmode=require") == "postgresql://ana@db/indices?password=***&sslmode=require")
    #expect(Redaction.redact("host=db password=s3cret dbname=x") == "host=db password=*** dbname=x")
    #expect(Redaction.redact("postgresql:///indices?host=/tmp") == "postgresql:///indices?host=/tmp")
    #expect(Workbench.historyEntry(".engine postgresql://ana:s3cret@db/x") == ".engine postgresql://ana:***@db/x")
  }

  @Test func resultRowsDecodeAsJSONLines() throws {
    #expect(try JSONRow.cells("[1, \"Lai Ch\\u00e2u\", null, 2.5, Infinity, true]") == ["1", "Lai Châu", nil, "2.5", "Infinity", "true"])
    #expect(try JSONRow.cells("{\"c0\":\"a\\\"b\",\"c1\":-1e-05}") == ["a\"b", "-1e-05"])
    #expect(throws: EngineError.self) { try JSONRow.cells("[1, [2]]") }
  }

  @Test func cellsReadAsThePlannedTypeOrFailLoudly() throws {
    let columns = [
      SchemaColumn(name: "n", type: .int), SchemaColumn(name: "x", type: .float), SchemaColumn(name: "d", type: .date),
      SchemaColumn(name: "b", type: .bool), SchemaColumn(name: "t", type: .timestamp),
    ]
    var builder = ResultBuilder(columns: columns, engine: "test")
    try builder.append(["1", "-Infinity", "2016-01-01", "t", "2016-01-01 10:30:00.5"])
    try builder.append([nil, "0.1", nil, "false", "2016-01-02T00:00:00"])
    let table = builder.finish()
    #expect(table.rowCount == 2)
    #expect(table.columns[1].value(at: 0) == .float(-.infinity))
    #expect(table.columns[0].value(at: 1) == .null)
    #expect(table.columns[4].value(at: 0).description == "2016-01-01 10:30:00.5")
    #expect(throws: EngineError.self) { try builder.append(["1.5", "0", nil, "t", nil]) }
  }

  @Test func engineNamesAreChecked() throws {
    let catalog = Catalog(directories: [])
    #expect((try Engines.connect("chiso", catalog: catalog)) == nil, "chiso is the embedded engine: no backend")
    #expect(throws: EngineError.self) { _ = try Engines.connect("oracle://x", catalog: catalog) }
  }

  @Test func refusedConnectionSaysWhere() {
    do {
      _ = try PostgresBackend(url: "postgresql://ana:s3cret@127.0.0.1:1/indices?connect_timeout=2", catalog: Catalog(directories: []))
      Issue.record("connected to port 1?")
    } catch let error as EngineError {
      #expect(error.message.contains("cannot connect to PostgreSQL at postgresql://ana:***@127.0.0.1:1/indices"))
      #expect(!error.message.contains("s3cret"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func engineTypesMapToChisoTypes() {
    #expect(EngineCatalog.chisoType("character varying(20)") == .text)
    #expect(EngineCatalog.chisoType("double precision") == .float)
    #expect(EngineCatalog.chisoType("timestamp without time zone") == .timestamp)
    #expect(EngineCatalog.chisoType("interval") == nil)
    #expect(EngineCatalog.chisoType("BIGINT") == .int)
  }
}
