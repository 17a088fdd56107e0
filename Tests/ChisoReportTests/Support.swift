import ChisoCore
import Foundation

/// The package root, the bundled data and a session on it.
enum Fixture {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let datasets = root.appendingPathComponent("Datasets").path
  static let session = Session(dataDirectories: [datasets])

  static func script(_ relative: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
  }

  /// A scratch folder of our own, removed first if it exists.
  static func scratch(_ name: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-report-\(getpid())-\(name)")
    try? FileManager.default.removeItem(at: url)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
