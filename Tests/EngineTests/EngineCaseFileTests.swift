import ChisoBackends
import ChisoCore
import ChisoEngine
import ChisoSyntax
import Foundation
import Testing

/// The data-driven case files (Tests/QueryTests/Cases) through each engine: every `query`
/// block gives the same rows as on chiso's own engine (in the same order where its plan fixes
/// one), and every `error` block fails there too. `plan` blocks are about the resolver, which
/// is the same for every engine.
@Suite(.enabled(if: !EngineHarness.engines.isEmpty, "no SQL engine: run Tests/Engines/setup.sh (DuckDB), or .ci/run"))
struct EngineCaseFileTests {
  struct Block: Sendable, CustomStringConvertible {
    var file: String
    var index: Int
    var kind: String
    var query: String
    var data: String
    var description: String { "\(file)#\(index)" }
    /// `# engines: may refuse — why` in the query: an engine may fail it (never answer otherwise).
    var mayRefuse: String? {
      query.split(separator: "\n").first { $0.hasPrefix("# engines: may refuse") }.map {
        String($0.dropFirst("# engines: may refuse".count)).trimmingCharacters(in: CharacterSet(charactersIn: " —-:"))
      }
    }
  }

  static func blocks() -> [Block] {
    let root = EngineHarness.packageRoot.appendingPathComponent("Tests/QueryTests/Cases")
    guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
    var out: [Block] = []
    let only = EngineHarness.environment["CHISO_ENGINE_CASES"] ?? ""
    for case let relative as String in enumerator where relative.hasSuffix(".test") && relative.hasPrefix(only) {
      guard let text = try? String(contentsOfFile: root.appendingPathComponent(relative).path, encoding: .utf8) else { continue }
      var data = EngineHarness.packageRoot.appendingPathComponent("Datasets").path
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
      var index = 0
      while let line = lines.popFirst() {
        if line.hasPrefix("# data:"), index == 0 {
          let name = line.dropFirst("# data:".count).trimmingCharacters(in: .whitespaces)
          data = EngineHarness.packageRoot.appendingPathComponent(name == "chinook" ? "Tests/ConformanceTests/prql/data/chinook" : name).path
        }
        guard line.hasPrefix("query") || line == "error" || line.hasPrefix("plan") else { continue }
        var query: [String] = []
        while let l = lines.first, l != "----" { query.append(l); lines.removeFirst() }
        index += 1
        if !line.hasPrefix("plan") {
          out.append(Block(file: relative, index: index, kind: line, query: query.joined(separator: "\n"), data: data))
        }
        while let l = lines.first, !l.isEmpty { _ = l; lines.removeFirst() }
      }
    }
    return out.sorted { ($0.file, $0.index) < ($1.file, $1.index) }
  }

  static func cases() -> [(String, Block)] {
    let all = blocks()
    return EngineHarness.engines.flatMap { engine in all.map { (engine, $0) } }
  }

  @Test(arguments: cases())
  func block(_ engine: String, _ block: Block) throws {
    let source = SourceFile(name: "<query>", text: block.query)
    let local = Session(dataDirectories: [block.data])
    let session = try EngineHarness.session(engine: engine, data: block.data)
    let reference: QueryResult
    do {
      reference = try local.execute(source)
    } catch {
      // An error on chiso's engine must be an error on the engine too.
      let failed = (try? session.execute(source)) == nil
      EngineReport.record(engine: engine, suite: "cases", name: block.description, verdict: failed ? .same : .different("no error"), ordered: false)
      #expect(failed, "\(engine) \(block): chiso fails, the engine gave rows")
      return
    }
    let result: QueryResult
    do { result = try session.execute(source) } catch {
      // A refusal the case file documents passes; rows, when the engine gives them, must agree.
      if let reason = block.mayRefuse {
        EngineReport.record(engine: engine, suite: "cases", name: block.description, verdict: .refused(reason), ordered: false)
        return
      }
      EngineReport.record(engine: engine, suite: "cases", name: block.description, verdict: .different("\(error)"), ordered: false)
      Issue.record("\(engine) \(block) failed: \(error)\n\(block.query)")
      return
    }
    let ordered = reference.plan.map(EngineHarness.ordered) ?? false
    let verdict = EngineHarness.compare(EngineHarness.rows(result.table), EngineHarness.rows(reference.table), ordered: ordered)
    EngineReport.record(engine: engine, suite: "cases", name: block.description, verdict: verdict, ordered: ordered)
    switch verdict {
    case .same: break
    case .sameRowsOtherOrder: #expect(!ordered, "\(engine) \(block): sorted rows in another order\n\(block.query)")
    case .different(let why), .refused(let why): Issue.record("\(engine) \(block): \(why)\n\(block.query)")
    }
  }
}
