import ChisoEngine
import Foundation
import Testing

/// The workbooks written by `Fixtures/xlsx/make_fixtures.py` (committed), and VCCI's own PCI
/// workbooks bundled in `Datasets/sources/`.
enum XLSXFixtures {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/xlsx").path
  static func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
  static let vcci = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Datasets/sources/vcci-pci-2017-2019").path
  static func vcciBook(_ year: Int) -> String { (vcci as NSString).appendingPathComponent("PCI_\(year).xlsx") }
}

func xlsxError(_ path: String, sheet: String? = nil, range: String? = nil) -> DataError? {
  do {
    _ = try XLSXReader.read(path: path, sheet: sheet, range: range)
    return nil
  } catch {
    return error
  }
}

@Suite struct XLSXReaderTests {
  func column(_ table: Table, _ name: String) -> [Value] {
    guard let index = table.index(of: name) else { return [] }
    return (0..<table.rowCount).map { table.columns[index].value(at: $0) }
  }

  @Test func sheetNamesInTabOrder() throws {
    #expect(try XLSXReader.sheetNames(path: XLSXFixtures.path("basic.xlsx")) == ["Provinces", "Dates 1900", "Hidden"])
  }

  @Test func headerRowNamesTheColumnsAndTypesAreInferred() throws {
    let t = try XLSXReader.read(path: XLSXFixtures.path("basic.xlsx"))
    // A line break in a header cell becomes a space; names with spaces stay as they are.
    #expect(t.names == ["gso_code", "province", "PCI score", "Rank", "ok", "year as text", "note"])
    #expect(t.rowCount == 3)
    #expect(t.columns.map(\.type) == [.text, .text, .float, .int, .bool, .int, .text])
    // "01" is a code (text, leading zero kept); "12" and the inline "66" are text beside it.
    #expect(column(t, "gso_code") == [.text("01"), .text("12"), .text("66")])
    // Shared strings in NFC, rich-text runs joined.
    #expect(column(t, "province") == [.text("Hà Nội"), .text("Lai Châu"), .text("Đắk Lắk")])
    #expect(column(t, "PCI score") == [.float(68.803558349609375), .float(59.951847076416016), .null])
    // An error value (#N/A) is null, like the empty cell above it.
    #expect(column(t, "Rank") == [.int(9), .int(63), .null])
    #expect(column(t, "ok") == [.bool(true), .bool(false), .null])
    // Numbers stored as text are typed as a CSV reader types them; an empty string is null.
    #expect(column(t, "year as text") == [.int(2019), .int(2018), .null])
    // Inline string; `_x000D_` escape; the phonetic guide is not part of the value.
    #expect(column(t, "note") == [.text("inline text"), .text("line\rbreak"), .text("Tokyo")])
  }

  @Test func datesInThe1900System() throws {
    let t = try XLSXReader.read(path: XLSXFixtures.path("basic.xlsx"), sheet: "Dates 1900")
    #expect(t.columns.map(\.type) == [.date, .date, .timestamp, .float, .float, .float, .date])
    #expect(column(t, "when").map(\.description) == ["2020-01-01", "1900-02-28"])
    // A custom format (dd/mm/yyyy) is a date too; 61 is 1900-03-01 past Excel's phantom 29 February.
    #expect(column(t, "custom").map(\.description) == ["2021-01-01", "1900-03-01"])
    #expect(column(t, "stamp").map(\.description) == ["2021-01-01 12:00:00", "1900-01-01 06:00:00"])
    // Times of day, percentages and number formats with quoted text stay numbers.
    #expect(column(t, "time") == [.float(0.5), .float(0.75)])
    #expect(column(t, "share") == [.float(0.25), .float(1)])
    #expect(column(t, "days") == [.float(3), .float(4.5)])
    // Cells of type `d` (ISO 8601 text).
    #expect(column(t, "iso").map(\.description) == ["2024-02-29", "2024-03-01"])
  }

  @Test func datesInThe1904System() throws {
    let t = try XLSXReader.read(path: XLSXFixtures.path("dates1904.xlsx"))
    #expect(column(t, "when").map(\.description) == ["1904-01-01", "2020-01-01"])
    #expect(column(t, "stamp").map(\.description) == ["2020-01-01 18:00:00", "1904-01-02 00:00:00"])
  }

