import Foundation
import Testing

/// The README's tour shows real output: every block that is one `$ chiso …` command followed by
/// what it prints is run, and must print exactly that (standard output and error together, as a
/// terminal shows them, without colour). `CHISO_RECORD=1` writes the current output back.
@Suite(.serialized)
struct ReadmeTourTests {
  struct Example: CustomStringConvertible {
    var line: Int
    var command: String
    var output: String
    /// Where the output sits in the README's lines.
    var outputLines: Range<Int>
    var description: String { "README.md:\(line): \(command.prefix(60))" }
  }

  static let readme = CLITests.packageRoot.appendingPathComponent("README.md")

  /// The blocks of one command and its output. A command runs to the line where its quotes
  /// balance; blocks with several commands (set-up sequences) are not examples.
  static func examples() -> [Example] {
    guard let text = try? String(contentsOf: readme, encoding: .utf8) else { return [] }
    let lines = text.components(separatedBy: "\n")
    var out: [Example] = []
    var i = 0
    while i < lines.count {
      defer { i += 1 }
      guard lines[i] == "```", i + 1 < lines.count, lines[i + 1].hasPrefix("$ chiso ") else { continue }
      guard let end = lines[(i + 1)...].firstIndex(of: "```") else { break }
      var k = i + 1
      var command = String(lines[k].dropFirst(2))
      while command.filter({ $0 == "'" }).count % 2 == 1, k + 1 < end {
        k += 1
        command += "\n" + lines[k]
      }
      let rest = (k + 1)..<end
      if lines[rest].contains(where: { $0.hasPrefix("$ ") }) || command.contains(" report ") || command.contains("postgresql:") {
        i = end
        continue
      }
      out.append(Example(line: i + 2, command: command, output: lines[rest].joined(separator: "\n"), outputLines: rest))
      i = end
    }
    return out
  }

  static func run(_ command: String) throws -> String? {
    guard let binary = CLITests.binary else { return nil }
    let shell = "NO_COLOR=1 COLUMNS=200 " + binary + command.dropFirst("chiso".count) + " 2>&1"
    guard let result = try CLITests.run([], shell: shell) else { return nil }
    var text = result.stdout
    while text.hasSuffix("\n") { text.removeLast() }
    return text
  }

  @Test func theTourHasExamples() {
    #expect(Self.examples().count >= 10, "the README's tour lost its examples")
  }

  @Test(arguments: examples())
  func example(_ example: Example) throws {
    let output = try #require(try Self.run(example.command), "the chiso binary is not built")
    if ProcessInfo.processInfo.environment["CHISO_RECORD"] != nil { return }
    #expect(output == example.output, "\(example)")
  }

  /// `CHISO_RECORD=1`: every example's output written back, from the last block up so the
  /// line numbers of the others stay put.
  @Test func record() throws {
    guard ProcessInfo.processInfo.environment["CHISO_RECORD"] != nil else { return }
    var lines = try String(contentsOf: Self.readme, encoding: .utf8).components(separatedBy: "\n")
    for example in Self.examples().reversed() {
      guard let output = try Self.run(example.command) else { return }
      lines.replaceSubrange(example.outputLines, with: output.components(separatedBy: "\n"))
    }
    try lines.joined(separator: "\n").write(to: Self.readme, atomically: true, encoding: .utf8)
  }
}
