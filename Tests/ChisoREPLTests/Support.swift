import ChisoCore
import ChisoREPL
import Foundation

enum Fixtures {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let datasets = packageRoot.appendingPathComponent("Datasets").path
  /// One session over the bundled data for all tests (tables load once).
  static let session = Session(dataDirectories: [datasets])
  static let completer = Completer(session: session, directory: packageRoot.path)

  static func complete(_ text: String) -> Completion { completer.complete(text) }

  /// A fresh temporary folder.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-repl-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// A console that records what the workbench writes.
final class RecordingConsole: Console {
  var out = ""
  var err = ""
  var paged: [String] = []
  var editorResult: String?
  var edited: [String] = []
  var terminal: (columns: Int, rows: Int)?
  var interruptAfterPolls: Int?
  private var polls = 0

  init(terminal: (columns: Int, rows: Int)? = (100, 30)) { self.terminal = terminal }

  func size() -> (columns: Int, rows: Int)? { terminal }
  var colour: Bool { false }
  var errorColour: Bool { false }
  func write(_ text: String) { out += text }
  func writeError(_ text: String) { err += text }
  func page(_ text: String) { paged.append(text) }
  func edit(_ text: String) -> String? {
    edited.append(text)
    return editorResult
  }
  func interrupted() -> Bool {
    polls += 1
    guard let limit = interruptAfterPolls else { return false }
    return polls >= limit
  }
}
