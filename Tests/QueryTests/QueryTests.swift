import ChisoCore
import Foundation
import Testing

/// Runs every `Cases/**/*.test` file; one test per file.
struct QueryTests {
  @Test(arguments: CaseFile.discover())
  func cases(_ file: CaseFile) throws {
    let data = try #require(file.dataDirectory)
    #expect(FileManager.default.fileExists(atPath: data), "\(file): its data folder \(data) is missing")
    #expect(!file.blocks.isEmpty, "\(file) has no blocks")
    let session = Session(dataDirectories: [data])
    let outputs = file.blocks.map { CaseFile.actual($0, session: session) }
    if ProcessInfo.processInfo.environment["CHISO_RECORD"] != nil {
      try file.recorded(outputs).write(toFile: file.path, atomically: true, encoding: .utf8)
      return
    }
    for (block, output) in zip(file.blocks, outputs) {
      #expect(output == block.expected, "\(file): \(block.query)")
    }
  }
}
