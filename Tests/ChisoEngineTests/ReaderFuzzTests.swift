import ChisoEngine
import Foundation
import Testing

/// Mutated inputs must give a table or a located error, never a crash.
///
/// `CHISO_FUZZ_ITERATIONS` inputs per test (default 3,000; the long run uses 1,000,000) from
/// `CHISO_FUZZ_SEED` (default: the fixed seeds below).
@Suite struct ReaderFuzzTests {
  static var iterations: Int {
    ProcessInfo.processInfo.environment["CHISO_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 3_000
  }
  static func seed(_ fixed: UInt64) -> UInt64 {
    ProcessInfo.processInfo.environment["CHISO_FUZZ_SEED"].flatMap(UInt64.init).map { $0 &+ fixed } ?? fixed
  }
  /// More shapes to mutate: TSV, CRLF and BOM, timestamps with nanoseconds (as Chinook's), ragged
  /// rows, quoted newlines and delimiters, long numbers, zero-padded codes.
  static let moreCSVSeeds: [[UInt8]] = [
    Array("year\tgso_code\tprovince\tscore\r\n2016\t01\t\"Hà\tNội\"\t70.001396\r\n2016\t02\t\"\"\t\r\n".utf8),
    Array("employee_id,birth_date,reports_to\n1,1962-02-18T00:00:00.000000000,6\n2,,\n3,1958-12-08T23:59:59.999999999,1\n".utf8),
    Array("\u{FEFF}a,b,c\n1,2\n3,4,5,6\n\"x\ny\",\"a,b\",\"\"\"\"\n9223372036854775807,-9223372036854775809,1e400\n".utf8),
    Array("code,flag,day\n007,true,2020-02-29\n010,FALSE,2019-02-29\n,null,24:00\n".utf8),
  ]

  static let csvSeed = Array(
    "\u{FEFF}id,tên,\"giá, đồng\",ngày\r\n1,Hà Nội,\"1.5\",2024-01-01\n02,\"a \"\"b\"\"\nc\",,2024-01-01 10:00:00\n\n3,x,7,\n".utf8)
  static let jsonSeed = Array(
    #"[{"a": 1, "b": "Hà\n\u00e9\ud83d\ude00", "c": [1, {"d": null}], "e": true}, {"a": 2.5e3, "f": -0}]"#.utf8)
  static let alphabet = Array(",\"\r\n\t{}[]:\\u0123456789.eE-+ tfn".utf8) + [0xC3, 0xA0, 0xFF, 0xED, 0x00]

  static func mutate(_ seed: [UInt8], _ generator: inout SeededGenerator) -> [UInt8] {
    var bytes = seed
    for _ in 0..<Int.random(in: 1...4, using: &generator) {
      let position = Int.random(in: 0...bytes.count, using: &generator)
      let byte = alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
      switch Int.random(in: 0..<3, using: &generator) {
      case 0: bytes.insert(byte, at: position)
      case 1: if position < bytes.count { bytes[position] = byte }
      default: if position < bytes.count { bytes.remove(at: position) }
      }
    }
    if Int.random(in: 0..<10, using: &generator) == 0 {
      bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
    }
    return bytes
  }

  @Test func mutatedCSV() {
    var generator = SeededGenerator(seed: Self.seed(99))
    let seeds = [Self.csvSeed] + Self.moreCSVSeeds
    for i in 0..<Self.iterations {
      let seed = seeds[i % seeds.count]
      let input = Self.mutate(seed, &generator)
      let options = seed.contains(UInt8(ascii: "\t")) ? CSVOptions(delimiter: UInt8(ascii: "\t")) : CSVOptions()
      do {
        let table = try CSVReader.read(bytes: input, name: "f.csv", options: options)
        #expect(table.columns.allSatisfy { $0.count == table.rowCount })
      } catch {
        // Only whole-input problems lack a location.
        #expect(error.line != nil || error.message == "too many distinct text values (more than 4 billion)")
        #expect(error.column != nil)
      }
    }
  }

  @Test func mutatedJSON() {
    var generator = SeededGenerator(seed: Self.seed(100))
    for _ in 0..<Self.iterations {
      let input = Self.mutate(Self.jsonSeed, &generator)
      do {
        let table = try JSONReader.read(bytes: input, name: "f.json")
        #expect(table.columns.allSatisfy { $0.count == table.rowCount })
      } catch {
        #expect(error.line != nil)
        #expect(error.column != nil)
      }
    }
  }

  /// Bytes with no structure at all (binary files, wrong encodings) through both readers.
  @Test func randomBytes() {
    var generator = SeededGenerator(seed: Self.seed(101))
    for _ in 0..<Self.iterations {
      let count = Int.random(in: 0...200, using: &generator)
      let input = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      do {
        let table = try CSVReader.read(bytes: input, name: "f.csv")
        #expect(table.columns.allSatisfy { $0.count == table.rowCount })
      } catch {
        #expect(!error.message.isEmpty)
      }
      do {
        let table = try JSONReader.read(bytes: input, name: "f.json")
        #expect(table.columns.allSatisfy { $0.count == table.rowCount })
      } catch {
        #expect(!error.message.isEmpty)
      }
    }
  }
}
