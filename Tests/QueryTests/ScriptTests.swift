import ChisoCore
import ChisoRender
import ChisoSyntax
import Foundation
import Testing

/// Runs every saved script in `Queries/` (facts, lessons, explore) on the bundled data and compares
/// it with the `.expected` file beside it: the CSV result, then one `# warning:` line per warning.
/// `CHISO_RECORD=1 swift test --filter ScriptTests` re-records them.
struct ScriptTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func scripts() -> [String] {
    let queries = root.appendingPathComponent("Queries").path
    guard let enumerator = FileManager.default.enumerator(atPath: queries) else { return [] }
    return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".prql") }.sorted()
  }

  @Test func everyFolderHasScripts() {
    let all = Self.scripts()
    #expect(all.filter { $0.hasPrefix("facts/") }.count >= 5)
    #expect(all.filter { $0.hasPrefix("lessons/") && !$0.contains("your_turn") }.count >= 5)
    #expect(all.filter { $0.hasPrefix("explore/") }.count >= 3)
  }

  @Test(arguments: scripts())
  func script(_ relative: String) throws {
    let path = Self.root.appendingPathComponent("Queries").appendingPathComponent(relative)
    let text = try String(contentsOf: path, encoding: .utf8)
    let session = Session(dataDirectories: [Self.root.appendingPathComponent("Datasets").path])
    let source = SourceFile(name: "Queries/\(relative)", text: text)
    var output: String
    do {
      let result = try session.execute(source)
      output = Renderer.render(result.table, as: .csv)
      for warning in result.warnings { output += "# warning: \(warning.message)\n" }
    } catch {
      Issue.record("Queries/\(relative) failed: \(error)")
      return
    }
    let expectedPath = path.deletingPathExtension().appendingPathExtension("expected")
    if ProcessInfo.processInfo.environment["CHISO_RECORD"] != nil {
      try output.write(to: expectedPath, atomically: true, encoding: .utf8)
      return
    }
    let expected = (try? String(contentsOf: expectedPath, encoding: .utf8)) ?? "(no .expected file: record with CHISO_RECORD=1)"
    #expect(output == expected, "Queries/\(relative)")
  }

  /// Every "your turn" exercise ends with `check` and, as shipped, its verdict is recorded.
  @Test func exercisesUseCheck() throws {
    for relative in Self.scripts() where relative.contains("your_turn") {
      let text = try String(contentsOf: Self.root.appendingPathComponent("Queries").appendingPathComponent(relative), encoding: .utf8)
      #expect(text.contains("check answer"), "\(relative) has no `check answer`")
    }
  }
}
