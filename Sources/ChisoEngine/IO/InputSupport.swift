#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a whole file into memory with POSIX calls: one allocation of the file's size and no
/// Foundation `Data` copy in between.
enum FileBytes {
  /// Calls `body` with the file's bytes. A regular file is memory-mapped: its pages come straight
  /// from the page cache, with no copy and no zero-filled buffer (which for a large CSV cost as
  /// much as parsing it). Anything else (pipes, empty files, mmap failure) is read into memory.
  /// `body` must not keep the pointer: the mapping ends when it returns.
  static func withContents<R>(
    path: String, _ body: (UnsafeBufferPointer<UInt8>) throws(DataError) -> R
  ) throws(DataError) -> R {
    try withContents(path: path, populate: true) { (bytes, _) throws(DataError) -> R in try body(bytes) }
  }

  /// As `withContents`, also telling `body` whether the bytes are a private file mapping, whose
  /// pages a reader may drop once read (`MADV_DONTNEED`: they come back from the file if touched
  /// again). `populate: false` maps without pre-faulting, so that only the pages being read are
  /// resident.
  static func withContents<R>(
    path: String, populate: Bool, _ body: (UnsafeBufferPointer<UInt8>, Bool) throws(DataError) -> R
  ) throws(DataError) -> R {
    let fd = open(path, O_RDONLY | O_NONBLOCK)
    if fd < 0 { throw failure(path, errno) }
    var info = stat()
    let statOK = fstat(fd, &info) == 0
    if statOK, let refusal = refusal(path, info) {
      _ = close(fd)
      throw refusal
    }
    if statOK, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0 {
      let size = Int(info.st_size)
      #if os(Linux)
        let flags = populate ? MAP_PRIVATE | MAP_POPULATE : MAP_PRIVATE
      #else
        let flags = MAP_PRIVATE
      #endif
      if let mapped = mmap(nil, size, PROT_READ, flags, fd, 0), mapped != MAP_FAILED {
        _ = close(fd)
        defer { _ = munmap(mapped, size) }
        let bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size)
        return try body(bytes, true)
      }
    }
    _ = close(fd)
    let bytes = try read(path: path)
    return try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> R in try body(buffer, false) }
  }

  static func read(path: String) throws(DataError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_NONBLOCK)
    if fd < 0 { throw failure(path, errno) }
    defer { _ = close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw failure(path, errno) }
    if let refusal = refusal(path, info) { throw refusal }
    // The size is only a starting capacity for regular files; pipes and growing files are read
    // until EOF below.
    var bytes: [UInt8] = []
    var readError: Int32 = 0
    if info.st_mode & S_IFMT == S_IFREG, info.st_size > 0 {
      let expected = Int(info.st_size)
      bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
        initialized = 0
        guard let base = buffer.baseAddress else { return }
        while initialized < expected {
          let got = posixRead(fd, base + initialized, expected - initialized)
          if got < 0 {
            if errno == EINTR { continue }
            readError = errno
            return
          }
          if got == 0 { return }
          initialized += got
        }
      }
    }
    if readError != 0 { throw failure(path, readError) }
    // Whatever is left (a pipe, or a file that grew), in chunks.
    let chunkSize = 1 << 16
    while true {
      let before = bytes.count
      var got = 0
      bytes.append(contentsOf: repeatElement(0, count: chunkSize))
      bytes.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        repeat {
          got = posixRead(fd, base + before, chunkSize)
        } while got < 0 && errno == EINTR
        if got < 0 { readError = errno }
      }
      bytes.removeLast(chunkSize - max(got, 0))
      if readError != 0 { throw failure(path, readError) }
      if got <= 0 { break }
    }
    return bytes
  }

  /// A regular file opened for reading (`fopen`'s stream), or the reason it is not read. The
  /// open does not block: a FIFO named `x.csv` is refused, not waited on for a writer.
  static func openRegular(_ path: String) throws(DataError) -> UnsafeMutablePointer<FILE> {
    let fd = open(path, O_RDONLY | O_NONBLOCK)
    if fd < 0 { throw failure(path, errno) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let code = errno
      _ = close(fd)
      throw failure(path, code)
    }
    if let refusal = refusal(path, info) {
      _ = close(fd)
      throw refusal
    }
    guard let file = fdopen(fd, "rb") else {
      let code = errno
      _ = close(fd)
      throw failure(path, code)
    }
    return file
  }

  /// Why a file is not read: only regular files are data (`/dev/zero` never ends, a FIFO may
  /// never send anything), and none larger than the memory limit.
  static func refusal(_ path: String, _ info: stat) -> DataError? {
    let kind = info.st_mode & S_IFMT
    // A directory opens fine and reports a meaningless size, so check the kind first.
    if kind == S_IFDIR { return failure(path, EISDIR) }
    if kind != S_IFREG {
      let what = kind == S_IFIFO ? "a pipe" : kind == S_IFCHR || kind == S_IFBLK ? "a device" : kind == S_IFSOCK ? "a socket" : "not a regular file"
      return DataError(file: path, message: "is \(what), not a file: chiso reads data from regular files only",
                       hint: "save the data to a file first")
    }
    let limit = ResourceLimits.current.maxFileBytes
    if Int(info.st_size) > limit {
      return DataError(
        file: path,
        message: "is \(ResourceLimits.formatBytes(Double(info.st_size))), more than chiso reads (\(ResourceLimits.formatBytes(Double(limit))), the memory limit)",
        hint: "read a smaller extract, or raise the limit with `--max-memory`")
    }
    return nil
  }

  static func failure(_ path: String, _ code: Int32) -> DataError {
    switch code {
    case ENOENT, ENOTDIR: return DataError(file: path, message: "no such file")
    case EACCES, EPERM: return DataError(file: path, message: "permission denied")
    case EISDIR: return DataError(file: path, message: "is a directory, not a file")
    default:
      return DataError(file: path, message: "cannot read file: " + String(cString: strerror(code)))
    }
  }
}

