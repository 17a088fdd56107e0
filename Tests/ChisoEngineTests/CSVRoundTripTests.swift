import ChisoEngine
import Testing

/// Random tables written as CSV (quoting what needs it) read back equal, types included.
@Suite struct CSVRoundTripTests {
  static let kinds: [DataType] = [.int, .float, .bool, .text, .date, .timestamp]
  static let textPieces = [
    "a", "Z", " ", ",", "\"", "\"\"", "\n", "\r\n", "Hà Nội", "Vie\u{0323}\u{0302}t", "Vi\u{1EC7}t", "ß", "😀", "1",
    "-", ".", "\t", "'", "true", "2024-01-01",
  ]

  /// A random value of `type`; text always starts with a letter so it cannot sniff as
  /// another type.
  static func value(_ type: DataType, _ generator: inout SeededGenerator) -> Value {
    switch type {
    case .int:
      switch Int.random(in: 0..<4, using: &generator) {
      case 0: return .int(Int64.random(in: -100...100, using: &generator))
      case 1: return .int([Int64.min, Int64.max, 0][Int.random(in: 0..<3, using: &generator)])
      default: return .int(Int64.random(in: Int64.min...Int64.max, using: &generator))
      }
    case .float:
      switch Int.random(in: 0..<3, using: &generator) {
      case 0: return .float(Double(Int.random(in: -100_000...100_000, using: &generator)) / 100)
      case 1:
        let bits = generator.next() & 0xFFEF_FFFF_FFFF_FFFF  // finite, any sign
        return .float(Double(bitPattern: bits))
      default: return .float(Double.random(in: -1e6...1e6, using: &generator))
      }
    case .bool: return .bool(Bool.random(using: &generator))
    case .date: return .date(Int32.random(in: -300_000...2_900_000, using: &generator))
    case .timestamp:
      let micros = Int64.random(in: -300_000...2_900_000, using: &generator) * CivilDate.microsPerDay
      let offset = Bool.random(using: &generator) ? Int64.random(in: 0..<CivilDate.microsPerDay, using: &generator) : 0
      return .timestamp(micros + offset)
    case .text:
      if Int.random(in: 0..<8, using: &generator) == 0 { return .text("") }
      var text = ["x", "Đ", "ư", "Q"][Int.random(in: 0..<4, using: &generator)]
      for _ in 0..<Int.random(in: 0...4, using: &generator) {
        text += textPieces[Int.random(in: 0..<textPieces.count, using: &generator)]
      }
      return .text(text)
    case .null: return .null
    }
  }

  static func field(_ value: Value, delimiter: Character) -> String {
    switch value {
    case .null: return ""
    case .float(let double): return "\(double)"  // shortest round-trip form
    case .text(let text):
      let needsQuotes =
        text.isEmpty || text.unicodeScalars.contains { $0 == "\"" || $0 == "\n" || $0 == "\r" || Character($0) == delimiter }
      guard needsQuotes else { return text }
      var quoted = "\""
      for scalar in text.unicodeScalars {
        if scalar == "\"" { quoted += "\"" }
        quoted.unicodeScalars.append(scalar)
      }
      return quoted + "\""
    default: return value.description
    }
  }

  @Test func randomTablesRoundTrip() throws {
    var generator = SeededGenerator(seed: 2024)
    for caseIndex in 0..<200 {
      let columnCount = Int.random(in: 1...6, using: &generator)
      let rowCount = Int.random(in: 0...30, using: &generator)
      let tab = Bool.random(using: &generator)
      let delimiter: Character = tab ? "\t" : ","
      let names = (0..<columnCount).map { index -> String in
        ["id", "tên", "a,b", "q\"q", "x y"][Int.random(in: 0..<5, using: &generator)] + "\(index)"
      }
      let types = (0..<columnCount).map { _ in Self.kinds[Int.random(in: 0..<Self.kinds.count, using: &generator)] }
      let nullRate = Int.random(in: 0...3, using: &generator)
      var rows: [[Value]] = []
      for row in 0..<rowCount {
        rows.append(
          types.map { type -> Value in
            // A null in a one-column table's last row would be a blank trailing line, which
            // CSV cannot tell from no row at all.
            let mayBeNull = !(columnCount == 1 && row == rowCount - 1)
            if mayBeNull, nullRate > 0, Int.random(in: 0..<(10 / nullRate), using: &generator) == 0 { return .null }
            return Self.value(type, &generator)
          })
      }
      var text = names.map { Self.field(.text($0), delimiter: delimiter) }.joined(separator: String(delimiter))
      let newline = Bool.random(using: &generator) ? "\r\n" : "\n"
      for row in rows {
        text += newline + row.map { Self.field($0, delimiter: delimiter) }.joined(separator: String(delimiter))
      }
      if Bool.random(using: &generator) { text += newline }

      let options = CSVOptions(delimiter: tab ? UInt8(ascii: "\t") : UInt8(ascii: ","))
      let table = try readCSV(text, options: options)
      #expect(table.names == names, "case \(caseIndex)")
      #expect(table.rowCount == rowCount, "case \(caseIndex)")
      for (index, type) in types.enumerated() {
        let column = rows.map { $0[index] }
        // A column without values has no type to find: it reads as text.
        let expectedType = column.allSatisfy { $0.isNull } ? DataType.text : type
        #expect(table.columns[index].type == expectedType, "case \(caseIndex) column \(index)")
      }
      let actual = table.rows
      guard actual.count == rows.count else { continue }
      for (rowIndex, (got, want)) in zip(actual, rows).enumerated() where !sameBytes(got, want) {
        Issue.record("case \(caseIndex) row \(rowIndex): \(got) != \(want)\n\(text)")
        break
      }
    }
  }

  /// Row equality with text compared by bytes (String `==` would equate NFC and NFD).
  func sameBytes(_ a: [Value], _ b: [Value]) -> Bool {
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b) {
      switch (x, y) {
      case (.text(let s), .text(let t)): if Array(s.utf8) != Array(t.utf8) { return false }
      case (.float(let d), .float(let e)): if d.bitPattern != e.bitPattern { return false }
      default: if x != y { return false }
      }
    }
    return true
  }
}
