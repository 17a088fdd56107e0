@testable import ChisoEngine
import Foundation
import Testing

/// The columnar cache: what goes in comes out (types, values to the bit, nulls, dictionaries),
/// statistics are right, and a file that is truncated, corrupted, foreign, of another version or
/// made from another source file is rejected with a warning — never trusted. Every test uses its
/// own temporary folder, never the user's cache.
@Suite struct ColumnCacheTests {
  static func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "chiso-cache-test-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static let key = ColumnCache.Key(path: "/data/panel.csv", size: 1234, modified: 99, options: "csv")

  /// Columns of every type, with and without nulls, with NFC and NFD text.
  static var columns: [Column] {
    let text = TextBuffer.encode(["Hà Nội", nil, "Ha\u{0300} Nội", "Đắk Lắk", "Hà Nội", "", nil])
    return [
      Column(.int([3, -7, Int64.max, Int64.min, 0, 42, 5])),
      Column(.float([1.5, -0.0, .nan, 1e300, 2, 7.25, 3]), validity: NullBitmap([true, true, true, true, false, true, true])),
      Column(.text(text.0), validity: text.1),
      Column(.bool([true, false, true, true, false, false, true]), validity: NullBitmap([true, false, true, true, true, true, true])),
      Column(.date([0, 19000, -400, 1, 2, 3, 4])),
      Column(.timestamp([0, 1, 2, 3, 4, 5, -6])),
      Column(.null(7)),
      Column(.text(TextBuffer(codes: [0, 0, 0, 0, 0, 0, 0], dictionary: [])), validity: NullBitmap(count: 7, allValid: false)),
    ]
  }

  static func same(_ a: Column, _ b: Column) -> Bool {
    guard a.type == b.type, a.count == b.count else { return false }
    for i in 0..<a.count {
      guard a.isNull(i) == b.isNull(i) else { return false }
      if a.isNull(i) { continue }
      switch (a.value(at: i), b.value(at: i)) {
      case (.float(let x), .float(let y)): if x.bitPattern != y.bitPattern { return false }
      case (.text(let x), .text(let y)): if Array(x.utf8) != Array(y.utf8) { return false }
      case (let x, let y): if x != y { return false }
      }
    }
    return true
  }

  @Test func roundTripsEveryType() {
    let cache = ColumnCache(directory: Self.temporaryFolder())
    for (i, column) in Self.columns.enumerated() {
      cache.store(Self.key, column: i, name: "c\(i)", column)
      guard let back = cache.load(Self.key, column: i) else {
        Issue.record("column \(i) not loaded: \(cache.drainWarnings())")
        continue
      }
      #expect(back.name == "c\(i)")
      #expect(Self.same(column, back.column), "column \(i)")
      #expect(back.statistics == ColumnStatistics.of(column))
    }
    #expect(cache.drainWarnings().isEmpty)
    #expect(cache.columnCount() == Self.columns.count)
    #expect(cache.clear() == Self.columns.count)
    #expect(cache.load(Self.key, column: 0) == nil)
  }

  @Test func statistics() {
    let s = ColumnStatistics.of(Column(.int([2016, 2006, 2024, 2016]), validity: NullBitmap([true, true, true, false])))
    #expect(s.min == .int(2006) && s.max == .int(2024) && s.nullCount == 1 && s.distinctEstimate == 3)
    let text = ColumnStatistics.of(Column(.text(TextBuffer.encode(["total", "market_entry", "total"]).0)))
    #expect(text.min == .text("market_entry") && text.max == .text("total") && text.distinctEstimate == 2)
    // NaN compares equal to everything in filters, so a column with one has no range.
    let nan = ColumnStatistics.of(Column(.float([1, .nan, 3])))
    #expect(nan.min == nil && nan.max == nil)
    // The estimate of many distinct values is within a few percent.
    let many = ColumnStatistics.of(Column(.float((0..<200_000).map { Double($0) * 0.37 })))
    #expect(abs(Double(many.distinctEstimate) - 200_000) < 200_000 * 0.05)
  }