  @Test func sheetNamesIgnoreCase() throws {
    let t = try XLSXReader.read(path: XLSXFixtures.path("basic.xlsx"), sheet: "dates 1900")
    #expect(t.names.first == "when")
  }

  @Test func missingSheetSuggestsTheClosestName() throws {
    let e = try #require(xlsxError(XLSXFixtures.path("basic.xlsx"), sheet: "Province"))
    #expect(e.message == "the workbook has no sheet named \"Province\"")
    #expect(e.hint?.hasPrefix("did you mean \"Provinces\"?") == true)
    #expect(e.hint?.contains("\"Dates 1900\"") == true)
    let far = try #require(xlsxError(XLSXFixtures.path("basic.xlsx"), sheet: "Zzzzzzzzzz"))
    #expect(far.hint?.hasPrefix("sheets: ") == true)
  }

  @Test func rangeSelectsCellsAndItsFirstRowIsTheHeader() throws {
    let t = try XLSXReader.read(path: XLSXFixtures.path("basic.xlsx"), range: "B1:D3")
    #expect(t.names == ["province", "PCI score", "Rank"])
    #expect(t.rowCount == 2)
    // Corners in any order; `$` markers allowed.
    let u = try XLSXReader.read(path: XLSXFixtures.path("basic.xlsx"), range: "$D$3:B1")
    #expect(u.names == t.names && u.rowCount == 2)
    // Whole columns.
    let w = try XLSXReader.read(path: XLSXFixtures.path("basic.xlsx"), range: "A:B")
    #expect(w.names == ["gso_code", "province"] && w.rowCount == 3)
  }

  @Test func withoutHeaderColumnsAreNamedByLetter() throws {
    let t = try XLSXReader.read(path: XLSXFixtures.path("basic.xlsx"), range: "B2:C3", header: false)
    #expect(t.names == ["B", "C"])
    #expect(column(t, "B") == [.text("Hà Nội"), .text("Lai Châu")])
  }

  @Test func aRangeWiderThanTheDataKeepsEmptyColumnsAndDropsTrailingEmptyRows() throws {
    let t = try XLSXReader.read(path: XLSXFixtures.path("basic.xlsx"), range: "A1:H50")
    #expect(t.names.last == "column7")
    #expect(t.columns[7].type == .null)
    #expect(t.rowCount == 3)
  }

  @Test func formulasAreReadThroughTheirCachedValues() throws {
    let t = try XLSXReader.read(path: XLSXFixtures.path("formulas.xlsx"), range: "A1:B5")
    // A blank row inside the data stays a row of nulls; the summary row's formulas have values.
    #expect(column(t, "name") == [.text("x"), .text("y"), .null, .text("total")])
    #expect(column(t, "a") == [.int(2), .int(3), .null, .int(5)])
  }

  @Test func aFormulaWithoutACachedValueIsALocatedError() throws {
    let e = try #require(xlsxError(XLSXFixtures.path("formulas.xlsx")))
    #expect(e.sheet == "Calc")
    #expect(e.cell == "C3")
    #expect(e.message.contains("formula without a cached value"))
    #expect(e.description.hasPrefix(XLSXFixtures.path("formulas.xlsx") + ": sheet 'Calc'!C3: "))
    // Outside the range, the same cell is no problem.
    #expect(xlsxError(XLSXFixtures.path("formulas.xlsx"), range: "A1:B3") == nil)
  }

  @Test func namespacePrefixesMissingReferencesAndAbsoluteTargets() throws {
    let t = try XLSXReader.read(path: XLSXFixtures.path("prefixed.xlsx"))
    #expect(t.names == ["a", "b"])
    #expect(column(t, "a") == [.int(1), .int(3)])
    // A number and a text in one column: text, the number as it was stored.
    #expect(column(t, "b") == [.text("2.5"), .text("n/a")])
  }

