import ChisoCore
import ChisoEngine
import ChisoPlan
import ChisoRender
import ChisoSyntax
import Foundation

/// A data-driven test file (`Cases/<area>/<topic>.test`): blocks of a query and its expected
/// output, separated by `----`, each block ending at a blank line.
///
/// ```
/// # data: chinook            (Tests/ConformanceTests/prql/data/chinook; default Datasets/)
/// query csv                  (or: query table | json | markdown, or: error, or: plan,
/// from tracks | take 1        plan optimized — the LogicalPlan as `--explain` prints it)
/// ----
/// expected output
/// ```
/// `CHISO_RECORD=1 swift test --filter QueryTests` rewrites every expected block from what chiso
/// now prints; review the diff before committing.
struct CaseFile: CustomStringConvertible, Sendable {
  struct Block: Sendable {
    var kind: String
    var query: String
    var expected: String
  }

  let path: String
  var header: [String]
  var blocks: [Block]

  var description: String { String(path.split(separator: "/").suffix(2).joined(separator: "/")) }

  static let casesRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Cases")
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func discover() -> [CaseFile] {
    guard let enumerator = FileManager.default.enumerator(atPath: casesRoot.path) else { return [] }
    var files: [CaseFile] = []
    for case let relative as String in enumerator where relative.hasSuffix(".test") {
      let path = casesRoot.appendingPathComponent(relative).path
      if let text = try? String(contentsOfFile: path, encoding: .utf8) { files.append(parse(path: path, text: text)) }
    }
    return files.sorted { $0.path < $1.path }
  }

  static func parse(path: String, text: String) -> CaseFile {
    var header: [String] = []
    var blocks: [Block] = []
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
    while let line = lines.first {
      if line.hasPrefix("query") || line == "error" || line.hasPrefix("plan") {
        lines.removeFirst()
        var query: [String] = []
        while let l = lines.first, l != "----" { query.append(l); lines.removeFirst() }
        lines.removeFirst()
        var expected: [String] = []
        while let l = lines.first, !l.isEmpty { expected.append(l); lines.removeFirst() }
        blocks.append(Block(kind: line, query: query.joined(separator: "\n"), expected: expected.joined(separator: "\n")))
      } else {
        if blocks.isEmpty { header.append(line) }
        lines.removeFirst()
      }
    }
    return CaseFile(path: path, header: header, blocks: blocks)
  }

  var dataDirectory: String? {
    for line in header where line.hasPrefix("# data:") {
      let name = line.dropFirst("# data:".count).trimmingCharacters(in: .whitespaces)
      if name == "chinook" {
        return CaseFile.packageRoot.appendingPathComponent("Tests/ConformanceTests/prql/data/chinook").path
      }
      return CaseFile.packageRoot.appendingPathComponent(name).path
    }
    return CaseFile.packageRoot.appendingPathComponent("Datasets").path
  }

  /// What chiso prints for a block: the rendered result, or the rendered diagnostic.
  static func actual(_ block: Block, session: Session) -> String {
    let source = SourceFile(name: "<query>", text: block.query)
    if block.kind.hasPrefix("plan") {
      do throws(ChisoError) {
        let plan = block.kind == "plan optimized" ? try session.optimizedPlan(source) : try session.plan(source)
        var text = PlanPrinter.render(plan)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
      } catch {
        switch error {
        case .query(let d): return DiagnosticRenderer.render(d, source: source).trimmingCharacters(in: .newlines)
        case .data(let e, _): return DiagnosticRenderer.render(e).trimmingCharacters(in: .newlines)
        }
      }
    }
    do {
      let table = try session.run(source)
      if block.kind == "error" { return "expected an error, got \(table.rowCount) rows" }
      let format = OutputFormat(rawValue: block.kind.split(separator: " ").dropFirst().first.map(String.init) ?? "csv") ?? .csv
      var text = Renderer.render(table, as: format, style: TableStyle())
      if text.hasSuffix("\n") { text.removeLast() }
      return text
    } catch {
      switch error {
      case .query(let d): return DiagnosticRenderer.render(d, source: source).trimmingCharacters(in: .newlines)
      case .data(let e, _): return DiagnosticRenderer.render(e).trimmingCharacters(in: .newlines)
      }
    }
  }

  /// The file text with expected blocks replaced (record mode).
  func recorded(_ outputs: [String]) -> String {
    var out = header.joined(separator: "\n")
    if !out.isEmpty && !out.hasSuffix("\n") { out += "\n" }
    for (block, output) in zip(blocks, outputs) {
      out += "\(block.kind)\n\(block.query)\n----\n\(output)\n\n"
    }
    return out
  }
}