  @Test func otherKeysDoNotMatch() {
    let folder = Self.temporaryFolder()
    let cache = ColumnCache(directory: folder)
    cache.store(Self.key, column: 0, name: "year", Self.columns[0])
    // Another size, time or options: another entry (nothing found, no warning).
    for other in [
      ColumnCache.Key(path: "/data/panel.csv", size: 1235, modified: 99, options: "csv"),
      ColumnCache.Key(path: "/data/panel.csv", size: 1234, modified: 100, options: "csv"),
      ColumnCache.Key(path: "/data/panel.csv", size: 1234, modified: 99, options: "tsv"),
    ] {
      #expect(cache.load(other, column: 0) == nil)
    }
    #expect(cache.drainWarnings().isEmpty)
    // A file moved under another key's name (or a hash collision) is foreign: rejected.
    let other = ColumnCache.Key(path: "/data/other.csv", size: 1, modified: 1, options: "csv")
    let from = cache.path(Self.key, column: 0)
    let to = cache.path(other, column: 0)
    try? FileManager.default.createDirectory(atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try? FileManager.default.copyItem(atPath: from, toPath: to)
    #expect(cache.load(other, column: 0) == nil)
    #expect(cache.drainWarnings().count == 1)
  }

  /// Every truncation, and every single-byte change of a cache file, is rejected (with a
  /// warning) or — where a byte is padding no check reads — gives exactly the same column.
  @Test func truncatedAndCorruptFilesAreNeverTrusted() throws {
    let folder = Self.temporaryFolder()
    let cache = ColumnCache(directory: folder)
    for (i, column) in Self.columns.enumerated() {
      cache.store(Self.key, column: i, name: "c\(i)", column)
      let path = cache.path(Self.key, column: i)
      let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      func attempt(_ bytes: [UInt8]) -> (name: String, column: Column, statistics: ColumnStatistics)? {
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return cache.load(Self.key, column: i)
      }
      for length in stride(from: 0, to: original.count, by: max(1, original.count / 97)) {
        #expect(attempt(Array(original[0..<length])) == nil, "column \(i) cut to \(length) bytes")
      }
      for offset in 0..<original.count {
        var bytes = original
        bytes[offset] ^= 0x5A
        if let back = attempt(bytes) {
          #expect(Self.same(back.column, column) && back.name == "c\(i)", "column \(i), byte \(offset) changed, accepted")
        }
      }
      _ = cache.drainWarnings()
    }
  }

  /// Random bytes, random headers with a valid magic, and files of other versions: rejected.
  @Test func fuzzedFilesAreRejected() {
    let cache = ColumnCache(directory: Self.temporaryFolder())
    cache.store(Self.key, column: 0, name: "c0", Self.columns[0])
    let path = cache.path(Self.key, column: 0)
    var generator = SeededGenerator(seed: 15)
    for round in 0..<300 {
      var bytes = (0..<Int.random(in: 0..<400, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
      if round % 2 == 0 { bytes = Array("CHISOCOL".utf8) + [1, 0, 0, 0] + bytes }
      FileManager.default.createFile(atPath: path, contents: Data(bytes))
      #expect(cache.load(Self.key, column: 0) == nil)
      #expect(cache.statistics(Self.key, column: 0) == nil)
    }
    #expect(!cache.drainWarnings().isEmpty)
  }

  /// A column read alone has the same type and values as in a full read.
  @Test func columnSubsetsReadAsTheFullRead() throws {
    var text = "year,province,score,code,flag\n"
    for i in 0..<3000 {
      let code = i == 2500 ? "x\(i)" : String(i)  // becomes text late: the second pass backfills
      text += "\(2000 + i % 20),\(["Hà Nội", "Đắk Lắk", "\"a,b\""][i % 3]),\(i % 11 == 0 ? "" : String(Double(i) / 4)),\(code),\(i % 2 == 0)\n"
    }
    let bytes = Array(text.utf8)
    let full = try CSVReader.read(bytes: bytes, name: "t.csv")
    for subset in [[0], [2], [3, 1], [4, 0, 2], [], [0, 1, 2, 3, 4]] {
      let part = try CSVReader.read(bytes: bytes, name: "t.csv", columns: subset)
      #expect(part.rowCount == full.rowCount)
      #expect(part.names == subset.map { full.names[$0] })
      for (k, i) in subset.enumerated() { #expect(Self.same(part.columns[k], full.columns[i]), "column \(i) of \(subset)") }
    }
    // A ragged row is still an error even when its column is not read.
    #expect(throws: DataError.self) { try CSVReader.read(bytes: Array("a,b\n1,2\n3\n".utf8), name: "t.csv", columns: [0]) }
  }
}
