import ChisoEngine
import Testing

@testable import ChisoRender

/// The display precision: what an analyst reads, never what is stored.
struct NumberStyleTests {
  static func floats(_ values: [Double?]) -> Table {
    Table(names: ["x"], columns: [Column.from(values.map { $0.map(Value.float) ?? .null }, type: .float)], rowCount: values.count)
  }

  static func cells(_ table: Table, _ numbers: NumberStyle, format: OutputFormat = .csv) -> [String] {
    let text = Renderer.render(table, as: format, style: TableStyle(numbers: numbers))
    return text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().filter { !$0.isEmpty }.map(String.init)
  }

  @Test func floatNoiseDisappearsAtSevenDigits() {
    #expect(FloatSpelling.spell(0.6040530000000001, significantDigits: 7, decimals: nil) == "0.604053")
    #expect(FloatSpelling.spell(0.5000003305800277, significantDigits: 7, decimals: nil) == "0.5000003")
    #expect(FloatSpelling.spell(54.45909966116006, significantDigits: 7, decimals: nil) == "54.4591")
    #expect(FloatSpelling.spell(3.0944083333333334, significantDigits: 7, decimals: nil) == "3.094408")
    #expect(FloatSpelling.spell(70.0, significantDigits: 7, decimals: nil) == "70.0")
  }

  @Test func roundingWorksOnTheDigitsShownAndCarries() {
    #expect(FloatSpelling.spell(2.675, significantDigits: nil, decimals: 2) == "2.68")
    #expect(FloatSpelling.spell(9.9999999, significantDigits: 7, decimals: nil) == "10.0")
    #expect(FloatSpelling.spell(0.006, significantDigits: nil, decimals: 2) == "0.01")
    #expect(FloatSpelling.spell(0.004, significantDigits: nil, decimals: 2) == "0.00")
    #expect(FloatSpelling.spell(-0.004, significantDigits: nil, decimals: 2) == "0.00", "no -0.00")
    #expect(FloatSpelling.spell(-1.25, significantDigits: nil, decimals: 1) == "-1.3", "halves away from zero")
    #expect(FloatSpelling.spell(70, significantDigits: nil, decimals: 2) == "70.00")
    #expect(FloatSpelling.spell(1234567.0, significantDigits: nil, decimals: 0) == "1234567")
  }

  @Test func hugeAndTinyValuesGoScientific() {
    #expect(FloatSpelling.spell(1.234567891e20, significantDigits: 7, decimals: nil) == "1.234568e+20")
    #expect(FloatSpelling.spell(0.00001234567891, significantDigits: 3, decimals: nil) == "1.23e-05")
    #expect(FloatSpelling.spell(.nan, significantDigits: 7, decimals: nil) == "nan")
    #expect(FloatSpelling.spell(-.infinity, significantDigits: 7, decimals: nil) == "-inf")
  }

  @Test func aTableColumnSharesItsDecimals() {
    let table = Self.floats([8.58357, 6.020414, nil, 70.0])
    let text = Renderer.render(table, as: .table, style: TableStyle(numbers: .display))
    #expect(text.contains(" 8.583570 │"))
    #expect(text.contains(" 6.020414 │"))
    #expect(text.contains(" 70.000000 │"), "trailing zeros aligned: \(text)")
    #expect(text.contains("null"))
  }

  @Test func exportsKeepEveryDigitUnlessAsked() {
    let table = Self.floats([0.6040530000000001, 1.0 / 3.0])
    #expect(Self.cells(table, .display) == ["0.6040530000000001", "0.3333333333333333"])
    var rounded = NumberStyle(significantDigits: 3, roundsExports: true)
    #expect(Self.cells(table, rounded) == ["0.604", "0.333"])
    rounded.decimalComma = true
    #expect(Self.cells(table, rounded) == ["0.604", "0.333"], "CSV never gets a decimal comma")
    let json = Renderer.render(Self.floats([.nan, 0.5]), as: .json, style: TableStyle(numbers: rounded))
    #expect(json.contains("null") && json.contains("0.5") && !json.contains("nan"))
  }

  @Test func fixedDecimalsAndTheComma() {
    let table = Self.floats([0.75, 0.6, 70])
    let style = NumberStyle(significantDigits: 7, decimalComma: true, columnDecimals: [2])
    let text = Renderer.render(table, as: .table, style: TableStyle(numbers: style))
    #expect(text.contains("│  0,75 │") && text.contains("│  0,60 │") && text.contains("│ 70,00 │"), "\(text)")
    let markdown = Renderer.render(table, as: .markdown, style: TableStyle(numbers: style))
    #expect(markdown.contains("0,60") && markdown.contains("70,00"))
    let full = Renderer.render(table, as: .table, style: TableStyle())
    #expect(full.contains("0.6") && full.contains("70.0") && !full.contains("0.60"), "the library default shows every digit")
  }

  @Test func digitsAreParsedFromEveryShapeOfDouble() {
    for value in [0.1, 123.456, 1e-7, 1e22, 5e-324, 1.7976931348623157e308, 0.0, -2.5, 100.0] {
      let digits = DecimalDigits(value)
      let sign = value < 0 ? "-" : ""
      let mantissa: String = digits.digits.isEmpty ? "0" : digits.digits.map { String($0) }.joined()
      let back = Double(sign + "0." + mantissa + "e" + String(digits.point))
      #expect(back == value, "\(value) → \(digits)")
    }
  }
}
