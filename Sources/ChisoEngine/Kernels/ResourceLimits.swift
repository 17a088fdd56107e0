#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// How much a query may use: results that would not fit in memory (an exploding join, a loop
/// that doubles its rows, a `text.replace` that multiplies a text) stop early with an error that
/// names the step and the estimated size, before the allocation that would kill the process.
///
/// The limits in force are `current`: a session binds its own around each query
/// (`$scoped.withValue`), otherwise `standard` applies. Estimates count column storage (8
/// bytes a number, 4 a date or text code, the text itself), not Swift's bookkeeping, so they are
/// a lower bound of what the process would need.
public struct ResourceLimits: Sendable, Equatable {
  /// Bytes a single result (a table, a column, a join's row pairs, a text) may take.
  public var maxMemory: Int
  /// Largest data file read, in bytes.
  public var maxFileBytes: Int
  /// Most iterations of a `loop`.
  public var maxLoopIterations: Int

  public init(maxMemory: Int, maxFileBytes: Int? = nil, maxLoopIterations: Int = 10_000) {
    self.maxMemory = max(1, maxMemory)
    self.maxFileBytes = maxFileBytes ?? self.maxMemory
    self.maxLoopIterations = maxLoopIterations
  }

  /// Half of the machine's memory (or of the container's limit, when lower).
  public static let standard = ResourceLimits(maxMemory: physicalMemory() / 2)

  /// The limits bound for the running query.
  @TaskLocal public static var scoped: ResourceLimits? = nil

  public static var current: ResourceLimits { scoped ?? standard }

  /// Throws when `bytes` (what `what` would allocate) is over the memory limit.
  public static func check(bytes: Double, _ what: @autoclosure () -> String, hint: String? = nil) throws(ExecutionError) {
    let limit = current.maxMemory
    guard bytes > Double(limit) else { return }
    throw ExecutionError(
      "\(what()) would need about \(formatBytes(bytes)), more than the memory limit (\(formatBytes(Double(limit))))",
      hints: [hint ?? "narrow the input first (`filter`, `select`), or raise the limit with `--max-memory`"])
  }

  /// Bytes a table of `rows` rows of these columns takes, roughly.
  public static func bytes(rows: Int, columns: [Column]) -> Double {
    Double(rows) * Double(columns.reduce(0) { $0 + rowBytes($1) }) + columns.reduce(0.0) { $0 + dictionaryBytes($1) }
  }

  /// Storage per row of a column (text: its code; the dictionary is counted once).
  public static func rowBytes(_ column: Column) -> Int {
    switch column.storage {
    case .null: return 0
    case .bool: return 1
    case .date, .text: return 4
    case .int, .float, .timestamp: return 8
    }
  }

  static func dictionaryBytes(_ column: Column) -> Double {
    guard case .text(let t) = column.storage else { return 0 }
    return t.dictionary.reduce(0.0) { $0 + Double($1.utf8.count + 16) }
  }

  /// `1.5 GB`, `320 MB`, `12 KB`.
  public static func formatBytes(_ bytes: Double) -> String {
    let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"]
    var value = bytes
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    if unit == 0 { return "\(Int(value)) bytes" }
    let rounded = value >= 100 ? value.rounded() : (value * 10).rounded() / 10
    let text = rounded == rounded.rounded() && rounded < 1e15 ? String(Int64(rounded)) : String(rounded)
    return text + " " + units[unit]
  }

  /// `--max-memory 4G`, `512M`, `2.5GB`, `1000000` (bytes); nil when not a size.
  public static func parseBytes(_ text: String) -> Int? {
    var digits = Substring(text.uppercased())
    if digits.hasSuffix("B") && digits.count > 1, let last = digits.dropLast().last, last.isLetter { digits = digits.dropLast() }
    var factor = 1.0
    if let last = digits.last, let power = ["K": 1.0, "M": 2, "G": 3, "T": 4][String(last)] {
      factor = Double(1 << 10).pow(power)
      digits = digits.dropLast()
    }
    guard let value = Double(digits.trimmingSpaces), value.isFinite, value > 0 else { return nil }
    let bytes = value * factor
    return bytes < 9e18 ? Int(bytes) : nil
  }

  /// The machine's memory, limited by a cgroup (container) limit when there is one.
  public static func physicalMemory() -> Int {
    var total = Int(sysconf(Int32(_SC_PHYS_PAGES))) * Int(sysconf(Int32(_SC_PAGESIZE)))
    if total <= 0 { total = 4 << 30 }
    for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
      if let text = readSmallFile(path), let limit = Int(text.trimmingSpaces), limit > 0, limit < total { total = limit }
    }
    return total
  }

  static func readSmallFile(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var buffer = [UInt8](repeating: 0, count: 64)
    let got = fread(&buffer, 1, buffer.count - 1, file)
    return got > 0 ? String(decoding: buffer[0..<got], as: UTF8.self) : nil
  }
}

extension Double {
  fileprivate func pow(_ n: Double) -> Double {
    var r = 1.0
    for _ in 0..<Int(n) { r *= self }
    return r
  }
}

extension StringProtocol {
  fileprivate var trimmingSpaces: String {
    var t = Substring(self)
    while let f = t.first, f.isWhitespace { t.removeFirst() }
    while let l = t.last, l.isWhitespace { t.removeLast() }
    return String(t)
  }
}
