import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The REPL's history on disk: one entry per line, a multi-line query kept as one entry by
/// escaping (`\n` for a line break, `\\` for a backslash).
///
/// Each entry is appended as soon as it is entered, under an exclusive `flock`, so sessions
/// running side by side never overwrite each other's history; only this session's new entries
/// are written. A repeat of the previous entry is not stored again.
public final class HistoryFile {
  public let path: String
  /// The last entry seen (loaded or added), for dropping consecutive duplicates.
  public private(set) var lastEntry: String?
  /// Entries kept when loading (older ones stay in the file but are not recalled).
  public static let limit = 5000

  public init(path: String) {
    self.path = path
  }

  /// `$XDG_STATE_HOME/chiso/history`, else `~/.local/state/chiso/history`.
  public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return (state as NSString).appendingPathComponent("chiso/history")
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return (home as NSString).appendingPathComponent(".local/state/chiso/history")
  }

  /// The stored entries, oldest first (at most `limit`). A missing file is an empty history.
  public func load() -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    let text = String(decoding: data, as: UTF8.self)
    var entries: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      let entry = Self.decode(String(line))
      if entry.isEmpty || entry == entries.last { continue }
      entries.append(entry)
    }
    if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
    lastEntry = entries.last
    return entries
  }

  /// Appends an entry unless it repeats the previous one; returns whether it was added. Creates
  /// the folder (0700) and file (0600) when needed. Failures are reported, not fatal.
  @discardableResult
  public func append(_ entry: String) throws(HistoryError) -> Bool {
    let trimmed = entry.trimmingWhitespace
    guard !trimmed.isEmpty, trimmed != lastEntry else { return false }
    lastEntry = trimmed
    let folder = (path as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw HistoryError(message: "cannot create \(folder): \(error.localizedDescription)")
    }
    let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw HistoryError(message: "cannot open \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    while flock(fd, LOCK_EX) != 0 {
      if errno != EINTR { throw HistoryError(message: "cannot lock \(path): \(String(cString: strerror(errno)))") }
    }
    defer { _ = flock(fd, LOCK_UN) }
    var bytes = Array((Self.encode(trimmed) + "\n").utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        throw HistoryError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
      }
      bytes = bytes.dropFirst(written)
    }
    return true
  }

  static func encode(_ entry: String) -> String {
    var out = ""
    for character in entry {
      switch character {
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r\n": out += "\\n"
      case "\r": out += "\\r"
      default: out.append(character)
      }
    }
    return out
  }

  static func decode(_ line: String) -> String {
    var out = ""
    var escaped = false
    for character in line {
      if escaped {
        switch character {
        case "n": out.append("\n")
        case "r": out.append("\r")
        default: out.append(character)
        }
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else {
        out.append(character)
      }
    }
    if escaped { out.append("\\") }
    return out
  }
}

public struct HistoryError: Error, Sendable {
  public var message: String
}
