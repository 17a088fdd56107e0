import ChisoCore
import ChisoRender
import ChisoReport
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
      // An exercise's answer comes from its solution file, as `chiso FILE` and `chiso check` read it.
      try AnswerKey.find(for: path.path)?.install(in: session)
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

  /// The "your turn" exercises, as shipped to students (not their solutions).
  static func exercises() -> [String] {
    scripts().filter { $0.contains("your_turn") && !$0.contains("solutions/") }
  }

  /// Every "your turn" exercise ends with `check answer`, defines no answer of its own, and has a
  /// solution file that defines it.
  @Test func exercisesUseCheck() throws {
    #expect(Self.exercises().count >= 5)
    for relative in Self.exercises() {
      let path = Self.root.appendingPathComponent("Queries").appendingPathComponent(relative).path
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(text.contains("check answer"), "\(relative) has no `check answer`")
      #expect(!text.contains("let answer"), "\(relative) gives its answer away")
      let key = try #require(AnswerKey.find(for: path), "\(relative) has no solutions/ file")
      #expect(key.names == ["answer"], "\(relative)")
    }
  }

  /// Graded as `chiso check` grades them: every exercise starts unsolved (its starter gets every
  /// answer wrong), and every solution gets every answer right.
  @Test(arguments: exercises())
  func exerciseStartsUnsolvedAndItsSolutionPasses(_ relative: String) throws {
    let session = Session(dataDirectories: [Self.root.appendingPathComponent("Datasets").path])
    let path = Self.root.appendingPathComponent("Queries").appendingPathComponent(relative).path
    let exercise = Grader.grade(
      file: path, text: try String(contentsOfFile: path, encoding: .utf8), session: session, key: AnswerKey.find(for: path))
    #expect(exercise.failures.isEmpty, "\(relative): \(exercise.failures)")
    #expect(exercise.total >= 1 && exercise.right == 0, "\(relative) comes solved: \(exercise.answers)")
    let key = try #require(AnswerKey.find(for: path))
    let solution = Grader.grade(file: key.path, text: key.source.text, session: session, key: AnswerKey.find(for: key.path))
    #expect(solution.key == nil)
    #expect(solution.failures.isEmpty, "\(key.path): \(solution.failures)")
    #expect(solution.total >= 1 && solution.allRight, "\(key.path): \(solution.answers)")
    // The key was removed after grading: nothing named `answer` lingers in the session.
    #expect(!session.definitions.contains { $0.name == "answer" })
  }
}
