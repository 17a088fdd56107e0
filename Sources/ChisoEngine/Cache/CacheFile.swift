#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The on-disk form of one cached column: a header (what the column was read from, its name,
/// type, row count and statistics, and where each buffer lies) with its own checksum, then the
/// typed buffers, each 8-byte aligned so that a mapping of the file can be read in place:
///
///     "CHISOCOL" | u32 version | u32 header length | header | u64 header hash | buffers…
///
/// Buffers: the values (Int64 / Double / Int32 days / one byte per Bool / UInt32 dictionary
/// codes), the validity bitmap (64-bit words, bit set = value; absent when no row is null), and
/// for text the dictionary (UInt64 end offsets, then the UTF-8 bytes). Each buffer's hash is in
/// the header. Everything read from a file is checked — bounds, lengths against the row count,
/// hashes, UTF-8, codes within the dictionary, bytes of a Bool — so a truncated, corrupt or
/// foreign file is rejected (`CacheFile.Invalid`), never trusted.
public enum CacheFile {
  static let magic: [UInt8] = Array("CHISOCOL".utf8)
  /// Bumped whenever the layout, the reader's type inference or the statistics change: a file
  /// of another version is foreign.
  public static let formatVersion: UInt32 = 1

  /// Why a cache file was not used.
  public struct Invalid: Error, Sendable, CustomStringConvertible {
    public var reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
  }

  /// What a cache file's header says.
  public struct Header: Sendable, Equatable {
    public var key: String
    public var column: Int
    public var name: String
    public var statistics: ColumnStatistics
  }

  enum Section: UInt8 { case values = 1, validity = 2, dictionaryEnds = 3, dictionaryBytes = 4 }

  struct SectionEntry {
    var kind: Section
    var offset: Int
    var length: Int
    var hash: UInt64
  }

  // MARK: - Writing

