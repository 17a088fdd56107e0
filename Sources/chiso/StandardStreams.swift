import Foundation

/// Standard output and error written with `write(2)`, never through anything that traps on a
/// failed write (Foundation's `FileHandle.write` does): a closed pipe, a full disk or a closed
/// descriptor ends chiso quietly with `ExitStatus.outputFailed`, never a crash — and never exit 0
/// when the result was not written.
enum StandardStreams {
  /// Writes to standard output; on failure ends the program: quietly for a closed pipe
  /// (`chiso … | head`), with a one-line message on standard error otherwise (`> /dev/full`).
  static func out(_ text: String) {
    guard let code = write(text, to: STDOUT_FILENO) else { return }
    if code != EPIPE {
      err("error: could not write the result to standard output: \(String(cString: strerror(code)))\n")
    }
    exit(ExitStatus.outputFailed)
  }

  /// Writes to standard error, best effort: when that fails (`2> /dev/full`, a closed pipe)
  /// there is nowhere left to say so, and the exit status still tells.
  static func err(_ text: String) { _ = write(text, to: STDERR_FILENO) }

  /// Writes all of `text`, retrying after signals; the errno of a failure, nil on success.
  static func write(_ text: String, to fd: Int32) -> Int32? {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      if written == 0 { return EIO }
      bytes = bytes.dropFirst(written)
    }
    return nil
  }
}

/// chiso's exit statuses (README, "Command line").
enum ExitStatus {
  static let success: Int32 = 0
  /// A query or data error; the message is on standard error.
  static let queryError: Int32 = 1
  /// A usage error (unknown option, missing folder).
  static let usage: Int32 = 2
  /// The result could not be written: standard output is a closed pipe, a full disk, closed.
  static let outputFailed: Int32 = 3
  /// A `check` found a wrong answer (every query ran): for grading a class by script.
  static let wrongAnswer: Int32 = 4
}
