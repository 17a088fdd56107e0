import ChisoEngine
import Testing

/// Mutated inputs must give a table or a located error, never a crash.
@Suite struct ReaderFuzzTests {
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
    var generator = SeededGenerator(seed: 99)
    for _ in 0..<3_000 {
      let input = Self.mutate(Self.csvSeed, &generator)
      do {
        let table = try CSVReader.read(bytes: input, name: "f.csv")
        #expect(table.columns.allSatisfy { $0.count == table.rowCount })
      } catch {
        // Only whole-input problems lack a location.
        #expect(error.line != nil || error.message == "too many distinct text values (more than 4 billion)")
        #expect(error.column != nil)
      }
    }
  }

  @Test func mutatedJSON() {
    var generator = SeededGenerator(seed: 100)
    for _ in 0..<3_000 {
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
}
