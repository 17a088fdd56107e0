@testable import ChisoEngine
import Testing

/// Large CSV files are parsed by a pipeline (the next batch tokenized while the columns of the
/// current one are converted on several threads); it must read exactly as one pass does: the
/// same names, types, values (floats to the bit, text byte for byte, dictionary order) and
/// nulls, or the same located error.
@Suite struct ParallelCSVTests {
  /// One pass, then pipelines of 2 and 3 threads with batches of a few fields (many steps).
  static func assertSameAsOnePass(_ bytes: [UInt8], options: CSVOptions = .init(), _ note: String) {
    for (parts, fields) in [(2, 7), (3, 64), (2, 1), (2, 16_384)] {
      // The same batches in one thread (which error comes first depends on the batches: a
      // batch is tokenized before its fields are converted).
      let single: Result<Table, DataError>
      do {
        single = .success(try CSVReader.read(bytes: bytes, name: "t.csv", options: options, threads: 1, batchFields: fields))
      } catch {
        single = .failure(error)
      }
      let parallel: Result<Table, DataError>
      do {
        parallel = .success(
          try CSVReader.read(bytes: bytes, name: "t.csv", options: options, threads: parts, batchFields: fields))
      } catch {
        parallel = .failure(error)
      }
      switch (single, parallel) {
      case (.success(let a), .success(let b)):
        #expect(same(a, b), "\(note), \(parts) threads")
      case (.failure(let a), .failure(let b)):
        #expect(a.message == b.message && a.line == b.line && a.column == b.column, "\(note), \(parts) threads")
      default:
        Issue.record("one pass and \(parts) threads disagree on success: \(note)")
      }
    }
    // And the default batches in one thread read as the plain reader does.
    let plain = try? CSVReader.read(bytes: bytes, name: "t.csv", options: options)
    let single = try? CSVReader.read(bytes: bytes, name: "t.csv", options: options, threads: 1, batchFields: 16_384)
    #expect((plain == nil) == (single == nil), "\(note): plain reader")
    if let plain, let single { #expect(same(plain, single), "\(note): plain reader") }
  }

  static func same(_ a: Table, _ b: Table) -> Bool {
    guard a.names == b.names, a.rowCount == b.rowCount, a.columnCount == b.columnCount else { return false }
    for (x, y) in zip(a.columns, b.columns) {
      guard x.type == y.type, x.count == y.count else { return false }
      for row in 0..<x.count where x.isNull(row) != y.isNull(row) { return false }
      switch (x.storage, y.storage) {
      case (.text(let s), .text(let t)):
        guard s.dictionary.map({ Array($0.utf8) }) == t.dictionary.map({ Array($0.utf8) }) else { return false }
        for row in 0..<x.count where !x.isNull(row) && s.codes[row] != t.codes[row] { return false }
      case (.float(let s), .float(let t)):
        for row in 0..<x.count where !x.isNull(row) && s[row].bitPattern != t[row].bitPattern {
          if !(s[row].isNaN && t[row].isNaN) { return false }
        }
      default:
        for row in 0..<x.count where x.value(at: row) != y.value(at: row) { return false }
      }
    }
    return true
  }

  @Test func splitsInsideQuotedNewlinesAndBlankLines() {
    var text = "id,name,note,score\n"
    for i in 0..<400 {
      let note = i % 7 == 0 ? "\"line one\nline \"\"two\"\"\r\nthree\"" : (i % 5 == 0 ? "" : "plain \(i)")
      text += "\(i),\(["Hà Nội", "Ha\u{0300} Nội", "Đắk Lắk", "\"a,b\""][i % 4]),\(note),\(Double(i) / 8)\n"
      if i % 50 == 0 { text += "\n" }
    }
    Self.assertSameAsOnePass(Array(text.utf8), "quoted newlines")
    Self.assertSameAsOnePass(Array(text.replacingOccurrences("\n", "\r\n").utf8), "CRLF")
  }

  @Test func typesThatSettleLate() {
    // A later part sees ints first, then floats; another turns text late; one is all null early.
    var text = "a,b,c,d\n"
    for i in 0..<600 {
      let a = i < 500 ? "\(i)" : "\(i).5"
      let b = i == 550 ? "x" : "\(i)"
      let c = i < 300 ? "" : "2024-01-\(10 + i % 18)"
      let d = i % 3 == 0 ? "-0" : "\(i % 11)"
      text += "\(a),\(b),\(c),\(d)\n"
    }
    Self.assertSameAsOnePass(Array(text.utf8), "late types")
  }

  @Test func errorsAreReportedAsInOnePass() {
    var text = "a,b\n"
    for i in 0..<300 { text += "\(i),\(i * 2)\n" }
    Self.assertSameAsOnePass(Array((text + "1,2,3\n" + text.dropFirst(4)).utf8), "ragged row late")
    Self.assertSameAsOnePass(Array((text + "1,x\"y\n").utf8), "stray quote late")
    Self.assertSameAsOnePass(Array((text + "1,\"open\n2,3\n").utf8), "unterminated quote late")
    Self.assertSameAsOnePass(Array(text.utf8) + [0x31, 0x2C, 0xFF, 0x0A], "invalid UTF-8 late")
  }

  @Test func oneColumnBlankLinesAreNullRows() {
    var text = "x\n"
    for i in 0..<500 { text += i % 9 == 0 ? "\n" : "\(i)\n" }
    Self.assertSameAsOnePass(Array(text.utf8), "one column")
  }

  @Test func mutatedInputs() {
    var generator = SeededGenerator(seed: 7)
    var seed = ReaderFuzzTests.csvSeed
    for _ in 0..<6 { seed += Array("4,\"q\"\"\n\",9.5,2024-02-03\n5,y,,\n".utf8) }
    for index in 0..<1_000 {
      let input = ReaderFuzzTests.mutate(seed, &generator)
      Self.assertSameAsOnePass(input, "mutated input \(index)")
    }
  }
}

extension String {
  fileprivate func replacingOccurrences(_ a: String, _ b: String) -> String {
    split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
  }
}
