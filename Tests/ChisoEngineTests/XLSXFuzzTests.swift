import ChisoEngine
import Foundation
import Testing
import ZIPFoundation

/// Mutated workbooks must give a table or a located error, never a crash: random bytes in the
/// XML of a sheet (packed into a valid zip, so the XML parser and the cell reader see them), and
/// random bytes in the zip itself.
@Suite struct XLSXFuzzTests {
  static var iterations: Int {
    (ProcessInfo.processInfo.environment["CHISO_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 3_000) / 10
  }

  /// The parts of `basic.xlsx`, by name.
  static func parts() throws -> [(String, Data)] {
    let archive = try Archive(url: URL(fileURLWithPath: XLSXFixtures.path("basic.xlsx")), accessMode: .read)
    var out: [(String, Data)] = []
    for entry in archive {
      var data = Data()
      _ = try archive.extract(entry) { data.append($0) }
      out.append((entry.path, data))
    }
    return out
  }

  static func pack(_ parts: [(String, Data)]) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    for (path, data) in parts {
      try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
        position, size in data.subdata(in: Int(position)..<(Int(position) + size))
      }
    }
    return archive.data ?? Data()
  }

  static func mutate(_ bytes: inout [UInt8], _ rng: inout SeededGenerator) {
    let alphabet = Array("<>/=\"' &;:xvcrt0123456789AZ_\n".utf8) + [0xC3, 0xA0, 0xFF, 0x00]
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
      guard !bytes.isEmpty else { return }
      let at = Int.random(in: 0..<bytes.count, using: &rng)
      switch Int.random(in: 0..<3, using: &rng) {
      case 0: bytes[at] = alphabet.randomElement(using: &rng) ?? 0
      case 1: bytes.remove(at: at)
      default: bytes.insert(alphabet.randomElement(using: &rng) ?? 0, at: at)
      }
    }
  }

  @Test func mutatedSheetXML() throws {
    let original = try Self.parts()
    var rng = SeededGenerator(seed: 0x5EED_0011)
    for _ in 0..<Self.iterations {
      var parts = original
      let target = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/styles.xml",
                    "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet2.xml"].randomElement(using: &rng) ?? ""
      if let index = parts.firstIndex(where: { $0.0 == target }) {
        var bytes = [UInt8](parts[index].1)
        Self.mutate(&bytes, &rng)
        parts[index].1 = Data(bytes)
      }
      let data = try Self.pack(parts)
      for sheet in [nil, "Dates 1900"] {
        do {
          let t = try XLSXReader.read(data: data, name: "fuzz.xlsx", sheet: sheet)
          for c in t.columns { #expect(c.count == t.rowCount) }
        } catch {
          #expect(!error.message.isEmpty)
          #expect(error.file == "fuzz.xlsx")
        }
      }
    }
  }

  @Test func mutatedZipBytes() throws {
    let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: XLSXFixtures.path("basic.xlsx"))))
    var rng = SeededGenerator(seed: 0x5EED_0012)
    for _ in 0..<Self.iterations {
      var bytes = original
      Self.mutate(&bytes, &rng)
      do {
        _ = try XLSXReader.read(data: Data(bytes), name: "fuzz.xlsx")
      } catch {
        #expect(!error.message.isEmpty)
      }
    }
  }
}