/// `read(2)` under a name that does not clash with the readers' own `read` functions.
@inline(__always)
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
  read(fd, buffer, count)
}

/// Turns a byte offset into the line and column a user sees in an editor. Only error paths call
/// it, so it rescans from the start rather than making the hot loops count lines.
enum TextLocation {
  static func locate(_ buffer: UnsafeBufferPointer<UInt8>, offset rawOffset: Int) -> (line: Int, column: Int) {
    let offset = min(max(rawOffset, 0), buffer.count)
    var line = 1
    var lineStart = 0
    var index = 0
    while index < offset {
      let byte = buffer[index]
      if byte == Ascii.lf {
        line += 1
        lineStart = index + 1
      } else if byte == Ascii.cr, !(index + 1 < buffer.count && buffer[index + 1] == Ascii.lf) {
        // A bare CR ends a line too (old Mac files); in CRLF the LF does the counting.
        line += 1
        lineStart = index + 1
      }
      index += 1
    }
    // The byte order mark is invisible in editors, so it takes no column.
    if lineStart == 0, offset >= 3, UTF8Check.hasBOM(buffer) { lineStart = 3 }
    let prefix = UnsafeBufferPointer(rebasing: buffer[lineStart..<offset])
    return (line, String(decoding: prefix, as: UTF8.self).count + 1)
  }
}

enum Ascii {
  static let lf = UInt8(ascii: "\n")
  static let cr = UInt8(ascii: "\r")
  static let quote = UInt8(ascii: "\"")
  static let comma = UInt8(ascii: ",")
  static let tab = UInt8(ascii: "\t")
}

/// Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF), with an
/// eight-bytes-at-a-time path for ASCII, which most data is.
enum UTF8Check {
  static func hasBOM(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
    buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF
  }

