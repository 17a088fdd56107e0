import ChisoCore
import ChisoEngine
import ChisoPlan
import ChisoSQL
import Foundation

/// `--engine spark` (a local Spark in the process PySpark starts) or `--engine
/// spark://HOST:7077` (a standalone cluster): queries run as Spark SQL over the data folders'
/// CSV files (temporary views with chiso's types), through a PySpark driver chiso starts once
/// and keeps for the session.
public final class SparkBackend: QueryBackend, @unchecked Sendable {
  let runner: SparkRunner
  let split: SplitExecution
  public let displayName: String
  public var schemas: (any SchemaProvider)? { nil }

  public init(master: String, catalog: Catalog) throws {
    runner = try SparkRunner(master: master, catalog: catalog)
    displayName = master.hasPrefix("spark://") ? master : "spark (\(master))"
    split = SplitExecution(runner: runner, engineName: "spark")
    lintData = EngineLintData(split: split, schemas: catalog, local: catalog)
  }

  public func run(_ plan: LogicalPlan, session: Session) throws -> Table { try split.run(plan, session: session) }
  public private(set) var lintData: (any LintData)? = nil

  public func explain(_ plan: LogicalPlan) -> String { "master: \(displayName)\n" + split.explain(plan) }
}

final class SparkRunner: SQLRunner, @unchecked Sendable {
  let catalog: Catalog
  let child: ChildProcess
  let lock = NSLock()
  var dialect: SQLDialect { .spark }

  init(master: String, catalog: Catalog) throws {
    self.catalog = catalog
    guard let python = ToolLocator.find("python", environment: "CHISO_SPARK_PYTHON") else {
      throw EngineError("no Python with PySpark found", hints: ["run Tests/Engines/setup.sh, or set CHISO_SPARK_PYTHON"])
    }
    // One file per version of the driver, shared by every session (written atomically).
    let digest = SparkDriver.script.utf8.reduce(UInt64(5381)) { ($0 &* 33) ^ UInt64($1) }
    let script = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-spark-driver-\(String(digest, radix: 16)).py")
    do {
      if !FileManager.default.fileExists(atPath: script.path) {
        try SparkDriver.script.write(to: script, atomically: true, encoding: .utf8)
      }
    } catch {
      throw EngineError("cannot write the Spark driver: \(error.localizedDescription)")
    }
    child = try ChildProcess(executable: python, arguments: [script.path, master])
    guard let line = child.readLine(), line.contains("\"ready\"") else {
      let status = child.wait()
      throw EngineError(
        "Spark did not start (exit \(status)): " + child.stderrText().split(separator: "\n").suffix(6).joined(separator: "\n"),
        hints: ["Spark needs Java (java on PATH or JAVA_HOME) and PySpark"])
    }
    child.clearStderr()
  }

  deinit {
    child.closeInput()
    child.terminate()
  }

  func hasTable(_ name: String) -> Bool {
    guard let path = catalog.files[name] else { return false }
    let lower = path.lowercased()
    return lower.hasSuffix(".csv") || lower.hasSuffix(".tsv")
  }

  /// A temporary view over a data file with chiso's column types, read as chiso reads CSV.
  func view(_ table: String) throws -> String? {
    guard let path = catalog.files[table], let schema = try catalog.schema(ofTable: table) else { return nil }
    let d = SQLDialect.spark
    let columns = zip(schema.names, schema.types).map { "\(d.identifier($0)) \(d.typeName($1 == .null ? .text : $1))" }
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    let delimiter = path.lowercased().hasSuffix(".tsv") ? "\\t" : ","
    return "CREATE OR REPLACE TEMPORARY VIEW \(d.identifier(table)) (\(columns.joined(separator: ", "))) USING csv OPTIONS ("
      + "path \(d.string(absolute)), header 'true', sep \(d.string(delimiter)), quote '\"', escape '\"', multiLine 'true', "
      + "mode 'FAILFAST', nullValue '', emptyValue '')"
  }

  func fetch(_ query: SQLQuery, tables: [String]) throws -> Table {
    lock.lock()
    defer { lock.unlock() }
    var setup: [String] = []
    for table in tables { if let v = try view(table) { setup.append(v) } }
    let request = "{\"setup\": [" + setup.map(Self.json).joined(separator: ", ") + "], \"sql\": " + Self.json(query.text) + "}\n"
    try child.write(request)
    var builder = ResultBuilder(columns: query.columns, engine: "Spark")
    var failure: Error? = nil
    while let line = child.readLine() {
      if line.hasPrefix("{") {
        if line.hasPrefix("{\"end\"") { break }
        let cells = (try? JSONRow.cells(line)) ?? []
        throw EngineError("Spark: " + ((cells.first ?? nil) ?? String(line)))
      }
      guard failure == nil else { continue }
      do { try builder.append(try JSONRow.cells(line)) } catch { failure = error }
    }
    if let failure { throw failure }
    if !child.process.isRunning {
      throw EngineError("Spark stopped: " + child.stderrText().split(separator: "\n").suffix(6).joined(separator: "\n"))
    }
    return builder.finish()
  }

  static func json(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
      switch ch {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if ch.value < 0x20 { out += String(format: "\\u%04x", ch.value) } else { out.unicodeScalars.append(ch) }
      }
    }
    return out + "\""
  }
}