  /// Writes `column` to `path` (through a temporary file in the same folder, renamed into
  /// place, so a reader sees the old file or the whole new one).
  public static func write(_ column: Column, name: String, index: Int, key: String, statistics: ColumnStatistics, to path: String) throws(Invalid) {
    // Each buffer: its kind, length, hash, and a way to lend its bytes for the write.
    typealias Lend = (((UnsafeRawBufferPointer) -> Void) -> Void)
    var buffers: [(Section, Int, UInt64, Lend)] = []
    func add<T>(_ kind: Section, _ array: [T]) {
      let (count, hash) = array.withUnsafeBytes { ($0.count, Checksum.hash($0)) }
      buffers.append((kind, count, hash, { body in array.withUnsafeBytes { body($0) } }))
    }
    var dictionaryEnds: [UInt64] = []
    var dictionaryBytes: [UInt8] = []
    switch column.storage {
    case .null: break
    case .bool(let a): add(.values, a.map { $0 ? UInt8(1) : 0 })
    case .int(let a): add(.values, a)
    case .float(let a): add(.values, a)
    case .date(let a): add(.values, a)
    case .timestamp(let a): add(.values, a)
    case .text(let t):
      add(.values, t.codes)
      for s in t.dictionary {
        dictionaryBytes.append(contentsOf: s.utf8)
        dictionaryEnds.append(UInt64(dictionaryBytes.count))
      }
      add(.dictionaryEnds, dictionaryEnds)
      add(.dictionaryBytes, dictionaryBytes)
    }
    if let validity = column.validity { add(.validity, validity.words) }

    // Header: sections are laid out after it, each 8-byte aligned.
    func encodeHeader(_ entries: [SectionEntry]) -> [UInt8] {
      var e = ByteEncoder()
      e.string(key)
      e.u64(UInt64(index))
      e.string(name)
      e.u8(typeTag(statistics.type))
      e.u64(UInt64(statistics.rowCount))
      e.u64(UInt64(statistics.nullCount))
      e.u64(UInt64(statistics.distinctEstimate))
      e.value(statistics.min)
      e.value(statistics.max)
      e.u64(UInt64(entries.count))
      for s in entries {
        e.u8(s.kind.rawValue)
        e.u64(UInt64(s.offset))
        e.u64(UInt64(s.length))
        e.u64(s.hash)
      }
      return e.bytes
    }
    // The header's length does not depend on the offsets' values, so lay out with zeros first.
    let placeholder = buffers.map { SectionEntry(kind: $0.0, offset: 0, length: $0.1, hash: 0) }
    let headerLength = encodeHeader(placeholder).count
    var offset = align8(16 + headerLength + 8)
    var entries: [SectionEntry] = []
    for (kind, count, hash, _) in buffers {
      entries.append(SectionEntry(kind: kind, offset: offset, length: count, hash: hash))
      offset = align8(offset + count)
    }
    var head = magic
    appendU32(&head, formatVersion)
    let header = encodeHeader(entries)
    appendU32(&head, UInt32(header.count))
    head.append(contentsOf: header)
    let headHash = head.withUnsafeBytes { Checksum.hash($0) }
    for k in 0..<8 { head.append(UInt8(truncatingIfNeeded: headHash >> UInt64(8 * k))) }

    let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { throw Invalid("cannot create \(temporary): \(String(cString: strerror(errno)))") }
    var ok = true
    var written = 0
    func put(_ raw: UnsafeRawBufferPointer) {
      guard ok, let base = raw.baseAddress else { return }
      var done = 0
      while done < raw.count {
        let n = Glibc_write(fd, base + done, raw.count - done)
        if n <= 0 { ok = false; return }
        done += n
      }
      written += raw.count
    }
    let zeros = [UInt8](repeating: 0, count: 8)
    func pad(to target: Int) { if target > written { zeros.withUnsafeBytes { put(UnsafeRawBufferPointer(rebasing: $0[0..<(target - written)])) } } }
    head.withUnsafeBytes { put($0) }
    for (entry, (_, _, _, lend)) in zip(entries, buffers) {
      pad(to: entry.offset)
      lend { put($0) }
    }
    if close(fd) != 0 { ok = false }
    guard ok, rename(temporary, path) == 0 else {
      unlink(temporary)
      throw Invalid("cannot write \(path): \(String(cString: strerror(errno)))")
    }
  }

  // MARK: - Reading

  /// The header of the file mapped at `bytes`, checked.
  static func header(_ bytes: UnsafeRawBufferPointer) throws(Invalid) -> (Header, [SectionEntry]) {
    guard bytes.count >= 24 else { throw Invalid("truncated (\(bytes.count) bytes)") }
    guard bytes.prefix(8).elementsEqual(magic) else { throw Invalid("not a chiso cache file") }
    let version = readU32(bytes, 8)
    guard version == formatVersion else { throw Invalid("format version \(version), this chiso writes \(formatVersion)") }
    let headerLength = Int(readU32(bytes, 12))
    guard headerLength <= bytes.count - 24 else { throw Invalid("truncated header") }
    let stored = readU64(bytes, 16 + headerLength)
    guard Checksum.hash(UnsafeRawBufferPointer(rebasing: bytes[0..<(16 + headerLength)])) == stored else {
      throw Invalid("header checksum mismatch")
    }
    var d = ByteDecoder(UnsafeRawBufferPointer(rebasing: bytes[16..<(16 + headerLength)]))
    let key = try d.string()
    let column = try d.int()
    let name = try d.string()
    guard let type = dataType(try d.u8()) else { throw Invalid("unknown column type") }
    let rowCount = try d.int()
    let nullCount = try d.int()
    let distinct = try d.int()
    let lo = try d.value()
    let hi = try d.value()
    let sectionCount = try d.int()
    guard sectionCount <= 8 else { throw Invalid("too many sections") }
    var sections: [SectionEntry] = []
    for _ in 0..<sectionCount {
      guard let kind = Section(rawValue: try d.u8()) else { throw Invalid("unknown section") }
      let offset = try d.int()
      let length = try d.int()
      let hash = try d.u64()
      guard offset >= 16 + headerLength + 8, offset <= bytes.count, length <= bytes.count - offset else {
        throw Invalid("section outside the file (truncated?)")
      }
      sections.append(SectionEntry(kind: kind, offset: offset, length: length, hash: hash))
    }
    guard d.atEnd else { throw Invalid("header has trailing bytes") }
    guard nullCount <= rowCount else { throw Invalid("more nulls than rows") }
    for v in [lo, hi] { if let v, v.type != type { throw Invalid("statistics of another type") } }
    let statistics = ColumnStatistics(type: type, rowCount: rowCount, nullCount: nullCount, min: lo, max: hi, distinctEstimate: distinct)
    return (Header(key: key, column: column, name: name, statistics: statistics), sections)
  }

