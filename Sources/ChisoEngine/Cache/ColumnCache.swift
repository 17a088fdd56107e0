#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A persistent columnar copy of the data files chiso reads, one file per column
/// (`CacheFile`), under `$XDG_CACHE_HOME/chiso/` (default `~/.cache/chiso/`). The first read of
/// a column writes it; later reads map the file and copy out only the columns a scan needs, with
/// no parsing. An entry is keyed by the data file's absolute path, size, modification time and
/// reader options and the format version, all written inside the file and compared on every
/// read: an edited file, another reader setting or another chiso version never matches. A file
/// that fails any check is ignored with a warning and rewritten.
public final class ColumnCache: @unchecked Sendable {
  /// The folder holding the cache (`…/chiso`).
  public let directory: String
  /// Data files smaller than this are not cached: they parse in about as long as a cache file
  /// takes to check.
  public var minimumFileSize: Int

  private var pendingWarnings: [String] = []
  private let lock = PthreadLock()

  public init(directory: String, minimumFileSize: Int = 1 << 20) {
    self.directory = directory
    self.minimumFileSize = minimumFileSize
  }

  /// `$XDG_CACHE_HOME/chiso`, else `$HOME/.cache/chiso`; nil when neither is set.
  public static func defaultDirectory(environment: [String: String]) -> String? {
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/chiso" }
    if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/chiso" }
    return nil
  }

  /// What identifies the contents a cache entry was made from.
  public struct Key: Sendable, Hashable {
    /// Path, size, modification time (ns), reader options, format version.
    public var text: String

    public init(path: String, size: Int, modified: Int64, options: String) {
      let absolute = ColumnCache.absolute(path)
      text = "\(absolute)\u{0}\(size)\u{0}\(modified)\u{0}\(options)\u{0}v\(CacheFile.formatVersion)"
    }

    /// A short name for the entry's folder (the full key is inside each file).
    var folder: String {
      var h: UInt64 = 0xCBF2_9CE4_8422_2325
      for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
      let hex = String(h, radix: 16)
      return String(repeating: "0", count: 16 - hex.count) + hex
    }
  }

  /// The warnings gathered since last asked (damaged files that were ignored), and forgets them.
  public func drainWarnings() -> [String] {
    lock.lock()
    defer { lock.unlock() }
    let out = pendingWarnings
    pendingWarnings = []
    return out
  }

  func warn(_ text: String) {
    lock.lock()
    pendingWarnings.append(text)
    lock.unlock()
  }

  func path(_ key: Key, column: Int) -> String {
    "\(directory)/v\(CacheFile.formatVersion)/\(key.folder)/c\(column).col"
  }

  // MARK: - Reading

  /// The cached column `column` of the file `key` names: its name and values; nil when there
  /// is no entry, or (with a warning) when the entry fails a check.
  public func load(_ key: Key, column: Int) -> (name: String, column: Column, statistics: ColumnStatistics)? {
    withMapped(key, column: column) { (bytes) throws(CacheFile.Invalid) in
      let (header, sections) = try CacheFile.header(bytes)
      try check(header, key, column)
      return (header.name, try CacheFile.column(bytes, header, sections), header.statistics)
    }
  }

  /// The cached statistics of a column (its header only, checked); nil when not cached.
  public func statistics(_ key: Key, column: Int) -> (name: String, statistics: ColumnStatistics)? {
    withMapped(key, column: column) { (bytes) throws(CacheFile.Invalid) in
      let (header, _) = try CacheFile.header(bytes)
      try check(header, key, column)
      return (header.name, header.statistics)
    }
  }

  private func check(_ header: CacheFile.Header, _ key: Key, _ column: Int) throws(CacheFile.Invalid) {
    // The folder name is a hash: the key inside must be the very same.
    guard header.key == key.text else { throw CacheFile.Invalid("made from another file (hash collision)") }
    guard header.column == column else { throw CacheFile.Invalid("holds column \(header.column), not \(column)") }
  }

  private func withMapped<R>(_ key: Key, column: Int, _ body: (UnsafeRawBufferPointer) throws(CacheFile.Invalid) -> R) -> R? {
    let file = path(key, column: column)
    let fd = open(file, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { _ = close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    let size = Int(info.st_size)
    do throws(CacheFile.Invalid) {
      guard size > 0 else { throw CacheFile.Invalid("empty") }
      guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
        throw CacheFile.Invalid("cannot be mapped")
      }
      defer { _ = munmap(mapped, size) }
      _ = madvise(mapped, size, MADV_SEQUENTIAL)
      return try body(UnsafeRawBufferPointer(start: mapped, count: size))
    } catch {
      warn("ignored the cache file \(file) (\(error.reason)); the column is read from its source and cached again")
      unlink(file)
      return nil
    }
  }

  // MARK: - Writing

  /// Caches one column (best effort: a full disk or a read-only folder only means no cache).
  public func store(_ key: Key, column index: Int, name: String, _ column: Column) {
    let file = path(key, column: index)
    let folder = file[..<(file.lastIndex(of: "/") ?? file.endIndex)]
    guard ColumnCache.makeDirectories(String(folder)) else { return }
    let statistics = ColumnStatistics.of(column)
    do throws(CacheFile.Invalid) {
      try CacheFile.write(column, name: name, index: index, key: key.text, statistics: statistics, to: file)
    } catch {
      warn("could not write the cache (\(error.reason)); chiso works on without it")
    }
  }

  /// Removes every cache file; returns how many there were.
  @discardableResult
  public func clear() -> Int {
    ColumnCache.removeTree(directory)
  }

  /// How many cached columns there are.
  public func columnCount() -> Int { ColumnCache.countFiles(directory) }

  // MARK: - File system (POSIX: the engine does not use Foundation)

  static func entries(_ path: String) -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var children: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      if name == "." || name == ".." { continue }
      children.append(path + "/" + name)
    }
    return children
  }

  static func countFiles(_ path: String) -> Int {
    var count = 0
    for child in entries(path) {
      var info = stat()
      guard lstat(child, &info) == 0 else { continue }
      if info.st_mode & S_IFMT == S_IFDIR { count += countFiles(child) } else if child.hasSuffix(".col") { count += 1 }
    }
    return count
  }

  static func absolute(_ path: String) -> String {
    if let real = realpath(path, nil) {
      defer { free(real) }
      return String(cString: real)
    }
    return path
  }

  static func makeDirectories(_ path: String) -> Bool {
    var prefix = ""
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      prefix += "/" + part
      if mkdir(prefix, 0o755) != 0, errno != EEXIST { return false }
    }
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
  }

  /// Deletes the files under `path` (recursively) and the folders; returns the files removed.
  static func removeTree(_ path: String) -> Int {
    var removed = 0
    for child in entries(path) {
      var info = stat()
      guard lstat(child, &info) == 0 else { continue }
      if info.st_mode & S_IFMT == S_IFDIR {
        removed += removeTree(child)
        rmdir(child)
      } else if unlink(child) == 0, child.hasSuffix(".col") {
        removed += 1
      }
    }
    return removed
  }
}
