@testable import ChisoCore
import ChisoEngine
import ChisoSyntax
import Foundation
import Testing

/// Scans through the catalog: only the needed columns are read, the cache is written on the
/// first read and used on the next (by a new session, as a new process would), an edited file is
/// read again, a damaged cache file is ignored with a warning, a sample that guessed a type
/// wrong is corrected, and a predicate the cached statistics exclude reads nothing. Everything
/// in temporary folders: the user's cache is never touched.
@Suite struct CachedScanTests {
  struct Fixture {
    let data: String
    let cacheFolder: String
    var csv: String { data + "/panel.csv" }

    init(rows: Int = 5000, lateText: Bool = false) throws {
      let root = NSTemporaryDirectory() + "chiso-scan-test-\(UUID().uuidString)"
      data = root + "/data"
      cacheFolder = root + "/cache"
      try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
      var text = "year,province,component,score,code\n"
      for i in 0..<rows {
        // With `lateText`, the code column is an int in the first megabyte and text at the end.
        let code = lateText && i == rows - 1 ? "A\(i)" : String(i)
        text += "\(2006 + i % 19),\(["Hà Nội", "Đắk Lắk", "Lai Châu"][i % 3]),\(i % 10 == 0 ? "total" : "c\(i % 10)"),\(Double(i % 997) / 10),\(code)\n"
      }
      try text.write(toFile: csv, atomically: true, encoding: .utf8)
    }

    func session(cache: Bool = true) -> Session {
      let columnCache = cache ? ColumnCache(directory: cacheFolder, minimumFileSize: 0) : nil
      return Session(catalog: Catalog(directories: [data], cache: columnCache))
    }
  }

  static func run(_ session: Session, _ text: String) throws -> QueryResult {
    try session.execute(SourceFile(name: "t", text: text))
  }

  static func cells(_ table: Table) -> [[Value]] {
    (0..<table.rowCount).map { r in table.columns.map { $0.value(at: r) } }
  }

  static let queries = [
    #"from panel | filter component == "total" && score > 60 | aggregate {n = count this, m = average score}"#,
    "from panel | group {province} (aggregate {n = count this, top = max score}) | sort province",
    "from panel | sort {-score, code} | take 5",
    "from panel | filter year == 2010 | select {code, province} | sort code | take 3",
  ]

  @Test func cachedRunsGiveTheSameAnswers() throws {
    let f = try Fixture()
    let plain = f.session(cache: false)
    let expected = try Self.queries.map { Self.cells(try Self.run(plain, $0).table) }
    // First session writes the columns it reads; a second (a new process) reads them back.
    for round in 0..<2 {
      let s = f.session()
      for (q, want) in zip(Self.queries, expected) {
        let result = try Self.run(s, q)
        #expect(Self.cells(result.table) == want, "round \(round): \(q)")
        #expect(result.warnings.isEmpty)
      }
    }
    let cache = ColumnCache(directory: f.cacheFolder)
    #expect(cache.columnCount() == 5)
  }

  @Test func onlyTheNeededColumnsAreRead() throws {
    let f = try Fixture()
    let s = f.session()
    _ = try Self.run(s, "from panel | filter year == 2010 | aggregate {n = count this}")
    let catalog = s.catalog
    #expect(catalog.loaded["panel"]?.columns.keys.sorted() == [0])
    #expect(ColumnCache(directory: f.cacheFolder).columnCount() == 1)
  }

  @Test func anEditedFileIsReadAgain() throws {
    let f = try Fixture(rows: 100)
    let s = f.session()
    #expect(Self.cells(try Self.run(s, "from panel | aggregate {n = count this}").table) == [[.int(100)]])
    // Same session (the REPL): the edit is seen; a new session: the old cache entry is not used.
    try "year,province,component,score,code\n2030,Huế,total,1.5,x\n".write(toFile: f.csv, atomically: true, encoding: .utf8)
    let edited = try Self.run(s, "from panel | select {year, code}")
    #expect(Self.cells(edited.table) == [[.int(2030), .text("x")]])
    let fresh = try Self.run(f.session(), "from panel | select {year, code}")
    #expect(Self.cells(fresh.table) == [[.int(2030), .text("x")]])
  }