  /// The column in the file mapped at `bytes`, every buffer checked and copied out.
  static func column(_ bytes: UnsafeRawBufferPointer, _ header: Header, _ sections: [SectionEntry]) throws(Invalid) -> Column {
    var found: [Section: UnsafeRawBufferPointer] = [:]
    var hashes: [Section: UInt64] = [:]
    for s in sections {
      guard found[s.kind] == nil else { throw Invalid("repeated section") }
      found[s.kind] = UnsafeRawBufferPointer(rebasing: bytes[s.offset..<(s.offset + s.length)])
      hashes[s.kind] = s.hash
    }
    // Each buffer is copied out and its hash checked as it goes (the values section in pieces,
    // releasing the mapped pages behind the copy, so the file and the column are never both
    // resident); a mismatch anywhere rejects the whole file.
    func verify(_ kind: Section) throws(Invalid) {
      guard let raw = found[kind], let expected = hashes[kind], kind != .values else { return }
      guard Checksum.hash(raw) == expected else { throw Invalid("checksum mismatch in the column's data") }
    }
    for kind in [Section.validity, .dictionaryEnds, .dictionaryBytes] { try verify(kind) }
    let n = header.statistics.rowCount
    let type = header.statistics.type
    var validity: NullBitmap? = nil
    if let raw = found[.validity] {
      guard raw.count == (n + 63) / 64 * 8 else { throw Invalid("validity bitmap of the wrong length") }
      let words: [UInt64] = copy(raw)
      guard let bitmap = NullBitmap(words: words, count: n) else { throw Invalid("validity bitmap has bits past the end") }
      guard bitmap.nullCount == header.statistics.nullCount else { throw Invalid("null count disagrees with the bitmap") }
      validity = bitmap
    } else if header.statistics.nullCount != 0 && type != .null {
      throw Invalid("nulls without a validity bitmap")
    }
    func values<T>(_ width: Int) throws(Invalid) -> [T] {
      guard let raw = found[.values], raw.count == n * width, let expected = hashes[.values] else {
        throw Invalid("values of the wrong length")
      }
      let (array, hash) = copyHashing(raw) as ([T], UInt64)
      guard hash == expected else { throw Invalid("checksum mismatch in the column's data") }
      return array
    }
    switch type {
    case .null:
      guard header.statistics.nullCount == n else { throw Invalid("a null column with values") }
      return Column(.null(n))
    case .int: return Column(.int(try values(8)), validity: validity)
    case .float: return Column(.float(try values(8)), validity: validity)
    case .timestamp: return Column(.timestamp(try values(8)), validity: validity)
    case .date: return Column(.date(try values(4)), validity: validity)
    case .bool:
      let raw: [UInt8] = try values(1)
      guard raw.allSatisfy({ $0 <= 1 }) else { throw Invalid("a bool that is neither 0 nor 1") }
      return Column(.bool(raw.map { $0 == 1 }), validity: validity)
    case .text:
      let codes: [UInt32] = try values(4)
      guard let endsRaw = found[.dictionaryEnds], let textRaw = found[.dictionaryBytes], endsRaw.count % 8 == 0 else {
        throw Invalid("text without its dictionary")
      }
      let ends: [UInt64] = copy(endsRaw)
      var dictionary: [String] = []
      dictionary.reserveCapacity(ends.count)
      var start = 0
      for end in ends {
        guard end >= UInt64(start), end <= UInt64(textRaw.count) else { throw Invalid("dictionary offsets out of order") }
        let piece = UnsafeRawBufferPointer(rebasing: textRaw[start..<Int(end)])
        guard !piece.isEmpty, let base = piece.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
          dictionary.append("")
          start = Int(end)
          continue
        }
        guard UTF8Check.isValid(base, piece.count) else { throw Invalid("dictionary entry is not UTF-8") }
        dictionary.append(String(decoding: UnsafeBufferPointer(start: base, count: piece.count), as: UTF8.self))
        start = Int(end)
      }
      guard start == textRaw.count else { throw Invalid("dictionary bytes left over") }
      // Codes index the dictionary; a null row's code is 0 (even with an empty dictionary).
      let limit = UInt32(dictionary.count)
      // Usually every code, null rows' too, is within the dictionary: one pass (without the
      // validity test per row) says so, and the column is the codes as they are.
      let largest = codes.withUnsafeBufferPointer { c -> UInt32 in
        var m: UInt32 = 0
        for code in c { m = Swift.max(m, code) }
        return m
      }
      if limit > 0, largest < limit { return Column(.text(TextBuffer(codes: codes, dictionary: dictionary)), validity: validity) }
      let inRange = codes.withUnsafeBufferPointer { c -> Bool in
        var worst: UInt32 = 0
        for i in 0..<c.count where validity?.isValid(i) ?? true { worst = Swift.max(worst, c[i] &+ 1) }
        return worst <= limit
      }
      guard inRange, limit > 0 || n == header.statistics.nullCount else { throw Invalid("a code outside the dictionary") }
      if limit == 0 { return Column(.text(TextBuffer(codes: [UInt32](repeating: 0, count: n), dictionary: [])), validity: validity) }
      let safe = codes.withUnsafeBufferPointer { c in c.contains { $0 >= limit } } ? codes.map { $0 < limit ? $0 : 0 } : codes
      return Column(.text(TextBuffer(codes: safe, dictionary: dictionary)), validity: validity)
    }
  }

  // MARK: - Helpers

  static func copy<T>(_ raw: UnsafeRawBufferPointer) -> [T] {
    let count = raw.count / MemoryLayout<T>.stride
    return [T](unsafeUninitializedCapacity: count) { out, initialized in
      if let base = out.baseAddress, let source = raw.baseAddress, count > 0 {
        UnsafeMutableRawPointer(base).copyMemory(from: source, byteCount: count * MemoryLayout<T>.stride)
      }
      initialized = count
    }
  }

  /// `copy`, hashing the bytes as they are copied, 8 MiB at a time, and releasing each piece of
  /// the mapping once copied (`MADV_DONTNEED`: a private read-only mapping reads the file again
  /// if touched).
  static func copyHashing<T>(_ raw: UnsafeRawBufferPointer) -> ([T], UInt64) {
    let count = raw.count / MemoryLayout<T>.stride
    var state = Checksum.State()
    let piece = 1 << 23
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let array = [T](unsafeUninitializedCapacity: count) { out, initialized in
      guard let source = raw.baseAddress, let base = out.baseAddress else {
        initialized = 0
        return
      }
      let target = UnsafeMutableRawPointer(base)
      var at = 0
      let total = count * MemoryLayout<T>.stride
      HugePages.advise(target, total)
      while at < total {
        let n = Swift.min(piece, total - at)
        target.advanced(by: at).copyMemory(from: source.advanced(by: at), byteCount: n)
        state.update(UnsafeRawBufferPointer(start: target.advanced(by: at), count: n))
        // Whole pages of the mapping behind the copy.
        let start = (Int(bitPattern: source.advanced(by: at)) + page - 1) / page * page
        let end = Int(bitPattern: source.advanced(by: at + n)) / page * page
        if end > start, let p = UnsafeMutableRawPointer(bitPattern: start) { _ = madvise(p, end - start, MADV_DONTNEED) }
        at += n
      }
      initialized = count
    }
    return (array, state.finish())
  }

  static func align8(_ x: Int) -> Int { (x + 7) & ~7 }

  static func appendU32(_ out: inout [UInt8], _ v: UInt32) {
    for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> UInt32(8 * k))) }
  }

  static func readU32(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
    var v: UInt32 = 0
    for k in 0..<4 { v |= UInt32(b[at + k]) << UInt32(8 * k) }
    return v
  }

  static func readU64(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt64 {
    var v: UInt64 = 0
    for k in 0..<8 { v |= UInt64(b[at + k]) << UInt64(8 * k) }
    return v
  }

  static func typeTag(_ type: DataType) -> UInt8 {
    switch type {
    case .null: return 0
    case .bool: return 1
    case .int: return 2
    case .float: return 3
    case .text: return 4
    case .date: return 5
    case .timestamp: return 6
    }
  }

  static func dataType(_ tag: UInt8) -> DataType? {
    switch tag {
    case 0: return .null
    case 1: return .bool
    case 2: return .int
    case 3: return .float
    case 4: return .text
    case 5: return .date
    case 6: return .timestamp
    default: return nil
    }
  }
}

