import ChisoCore
import Foundation
import Testing

/// Runs every `Cases/**/*.test` file; one test per file.
struct QueryTests {
  @Test(arguments: CaseFile.discover())
  func cases(_ file: CaseFile) throws {
    guard let data = file.dataDirectory, FileManager.default.fileExists(atPath: data) else {
      print("note: skipping \(file): its data folder is absent")
      return
    }
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