  @Test func aDamagedCacheFileIsIgnoredWithAWarning() throws {
    let f = try Fixture()
    let q = "from panel | aggregate {m = sum score}"
    let want = Self.cells(try Self.run(f.session(), q).table)
    // Corrupt every cached file's last byte (inside the data, covered by its checksum).
    let cache = ColumnCache(directory: f.cacheFolder)
    let files = FileManager.default.enumerator(atPath: f.cacheFolder)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".col") } ?? []
    #expect(!files.isEmpty)
    for file in files {
      let path = f.cacheFolder + "/" + file
      var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      bytes[bytes.count - 1] ^= 0xFF
      try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
    let result = try Self.run(f.session(), q)
    #expect(Self.cells(result.table) == want)
    #expect(result.warnings.contains { $0.id == .cacheIgnored && $0.severity == .warning })
    // Rewritten: the next run is clean.
    #expect(try Self.run(f.session(), q).warnings.isEmpty)
    _ = cache
  }

  @Test func aSampleThatGuessedWrongIsCorrected() throws {
    // Over 8 MB: the schema comes from the first megabyte, where `code` looks like an int.
    let f = try Fixture(rows: 260_000, lateText: true)
    let s = f.session()
    let result = try Self.run(s, "from panel | sort {-code} | take 1 | select {code}")
    #expect(Self.cells(result.table) == [[.text("A259999")]])
    // The next session knows the exact type from the cache without sampling.
    let schema = try f.session().catalog.schema(ofTable: "panel")
    #expect(schema?.types[4] == .text)
  }

  @Test func statisticsSkipScansThatCannotMatch() throws {
    let f = try Fixture()
    _ = try Self.run(f.session(), "from panel | aggregate {n = count this, y = min year}")
    let s = f.session()
    let none = try Self.run(s, "from panel | filter year == 1990 | aggregate {n = count this}")
    #expect(Self.cells(none.table) == [[.int(0)]])
    #expect(s.catalog.loaded["panel"]?.columns.isEmpty ?? true, "nothing read")
    let some = try Self.run(s, "from panel | filter year >= 2024 | aggregate {n = count this}")
    #expect(Self.cells(some.table) == [[.int(5000 / 19 + (5000 % 19 > 18 ? 1 : 0))]])
    let stats = s.catalog.statistics("panel", columns: [0])[0]
    #expect(stats?.min == .int(2006) && stats?.max == .int(2024))
  }

  @Test func pruningJudgesEachComparison() {
    let s = ColumnStatistics(type: .int, rowCount: 10, nullCount: 0, min: .int(2006), max: .int(2024), distinctEstimate: 19)
    let cases: [(String, Value, Bool, Bool)] = [
      ("std.eq", .int(2005), true, true), ("std.eq", .int(2006), true, false), ("std.eq", .int(2025), true, true),
      ("std.lt", .int(2006), true, true), ("std.lt", .int(2007), true, false), ("std.le", .int(2006), true, false),
      ("std.gt", .int(2024), true, true), ("std.ge", .int(2024), true, false), ("std.ge", .int(2025), true, true),
      ("std.gt", .int(2006), false, true), ("std.lt", .int(2024), false, true), ("std.lt", .int(2023), false, false),
      ("std.ne", .int(2010), true, false), ("std.eq", .float(2010.5), true, false), ("std.eq", .float(2030.5), true, true),
      ("std.eq", .null, true, true),
    ]
    for (op, v, columnFirst, expected) in cases {
      #expect(StatisticsPruning.excluded(op, s, v, columnFirst: columnFirst) == expected, "\(op) \(v) \(columnFirst)")
    }
    let constant = ColumnStatistics(type: .text, rowCount: 3, nullCount: 0, min: .text("a"), max: .text("a"), distinctEstimate: 1)
    #expect(StatisticsPruning.excluded("std.ne", constant, .text("a"), columnFirst: true))
    #expect(!StatisticsPruning.excluded("std.eq", constant, .text("a"), columnFirst: true))
  }
}
