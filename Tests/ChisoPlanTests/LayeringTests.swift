import Foundation
import Testing

/// The resolver's module reads no rows and runs nothing: the package graph keeps it from the
/// executor (ChisoCore depends on ChisoPlan, not the reverse), and this test keeps it from the
/// readers and the file system, which live in the same engine module it uses for column types.
struct LayeringTests {
  static let forbidden = [
    "CSVReader", "JSONReader", "XLSXReader", "FileBytes", "FileManager", "fopen(", "open(", "mmap(",
    "Executor", "contentsOfFile", "Data(contentsOf",
  ]

  static func sources(_ module: String) throws -> [(String, String)] {
    let root = Fixtures.packageRoot.appendingPathComponent("Sources/\(module)")
    guard let files = FileManager.default.enumerator(atPath: root.path) else { return [] }
    var out: [(String, String)] = []
    for case let file as String in files where file.hasSuffix(".swift") {
      out.append((file, try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)))
    }
    return out
  }

  @Test(arguments: ["ChisoPlan", "ChisoIndex"])
  func planningNeverReadsData(_ module: String) throws {
    let files = try Self.sources(module)
    #expect(!files.isEmpty)
    for (file, text) in files {
      // Comments may name the readers (to say why they are not called).
      let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
      for word in Self.forbidden {
        #expect(!code.contains(word), "\(module)/\(file) uses \(word)")
      }
    }
  }

  @Test func syntaxKnowsNothingOfTheEngine() throws {
    for (file, text) in try Self.sources("ChisoSyntax") {
      #expect(!text.contains("import ChisoEngine"), "ChisoSyntax/\(file) imports ChisoEngine")
    }
    for (file, text) in try Self.sources("ChisoEngine") {
      #expect(!text.contains("import ChisoSyntax"), "ChisoEngine/\(file) imports ChisoSyntax")
    }
  }
}
