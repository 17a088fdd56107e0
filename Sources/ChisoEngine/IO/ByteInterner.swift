#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Interns byte strings into dense codes for a `TextBuffer` without making a `String` per field:
/// an open-addressing table over a byte arena, keyed by the bytes themselves.
///
/// Keying by bytes (not `String`, whose `==` is canonical equivalence) keeps NFC and NFD
/// spellings of the same Vietnamese word apart, so text round-trips byte for byte.
struct ByteInterner {
  /// Distinct values, back to back.
  private var arena: [UInt8] = []
  /// End offset in `arena` of each code's bytes (the start is the previous end).
  private var ends: [Int] = []
  private var hashes: [UInt64] = []
  /// 0 = empty slot, otherwise the hash's high 32 bits over code + 1. Keeping part of the hash
  /// in the slot lets a probe reject other values without touching `ends` or `arena`: with
  /// millions of distinct values, each of those is a cache miss.
  private var slots: [UInt64]
  private var mask: Int

  enum Failure: Error { case invalidUTF8, tooManyValues }

  init() {
    slots = [UInt64](repeating: 0, count: 256)
    mask = 255
  }

  /// A placeholder with no table, for moving an interner out of a struct and back.
  static var empty: ByteInterner { ByteInterner(slots: [], mask: 0) }

  private init(slots: [UInt64], mask: Int) {
    self.slots = slots
    self.mask = mask
  }

  var count: Int { ends.count }

  /// The code of `bytes`, adding it if new. New values are checked to be UTF-8 here, once per
  /// distinct value rather than once per field.
  @inline(__always)
  mutating func intern(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> Result<UInt32, Failure> {
    let hash = Self.hash(bytes, length)
    let tag = hash & 0xFFFF_FFFF_0000_0000
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { break }
      if entry & 0xFFFF_FFFF_0000_0000 == tag {
        let code = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
        if matches(code, bytes, length) { return .success(UInt32(code)) }
      }
      slot = (slot &+ 1) & mask
    }
    guard UTF8Check.isValid(bytes, length) else { return .failure(.invalidUTF8) }
    let code = ends.count
    guard code < Int(UInt32.max) - 1 else { return .failure(.tooManyValues) }
    arena.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
    ends.append(arena.count)
    hashes.append(hash)
    slots[slot] = tag | UInt64(code + 1)
    if ends.count * 2 > slots.count { grow() }
    return .success(UInt32(code))
  }

  /// Interns a Swift string's UTF-8 bytes.
  mutating func intern(_ string: String) -> Result<UInt32, Failure> {
    var copy = string
    return copy.withUTF8 { buffer in
      guard let base = buffer.baseAddress else {
        var zero: UInt8 = 0
        return withUnsafePointer(to: &zero) { intern($0, 0) }
      }
      return intern(base, buffer.count)
    }
  }

  @inline(__always)
  private func matches(_ code: Int, _ bytes: UnsafePointer<UInt8>, _ length: Int) -> Bool {
    let start = code == 0 ? 0 : ends[code - 1]
    guard ends[code] - start == length else { return false }
    if length == 0 { return true }
    return arena.withUnsafeBufferPointer { stored in
      guard let base = stored.baseAddress else { return false }
      // Most values are short: compare words inline rather than call memcmp, with overlapping
      // loads for the tail.
      if length <= 32 {
        let a = UnsafeRawPointer(base + start)
        let b = UnsafeRawPointer(bytes)
        if length >= 8 {
          var index = 0
          while index + 8 <= length {
            if a.loadUnaligned(fromByteOffset: index, as: UInt64.self)
              != b.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            {
              return false
            }
            index += 8
          }
          return index == length
            || a.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
              == b.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        }
        if length >= 4 {
          return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
            && a.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
              == b.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
        }
        for index in 0..<length where base[start + index] != bytes[index] { return false }
        return true
      }
      return memcmp(base + start, bytes, length) == 0
    }
  }

  private mutating func grow() {
    let size = slots.count * 2
    var fresh = [UInt64](repeating: 0, count: size)
    let freshMask = size - 1
    for code in 0..<hashes.count {
      let hash = hashes[code]
      var slot = Int(truncatingIfNeeded: hash) & freshMask
      while fresh[slot] != 0 { slot = (slot &+ 1) & freshMask }
      fresh[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(code + 1)
    }
    slots = fresh
    mask = freshMask
  }

  /// The distinct values as strings, in code order.
  func strings() -> [String] {
    arena.withUnsafeBufferPointer { stored in
      var result: [String] = []
      result.reserveCapacity(ends.count)
      var start = 0
      for end in ends {
        result.append(String(decoding: UnsafeBufferPointer(rebasing: stored[start..<end]), as: UTF8.self))
        start = end
      }
      return result
    }
  }

  /// A multiply-xorshift hash over eight-byte words: a few cycles for the short values that
  /// dominate data files, with good spread in the low bits the table uses. Short tails are read
  /// as overlapping loads (as wyhash does) rather than byte by byte, never past the value.
  @inline(__always)
  static func hash(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
    let raw = UnsafeRawPointer(bytes)
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: length)
    @inline(__always) func mix(_ word: UInt64) {
      hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
      hash ^= hash >> 31
    }
    if length >= 8 {
      var index = 0
      while index + 8 <= length {
        mix(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        index += 8
      }
      if index < length { mix(raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)) }
    } else if length >= 4 {
      let head = UInt64(raw.loadUnaligned(as: UInt32.self))
      let tail = UInt64(raw.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self))
      mix(head << 32 | tail)
    } else if length > 0 {
      mix(UInt64(bytes[0]) << 16 | UInt64(bytes[length >> 1]) << 8 | UInt64(bytes[length - 1]))
    }
    hash ^= hash >> 32
    hash = hash &* 0xD6E8_FEB8_6659_FD93
    hash ^= hash >> 32
    return hash
  }
}
