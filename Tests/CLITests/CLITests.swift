import Foundation
import Testing

/// Runs the built `chiso` binary as a user would: exit codes, formats, stdin, pipes, bad input.
struct CLITests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static var binary: String? {
    // The chiso processes these tests start never touch the user's real cache.
    setenv("XDG_CACHE_HOME", NSTemporaryDirectory() + "chiso-test-cache", 1)
    let candidates = [".build/debug/chiso", ".build/release/chiso"].map { packageRoot.appendingPathComponent($0).path }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ arguments: [String], stdin: String? = nil, shell: String? = nil) throws -> Result? {
    guard let binary else {
      print("note: chiso binary not found; CLI tests skipped")
      return nil
    }
    let process = Process()
    if let shell {
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", shell.replacingOccurrences(of: "CHISO", with: binary)]
    } else {
      process.executableURL = URL(fileURLWithPath: binary)
      process.arguments = arguments
    }
    process.currentDirectoryURL = packageRoot
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
  }

  @Test func queryFromCommandAsCSV() throws {
    guard let r = try Self.run(["--format", "csv", "-c", "from provinces | filter gso_code == \"12\" | select {gso_code, province}"]) else { return }
    #expect(r.status == 0)
    #expect(r.stdout == "gso_code,province\n12,Lai Châu\n")
  }

  @Test func queryFromStandardInput() throws {
    guard let r = try Self.run(["--format", "jsonl"], stdin: "from [{a = 1, b = \"Đắk Lắk\"}]") else { return }
    #expect(r.status == 0)
    #expect(r.stdout == "{\"a\":1,\"b\":\"Đắk Lắk\"}\n")
  }

  @Test func queryErrorExitsOneWithALocatedMessage() throws {
    guard let r = try Self.run(["-c", "from pci | filter yaer == 2016"]) else { return }
    #expect(r.status == 1)
    #expect(r.stderr.contains("unknown column `yaer`"))
    #expect(r.stderr.contains("<command>:1:19"))
    #expect(r.stderr.contains("did you mean `year`?"))
    #expect(r.stdout.isEmpty)
  }

  @Test func usageErrorExitsTwo() throws {
    guard let r = try Self.run(["--no-such-option"]) else { return }
    #expect(r.status == 2)
  }

  @Test func closedPipeEndsQuietly() throws {
    guard let r = try Self.run([], shell: "CHISO --format csv -c 'from papi_subdimensions' | head -1; echo status=${PIPESTATUS:-0}") else { return }
    #expect(r.stdout.hasPrefix("year,"))
    #expect(r.stderr.isEmpty)
  }

  @Test func raggedCSVNamesFileLineAndColumn() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "a,b\n1,2\n3,4,5\n".write(to: folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
    guard let r = try Self.run(["--data", folder.path, "-c", "from bad"]) else { return }
    #expect(r.status == 1)
    #expect(r.stderr.contains("bad.csv:3:"))
  }

  @Test func deepExpressionIsAnErrorNotACrash() throws {
    let deep = String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)
    guard let r = try Self.run(["-c", "from provinces | derive x = \(deep)"]) else { return }
    #expect(r.status == 1)
    #expect(r.stderr.contains("nested too deeply"))
  }

  @Test func scriptFiles() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-\(UUID().uuidString).prql")
    defer { try? FileManager.default.removeItem(at: file) }
    try "# top PCI 2016\nfrom pci\nfilter year == 2016 && component == \"total\"\nsort {-score}\ntake 1\nselect {province}\n".write(to: file, atomically: true, encoding: .utf8)
    guard let r = try Self.run(["--format", "csv", file.path]) else { return }
    #expect(r.status == 0)
    #expect(r.stdout == "province\nĐà Nẵng\n")
  }
}
