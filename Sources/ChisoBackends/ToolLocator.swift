import Foundation

/// Finds the engines' programs: an environment variable first, then the project's own
/// virtualenv (`Tests/Engines/.venv`, made by `Tests/Engines/setup.sh`) beside the working
/// folder or the chiso binary, then PATH.
enum ToolLocator {
  static func find(_ name: String, environment variable: String) -> String? {
    let env = ProcessInfo.processInfo.environment
    if let path = env[variable], !path.isEmpty { return path }
    for root in roots() {
      let candidate = (root as NSString).appendingPathComponent("Tests/Engines/.venv/bin/\(name)")
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    for folder in (env["PATH"] ?? "").split(separator: ":") {
      let candidate = (String(folder) as NSString).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// The working folder, and the folders above the binary (a build inside the package).
  static func roots() -> [String] {
    var out = [FileManager.default.currentDirectoryPath]
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<6 {
      out.append(folder.path)
      folder = folder.deletingLastPathComponent()
    }
    return out
  }
}

/// A child process fed on standard input, read line by line from standard output.
final class ChildProcess: @unchecked Sendable {
  let process = Process()
  let input = Pipe()
  let output = Pipe()
  let errors = Pipe()
  private var buffer: [UInt8] = []
  private var errorText = Data()
  private let errorLock = NSLock()

  init(executable: String, arguments: [String], environment: [String: String]? = nil) throws {
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    // Standard error is drained as it comes, so that a chatty engine never blocks on it.
    errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
      let data = handle.availableData
      guard let self, !data.isEmpty else { return }
      self.errorLock.lock()
      self.errorText.append(data)
      if self.errorText.count > 1 << 20 { self.errorText = self.errorText.suffix(1 << 19) }
      self.errorLock.unlock()
    }
    do {
      try process.run()
    } catch {
      throw EngineError("cannot start \(executable): \(error.localizedDescription)")
    }
  }

  func write(_ text: String) throws {
    do {
      try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    } catch {
      throw EngineError("the engine process stopped: \(stderrText())")
    }
  }

  func closeInput() {
    try? input.fileHandleForWriting.close()
  }

  /// The next line of output, nil at its end.
  func readLine() -> Substring? {
    while true {
      if let newline = buffer.firstIndex(of: 0x0A) {
        let line = String(decoding: buffer[..<newline], as: UTF8.self)
        buffer.removeSubrange(...newline)
        return Substring(line)
      }
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty {
        if buffer.isEmpty { return nil }
        let line = String(decoding: buffer, as: UTF8.self)
        buffer.removeAll()
        return Substring(line)
      }
      buffer += chunk
    }
  }

  func stderrText() -> String {
    errorLock.lock()
    defer { errorLock.unlock() }
    return String(decoding: errorText, as: UTF8.self)
  }

  func clearStderr() {
    errorLock.lock()
    errorText.removeAll()
    errorLock.unlock()
  }

  func wait() -> Int32 {
    process.waitUntilExit()
    // Let the last of standard error arrive.
    errors.fileHandleForReading.readabilityHandler = nil
    let rest = errors.fileHandleForReading.readDataToEndOfFile()
    errorLock.lock()
    errorText.append(rest)
    errorLock.unlock()
    return process.terminationStatus
  }

  func terminate() {
    if process.isRunning { process.terminate() }
  }
}