@inline(__always) func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }

/// Little-endian encoding of a cache header.
struct ByteEncoder {
  var bytes: [UInt8] = []
  mutating func u8(_ v: UInt8) { bytes.append(v) }
  mutating func u64(_ v: UInt64) { for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * k))) } }
  mutating func string(_ s: String) {
    u64(UInt64(s.utf8.count))
    bytes.append(contentsOf: s.utf8)
  }
  mutating func value(_ v: Value?) {
    guard let v else { return u8(0) }
    switch v {
    case .null: u8(0)
    case .bool(let b): u8(1); u8(b ? 1 : 0)
    case .int(let i): u8(2); u64(UInt64(bitPattern: i))
    case .float(let d): u8(3); u64(d.bitPattern)
    case .text(let s): u8(4); string(s)
    case .date(let d): u8(5); u64(UInt64(bitPattern: Int64(d)))
    case .timestamp(let t): u8(6); u64(UInt64(bitPattern: t))
    }
  }
}

/// Reads what `ByteEncoder` wrote, every read bounds-checked.
struct ByteDecoder {
  let bytes: UnsafeRawBufferPointer
  var at = 0
  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }
  var atEnd: Bool { at == bytes.count }

  mutating func u8() throws(CacheFile.Invalid) -> UInt8 {
    guard at < bytes.count else { throw CacheFile.Invalid("header cut short") }
    at += 1
    return bytes[at - 1]
  }
  mutating func u64() throws(CacheFile.Invalid) -> UInt64 {
    guard bytes.count - at >= 8 else { throw CacheFile.Invalid("header cut short") }
    let v = CacheFile.readU64(bytes, at)
    at += 8
    return v
  }
  /// A non-negative count or position that fits an Int comfortably.
  mutating func int() throws(CacheFile.Invalid) -> Int {
    let v = try u64()
    guard v < 1 << 48 else { throw CacheFile.Invalid("implausible size in the header") }
    return Int(v)
  }
  mutating func string() throws(CacheFile.Invalid) -> String {
    let n = try int()
    guard bytes.count - at >= n else { throw CacheFile.Invalid("header cut short") }
    let piece = UnsafeRawBufferPointer(rebasing: bytes[at..<(at + n)])
    at += n
    guard let base = piece.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return "" }
    guard UTF8Check.isValid(base, n) else { throw CacheFile.Invalid("header text is not UTF-8") }
    return String(decoding: UnsafeBufferPointer(start: base, count: n), as: UTF8.self)
  }
  mutating func value() throws(CacheFile.Invalid) -> Value? {
    switch try u8() {
    case 0: return nil
    case 1:
      let b = try u8()
      guard b <= 1 else { throw CacheFile.Invalid("bad bool in the header") }
      return .bool(b == 1)
    case 2: return .int(Int64(bitPattern: try u64()))
    case 3: return .float(Double(bitPattern: try u64()))
    case 4: return .text(try string())
    case 5:
      let d = Int64(bitPattern: try u64())
      guard let days = Int32(exactly: d) else { throw CacheFile.Invalid("bad date in the header") }
      return .date(days)
    case 6: return .timestamp(Int64(bitPattern: try u64()))
    default: throw CacheFile.Invalid("unknown value tag in the header")
    }
  }
}

