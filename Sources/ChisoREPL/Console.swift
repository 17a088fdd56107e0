import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the workbench needs from the outside world; tests substitute a recording console.
public protocol Console: AnyObject {
  /// The terminal's size now, or nil when results do not go to a terminal.
  func size() -> (columns: Int, rows: Int)?
  /// Colour for results (headers, nulls).
  var colour: Bool { get }
  /// Colour for errors and notes on standard error.
  var errorColour: Bool { get }
  func write(_ text: String)
  func writeError(_ text: String)
  /// Shows text through the pager.
  func page(_ text: String)
  /// Opens text in the editor; the saved text, or nil when the editor failed or nothing was saved.
  func edit(_ text: String) -> String?
  /// Polled while a query runs: true once the user asked to cancel (Ctrl-C).
  func interrupted() -> Bool
}

/// The real terminal: standard output and error, `$PAGER`, `$EDITOR`.
public final class TerminalConsole: Console {
  public let colour: Bool
  public let errorColour: Bool
  private let interruptCheck: () -> Bool
  private let environment: [String: String]

  public init(
    colour: Bool, environment: [String: String] = ProcessInfo.processInfo.environment,
    interrupted: @escaping () -> Bool
  ) {
    self.colour = colour
    self.environment = environment
    errorColour = TerminalInfo.wantsColour(fd: STDERR_FILENO, environment: environment)
    interruptCheck = interrupted
  }

  public func size() -> (columns: Int, rows: Int)? { TerminalInfo.size(fd: STDOUT_FILENO) }

  public func write(_ text: String) { Self.write(text, to: STDOUT_FILENO) }
  public func writeError(_ text: String) { Self.write(text, to: STDERR_FILENO) }
  public func interrupted() -> Bool { interruptCheck() }

  /// Writes all of `text`, retrying after signals; a closed pipe drops the rest.
  static func write(_ text: String, to fd: Int32) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        return
      }
      bytes = bytes.dropFirst(written)
    }
  }

  public func page(_ text: String) {
    let pager = environment["PAGER"] ?? "less -S"
    guard TerminalInfo.isTerminal(STDOUT_FILENO), !pager.trimmingWhitespace.isEmpty else {
      write(text)
      return
    }
    let path = NSTemporaryDirectory() + "chiso-last-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).txt"
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    else {
      write(text)
      return
    }
    defer { unlink(path) }
    let status = Subprocess.runShell(pager, stdinPath: path)
    if status == nil || status == 127 {
      writeError("note: could not run the pager `\(pager)`; printing instead\n")
      write(text)
    }
    _ = interruptCheck()  // a Ctrl-C typed in the pager is the pager's
  }

  public func edit(_ text: String) -> String? {
    let editor = environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
    let path = NSTemporaryDirectory() + "chiso-edit-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).prql"
    let original = text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
    guard FileManager.default.createFile(atPath: path, contents: Data(original.utf8), attributes: [.posixPermissions: 0o600])
    else {
      writeError("error: cannot create a temporary file for the editor\n")
      return nil
    }
    defer { unlink(path) }
    let before = modificationTime(path)
    let status = Subprocess.runShell(editor + " \"$1\"", arguments: [path])
    _ = interruptCheck()
    guard let status else {
      writeError("error: could not run the editor `\(editor)`\n")
      return nil
    }
    guard status == 0 else {
      writeError("note: the editor exited with status \(status); nothing was run\n")
      return nil
    }
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let edited = String(decoding: data, as: UTF8.self)
    if edited == original, modificationTime(path) == before {
      writeError("note: not saved; nothing was run\n")
      return nil
    }
    return edited
  }

  private func modificationTime(_ path: String) -> Date? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
  }
}