  @inline(__always)
  static func isValid(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    firstInvalid(bytes, count) == nil
  }

  /// The offset of the first byte that does not start a valid sequence, or nil if all is valid.
  static func firstInvalid(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int? {
    let raw = UnsafeRawPointer(bytes)
    var index = 0
    while index < count {
      while index + 8 <= count,
        raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        index += 8
      }
      if index >= count { break }
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      @inline(__always) func continuation(_ at: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
        at < count && bytes[at] >= low && bytes[at] <= high
      }
      if lead < 0xC2 { return index }  // a stray continuation byte, or an overlong 2-byte form
      if lead < 0xE0 {
        guard continuation(index + 1) else { return index }
        index += 2
      } else if lead < 0xF0 {
        let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
        let high: UInt8 = lead == 0xED ? 0x9F : 0xBF  // 0xED A0..BF would be a surrogate
        guard continuation(index + 1, low, high), continuation(index + 2) else { return index }
        index += 3
      } else if lead < 0xF5 {
        let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80
        let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF  // above F4 8F is past U+10FFFF
        guard continuation(index + 1, low, high), continuation(index + 2), continuation(index + 3)
        else { return index }
        index += 4
      } else {
        return index
      }
    }
    return nil
  }
}

/// Column names as DuckDB makes them: an empty name becomes `column<i>` (0-based position), and
/// a repeated name gets `_1`, `_2`, … so that every name can be referred to.
enum ColumnNames {
  static func uniquify(_ raw: [String]) -> [String] {
    // Suffixes skip names that appear literally elsewhere in the header, so `a,a,a_1` gives
    // `a, a_2, a_1` and nothing is renamed into a clash.
    let literal = Set(raw)
    var used = Set<String>()
    var result: [String] = []
    result.reserveCapacity(raw.count)
    for (position, name) in raw.enumerated() {
      var candidate = name.isEmpty ? "column\(position)" : name
      if used.contains(candidate) || (name.isEmpty && literal.contains(candidate)) {
        let base = candidate
        var suffix = 1
        repeat {
          candidate = "\(base)_\(suffix)"
          suffix += 1
        } while used.contains(candidate) || literal.contains(candidate)
      }
      used.insert(candidate)
      result.append(candidate)
    }
    return result
  }
}

/// Small text files read whole (index manifests, query scripts), with a size limit: a file named
/// `x.toml` that is really `/dev/zero` must not be read forever.
public enum TextFile {
  /// The file's text (invalid UTF-8 is an error). `allowPipes` lets a script come from a pipe
  /// (`chiso <(echo 'from pci')`), still read no further than `limit` bytes.
  public static func read(path: String, limit: Int, allowPipes: Bool = false) throws(DataError) -> String {
    let fd = open(path, O_RDONLY | (allowPipes ? 0 : O_NONBLOCK))
    if fd < 0 { throw FileBytes.failure(path, errno) }
    defer { _ = close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw FileBytes.failure(path, errno) }
    let kind = info.st_mode & S_IFMT
    if !(allowPipes && kind == S_IFIFO), let refusal = FileBytes.refusal(path, info) { throw refusal }
    return try readAll(fd, name: path, limit: limit)
  }

  /// Everything from a descriptor (standard input), up to `limit` bytes.
  public static func readAll(_ fd: Int32, name: String, limit: Int) throws(DataError) -> String {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let got = chunk.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { posixRead(fd, $0, buffer.count) } ?? 0 }
      if got < 0 {
        if errno == EINTR { continue }
        throw FileBytes.failure(name, errno)
      }
      if got == 0 { break }
      bytes += chunk[0..<got]
      if bytes.count > limit {
        throw DataError(file: name, message: "is larger than \(ResourceLimits.formatBytes(Double(limit))), too large to be read as text",
                        hint: "is this the right file?")
      }
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw DataError(file: name, message: "is not UTF-8 text")
    }
    return text
  }
}