/// A fast 64-bit checksum (four independent multiply-rotate lanes over 8-byte words): any
/// change confined to one word always changes it, and random corruption changes it with
/// overwhelming probability. Not a defence against someone forging a file on purpose — the cache
/// lives in the user's own folder.
enum Checksum {
  static func hash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
    var state = State()
    state.update(raw)
    return state.finish()
  }

  /// The checksum computed piece by piece: every piece but the last must be a multiple of 32
  /// bytes long; the result equals `hash` of the pieces joined.
  struct State {
    var a: UInt64 = 0x243F_6A88_85A3_08D3
    var b: UInt64 = 0x1319_8A2E_0370_7344
    var c: UInt64 = 0xA409_3822_299F_31D0
    var d: UInt64 = 0x082E_FA98_EC4E_6C89
    var length: UInt64 = 0

    @inline(__always) static func step(_ h: UInt64, _ w: UInt64) -> UInt64 {
      let x = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
      return (x << 29) | (x >> 35)
    }

    mutating func update(_ raw: UnsafeRawBufferPointer) {
      let n = raw.count
      length &+= UInt64(n)
      guard let base = raw.baseAddress else { return }
      var (a, b, c, d) = (self.a, self.b, self.c, self.d)
      var i = 0
      while i + 32 <= n {
        a = Self.step(a, base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        b = Self.step(b, base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
        c = Self.step(c, base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
        d = Self.step(d, base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
        i += 32
      }
      while i + 8 <= n {
        a = Self.step(a, base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        i += 8
      }
      if i < n {
        var tail: UInt64 = 0
        for j in 0..<(n - i) { tail |= UInt64(raw[i + j]) << UInt64(8 * j) }
        b = Self.step(b, tail ^ 0xFF)
      }
      (self.a, self.b, self.c, self.d) = (a, b, c, d)
    }

    func finish() -> UInt64 {
      @inline(__always) func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
      }
      return mix(mix(mix(mix(a ^ length) ^ b) ^ c) ^ d)
    }
  }
}

/// Large buffers about to be written whole (a cached column's copy) asked to be backed by 2 MiB
/// pages where the kernel offers them on request (transparent huge pages in `madvise` mode, as
/// here): a 10M-row column is then ≈ 40 page faults instead of ≈ 20,000, which were a third of
/// a warm run's time (perf: exc_page_fault, do_anonymous_page, memcg charging).
enum HugePages {
  static let size = 2 << 20

  static func advise(_ start: UnsafeMutableRawPointer, _ count: Int) {
    #if os(Linux)
      guard count >= 4 * size else { return }
      let first = (Int(bitPattern: start) + size - 1) / size * size
      let last = (Int(bitPattern: start) + count) / size * size
      guard last > first, let p = UnsafeMutableRawPointer(bitPattern: first) else { return }
      _ = madvise(p, last - first, MADV_HUGEPAGE)
    #endif
  }
}
