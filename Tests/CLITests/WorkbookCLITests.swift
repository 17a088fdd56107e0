import Foundation
import Testing

/// Workbooks from the command line, as a user meets them: the "done when" checks.
struct WorkbookCLITests {
  /// `chiso -c 'from pci | filter year == 2019 && province == "Lai Châu" && component == "total"'`
  /// answers 59.95, read from VCCI's workbook by the import.
  @Test func laiChau2019FromTheWorkbook() throws {
    guard let r = try CLITests.run(["--format", "csv", "-c", "from pci | filter year == 2019 && province == \"Lai Châu\" && component == \"total\""]) else { return }
    #expect(r.status == 0)
    #expect(r.stdout == "year,gso_code,province,component,score\n2019,12,Lai Châu,total,59.951847\n")
  }

  /// A workbook in a `--data` folder is a table named by its stem (its first sheet).
  @Test func workbookInADataFolderIsATable() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-xlsx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let book = CLITests.packageRoot.appendingPathComponent("Datasets/sources/vcci-pci-2017-2019/PCI_2019.xlsx")
    try FileManager.default.copyItem(at: book, to: folder.appendingPathComponent("PCI_2019.xlsx"))
    // Excel's lock file beside an open workbook is not a table.
    try Data("lock".utf8).write(to: folder.appendingPathComponent("~$PCI_2019.xlsx"))
    guard let r = try CLITests.run([
      "--data", folder.path, "--format", "csv", "-c",
      "from PCI_2019 | filter Province == \"Lai Chau\" | select {Province, Rank, s = (`The Weighted PCI Score` | math.round 2)}",
    ]) else { return }
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == "Province,Rank,s\nLai Chau,63,59.95\n")
    guard let t = try CLITests.run(["--data", folder.path, "-c", "from PCI_2019 | take 1"], stdin: nil) else { return }
    #expect(t.status == 0)
  }

  @Test func badWorkbookIsALocatedErrorWithExitOne() throws {
    guard let r = try CLITests.run(["-c", "read_xlsx \"Tests/ChisoEngineTests/Fixtures/xlsx/formulas.xlsx\""]) else { return }
    #expect(r.status == 1)
    #expect(r.stderr.contains("formulas.xlsx: sheet 'Calc'!C3: the cell holds a formula without a cached value"))
    guard let s = try CLITests.run(["-c", "read_xlsx \"Datasets/sources/vcci-pci-2017-2019/PCI_2019.xlsx\" sheet:\"Summery\""]) else { return }
    #expect(s.status == 1)
    #expect(s.stderr.contains("did you mean \"Summary\"?"))
    #expect(s.stderr.contains("sheet:\"Summery\""))
  }

  /// An empty or partial year says why on standard error; the result itself is unchanged.
  @Test func coverageWarnings() throws {
    guard let r = try CLITests.run(["--format", "csv", "-c", "from pci | filter year == 2030"]) else { return }
    #expect(r.status == 0)
    #expect(r.stderr.contains("warning: `pci` has no year 2030"))
    guard let s = try CLITests.run(["--format", "csv", "--warnings", "full", "-c", "from pci | filter component == \"total\" && year == 2021 | ranked score"]) else { return }
    #expect(s.stderr.contains("warning: pci 2021 covers 27 of 63 provinces"))
    #expect(s.stderr.contains("from pci_ranks | filter year == 2021"))
    guard let t = try CLITests.run(["--format", "csv", "-c", "from pci | filter province == \"TP.HCM\""]) else { return }
    #expect(t.stderr.contains("the data spells it \"TP. Hồ Chí Minh\""))
  }

  /// `--describe pci` lists the incomplete years.
  @Test func describeShowsCoverage() throws {
    guard let r = try CLITests.run(["--describe", "pci"]) else { return }
    #expect(r.status == 0)
    #expect(r.stdout.contains("2021: composite for 27 of 63"))
  }

  /// The import's chiso scripts read VCCI's workbooks as the build does.
  @Test func importScriptReadsTheWorkbook() throws {
    guard let r = try CLITests.run([
      "--data", "Datasets", "--format", "csv", "--param", "book=Datasets/sources/vcci-pci-2017-2019/PCI_2017.xlsx",
      "--param", "book_year=2017", "Datasets/import/pci_workbook_summary.prql",
    ]) else { return }
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 1 + 63 * 11)
    #expect(!r.stdout.contains(",,,"))  // every name mapped to a GSO code
  }
}