  @Test func brokenWorkbooksGetClearErrors() throws {
    let cases: [(String, String)] = [
      ("not_a_zip.xlsx", "not an .xlsx workbook: the file is not a zip archive"),
      ("legacy.xlsx", "an old binary Excel workbook (.xls), not an .xlsx workbook"),
      ("no_workbook.xlsx", "not an .xlsx workbook: the archive has no xl/workbook.xml"),
      ("missing.xlsx", "no such file"),
    ]
    for (file, message) in cases {
      let e = try #require(xlsxError(XLSXFixtures.path(file)), "\(file)")
      #expect(e.message == message, "\(file)")
      #expect(e.file == XLSXFixtures.path(file))
    }
    let malformed = try #require(xlsxError(XLSXFixtures.path("malformed.xlsx")))
    #expect(malformed.sheet == "Broken")
    #expect(malformed.message.contains("is not well-formed XML (line 2"))
    #expect(malformed.message.hasSuffix("an element is closed by the wrong tag"))
    let shared = try #require(xlsxError(XLSXFixtures.path("bad_shared_string.xlsx")))
    #expect(shared.cell == "A2" && shared.message.contains("shared string 7"))
    let huge = try #require(xlsxError(XLSXFixtures.path("huge_extent.xlsx")))
    #expect(huge.message.contains("1048575 rows × 16384 columns"))
    #expect(try XLSXReader.read(path: XLSXFixtures.path("huge_extent.xlsx"), range: "A1:A2", header: false).rowCount == 1)
    let range = try #require(xlsxError(XLSXFixtures.path("basic.xlsx"), range: "A1-C3"))
    #expect(range.message == "`A1-C3` is not a cell range")
  }

  @Test func anEmptySheetIsAnEmptyTable() throws {
    let t = try XLSXReader.read(path: XLSXFixtures.path("empty_sheet.xlsx"))
    #expect(t.columnCount == 0 && t.rowCount == 0)
  }

  @Test func cellReferencesAndRanges() {
    #expect(XLSXCellReference.parse("A1") == XLSXCellReference(row: 0, column: 0))
    #expect(XLSXCellReference.parse("$XFD$1048576") == XLSXCellReference(row: 1_048_575, column: 16_383))
    #expect(XLSXCellReference.parse("XFE1") == nil)
    #expect(XLSXCellReference.parse("A0") == nil)
    #expect(XLSXCellReference.parse("A01") == nil)
    #expect(XLSXCellReference.parse("A1048577") == nil)
    #expect(XLSXCellReference.parse("1A") == nil)
    #expect(XLSXCellReference(row: 65, column: 27).description == "AB66")
    #expect(XLSXCellReference.columnName(701) == "ZZ")
    #expect(XLSXCellReference.columnName(702) == "AAA")
    #expect(XLSXRange.parse("A1:N64")?.description == "A1:N64")
    #expect(XLSXRange.parse("N64:A1")?.description == "A1:N64")
    #expect(XLSXRange.parse("c:a")?.description == "A:C")
    #expect(XLSXRange.parse("B2")?.description == "B2:B2")
    for bad in ["", ":", "A1:", "A1:B2:C3", "A-1", "1:2", "A1:2"] { #expect(XLSXRange.parse(bad) == nil, "\(bad)") }
  }

  /// VCCI's own PCI 2019 workbook: the figures the seed article quotes.
  @Test func vcciWorkbook2019() throws {
    let path = XLSXFixtures.vcciBook(2019)
    #expect(try XLSXReader.sheetNames(path: path) == [
      "Summary", "Entry Costs", "Land Access", "Transparency", "Time Costs", "Informal Charges", "Bias",
      "Proactivity", "BSS", "Labor Training", "Law & Order",
    ])
    let t = try XLSXReader.read(path: path, sheet: "Summary", range: "A1:M64")
    #expect(t.rowCount == 63 && t.columnCount == 13)
    #expect(t.names.prefix(3) == ["Province", "Rank", "The Weighted PCI Score"])
    let row = try #require(column(t, "Province").firstIndex(of: .text("Lai Chau")))
    #expect(t.columns[1].value(at: row) == .int(63))
    let score = try #require(t.columns[2].value(at: row).asDouble)
    #expect(abs(score - 59.95) < 0.005)
    // The whole sheet: a blank row, then formula rows (Hà Nội again, Min, Median, Max) with values.
    let whole = try XLSXReader.read(path: path)
    #expect(whole.rowCount == 68)
    #expect(column(whole, "Province").suffix(3) == [.text("Min"), .text("Median"), .text("Max")])
  }
}
