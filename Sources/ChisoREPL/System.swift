import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The terminal, as the REPL needs it.
public enum TerminalInfo {
  /// Columns and rows of the terminal on `fd`, asked afresh each time (so a resize applies to
  /// the next result); nil when `fd` is not a terminal.
  public static func size(fd: Int32 = STDOUT_FILENO) -> (columns: Int, rows: Int)? {
    var size = winsize()
    #if canImport(Glibc)
      let request = UInt(TIOCGWINSZ)
    #else
      let request = TIOCGWINSZ
    #endif
    guard ioctl(fd, request, &size) == 0, size.ws_col > 0 else { return nil }
    return (Int(size.ws_col), Int(size.ws_row))
  }

  public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

  /// Whether colour is wanted on `fd`: a terminal, and `NO_COLOR` unset (or empty).
  public static func wantsColour(fd: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
    guard isTerminal(fd) else { return false }
    if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
    if environment["TERM"] == "dumb" { return false }
    return true
  }
}

/// Runs a shell command attached to the terminal (a pager, an editor) and waits for it.
public enum Subprocess {
  /// Runs `/bin/sh -c command` with the given arguments as `$1…` (and `zero` as `$0`), standard
  /// input from `stdinPath` when given; returns the exit status, or nil when it could not start.
  public static func runShell(
    _ command: String, arguments: [String] = [], zero: String = "sh", stdinPath: String? = nil
  ) -> Int32? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let stdinPath {
      posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
    }
    // The child gets default signal handling back (the REPL catches SIGINT for itself).
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGINT)
    sigaddset(&defaults, SIGWINCH)
    sigaddset(&defaults, SIGPIPE)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    let argv = ["/bin/sh", "-c", command, zero] + arguments
    var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
    cArguments.append(nil)
    defer { for pointer in cArguments { free(pointer) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, "/bin/sh", &actions, &attributes, cArguments, environ)
    guard status == 0 else { return nil }
    var result: Int32 = 0
    while waitpid(pid, &result, 0) < 0 {
      if errno != EINTR { return nil }
    }
    // WIFEXITED / WEXITSTATUS
    if result & 0x7f == 0 { return (result >> 8) & 0xff }
    return 128 + (result & 0x7f)
  }
}

/// Writing a file so that readers see the old or the new contents, never a partial file.
public enum AtomicFile {
  /// Writes `data` to a temporary file beside `path`, then renames it over `path`.
  public static func write(_ data: Data, to path: String) throws(AtomicFileError) {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw AtomicFileError(message: "cannot write \(path): no such folder \(folder)")
    }
    let temporary = (folder as NSString).appendingPathComponent(
      ".\(url.lastPathComponent).chiso-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
    guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o644])
    else {
      throw AtomicFileError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
    }
    if rename(temporary, path) != 0 {
      let message = String(cString: strerror(errno))
      unlink(temporary)
      throw AtomicFileError(message: "cannot write \(path): \(message)")
    }
  }
}

public struct AtomicFileError: Error, Sendable {
  public var message: String
}

/// Runs work on a background thread so the caller can give up on it (Ctrl-C): the result, or
/// nil when `interrupted` returned true first. An abandoned run finishes in the background and
/// its result is dropped.
public enum Cancellable {
  public static func run<T: Sendable>(
    _ work: @escaping @Sendable () -> T, pollEvery interval: Duration = .milliseconds(20),
    interrupted: () -> Bool
  ) -> T? {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      // Signals are for the thread that waits (so Ctrl-C never interrupts a file read here).
      var signals = sigset_t()
      sigemptyset(&signals)
      sigaddset(&signals, SIGINT)
      sigaddset(&signals, SIGWINCH)
      pthread_sigmask(SIG_BLOCK, &signals, nil)
      box.set(work())
      done.signal()
    }
    // Deeply nested queries recurse; give the worker the stack the main thread would have.
    thread.stackSize = 64 << 20
    thread.start()
    let milliseconds = Int(interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000)
    while done.wait(timeout: .now() + .milliseconds(max(1, milliseconds))) == .timedOut {
      if interrupted() { return nil }
    }
    return box.get()
  }
}

final class ResultBox<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: T?

  func set(_ newValue: T) {
    lock.lock()
    value = newValue
    lock.unlock()
  }

  func get() -> T? {
    lock.lock()
    defer { lock.unlock() }
    return value
  }
}
