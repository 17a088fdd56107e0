import ChisoCore
import ChisoEngine
import ChisoRender
import ChisoSyntax
import Foundation
import Testing

/// The bad-input catalogue's files on disk (the rest is in `Tests/QueryTests/Cases/bad-input/`):
/// binary and non-UTF-8 files, empty files, ragged rows, duplicate column names, missing files, a
/// folder where a file should be. Each gives its exact message, naming the file (shown here as
/// `$DATA/…`), the line and column, and a help line where there is something to do; the query
/// that named the table is located too.
@Suite struct BadInputFileTests {
  /// A fresh folder of bad files, so that the messages name predictable files.
  static let folder: String = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-bad-input-\(getpid())")
    try? FileManager.default.removeItem(at: url)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    let files: [String: [UInt8]] = [
      "binary.csv": [0x00, 0x01, 0xFF, 0xFE, 0x02],
      // "tên,điểm\nHà Nội,1" in Latin-1-ish bytes: what a spreadsheet's "CSV (Windows)" gives.
      "latin1.csv": [0x74, 0xEA, 0x6E, 0x2C, 0xF0, 0x69, 0xEA, 0x6D, 0x0A, 0x48, 0xE0, 0x20, 0x4E, 0xF4, 0x69, 0x2C, 0x31, 0x0A],
      "utf16.csv": [0xFF, 0xFE] + Array("a,b\n1,2\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
      "empty.csv": [],
      "only_bom.csv": [0xEF, 0xBB, 0xBF],
      "blank_lines.csv": Array("\n\n\n".utf8),
      "header_only.csv": Array("a,b\n".utf8),
      "ragged.csv": Array("a,b\n1,2\n3,4,5\n".utf8),
      "short_row.csv": Array("a,b,c\n1,2,3\n4\n".utf8),
      "unterminated.csv": Array("a,b\n1,\"two\n3,4\n".utf8),
      "duplicate_names.csv": Array("a,a,b\n1,2,3\n".utf8),
      "bom.csv": [0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2\r\n".utf8),
      "malformed.json": Array("[{\"a\": 1}, {\"a\": ]".utf8),
      "truncated.json": Array("{\"columns\": [\"a\"], \"data\": [[1], [2".utf8),
    ]
    for (name, bytes) in files { FileManager.default.createFile(atPath: url.appendingPathComponent(name).path, contents: Data(bytes)) }
    try? FileManager.default.createDirectory(at: url.appendingPathComponent("folder.csv"), withIntermediateDirectories: true)
    return url.path
  }()

  /// What the query gives: its CSV, or its error as the test cases render it, with the folder
  /// written `$DATA`.
  static func outcome(_ query: String) -> String {
    let session = Session(dataDirectories: [folder])
    let source = SourceFile(name: "<query>", text: query)
    do {
      let table = try session.run(source)
      return Renderer.render(table, as: .csv, style: TableStyle()).replacingOccurrences(of: folder, with: "$DATA")
    } catch {
      switch error {
      case .query(let d): return DiagnosticRenderer.render(d, source: source).replacingOccurrences(of: folder, with: "$DATA")
      case .data(let e, let span):
        #expect(span != nil, "\(query): the data error is not located in the query")
        return DiagnosticRenderer.render(e).replacingOccurrences(of: folder, with: "$DATA")
      }
    }
  }

  static let invalidUTF8Help = "  = help: the file must be UTF-8 encoded; convert it with `iconv -f <encoding> -t UTF-8`\n"
  static let emptyHelp = "  = help: a CSV file needs at least a header row\n"

  @Test(arguments: [
    ("from binary", "error: $DATA/binary.csv:1:3: invalid UTF-8\n" + invalidUTF8Help),
    ("from latin1", "error: $DATA/latin1.csv:1:2: invalid UTF-8\n" + invalidUTF8Help),
    ("from utf16", "error: $DATA/utf16.csv:1:1: invalid UTF-8\n" + invalidUTF8Help),
    ("from empty", "error: $DATA/empty.csv:1:1: empty file\n" + emptyHelp),
    ("from only_bom", "error: $DATA/only_bom.csv:1:1: empty file\n" + emptyHelp),
    ("from blank_lines", "error: $DATA/blank_lines.csv:1:1: empty file\n" + emptyHelp),
    ("from ragged", "error: $DATA/ragged.csv:3:5: row has 3 fields, header has 2\n  = help: quote fields that contain the delimiter\n"),
    ("from short_row", "error: $DATA/short_row.csv:3:2: row has 1 field, header has 3\n  = help: every row needs a value (possibly empty) for each column\n"),
    ("from unterminated", "error: $DATA/unterminated.csv:2:3: unterminated quoted field\n  = help: a field that starts with \" must end with \" (write a quote inside it as \"\")\n"),
    ("from malformed", "error: $DATA/malformed.json:1:18: unexpected ']', expected a value\n"),
    ("from truncated", "error: $DATA/truncated.json:1:36: unexpected end of input, expected ',' or ']'\n"),
    ("from folder", "error: $DATA/folder.csv: is a directory, not a file\n"),
    ("from (read_csv \"no/such/file.csv\")", "error: no/such/file.csv: no such file\n"),
    ("from (read_json \"$DATA/binary.csv\")", "error: $DATA/binary.csv:1:1: expected a JSON array or object\n  = help: expected a JSON array of objects, or {\"columns\": [...], \"data\": [[...], ...]}\n"),
  ])
  func brokenFilesAreLocatedErrors(_ query: String, _ expected: String) {
    #expect(Self.outcome(query.replacingOccurrences(of: "$DATA", with: Self.folder)) == expected)
  }

  @Test func tolerableFilesRead() {
    // A header without rows is an empty table; a BOM and CRLF are accepted; a repeated column
    // name is kept apart with a suffix rather than silently losing a column.
    #expect(Self.outcome("from header_only") == "a,b\n")
    #expect(Self.outcome("from bom") == "a,b\n1,2\n")
    #expect(Self.outcome("from duplicate_names") == "a,a_1,b\n1,2,3\n")
  }

  @Test func missingTableSuggestsAndListsTables() {
    let out = Self.outcome("from raged")
    #expect(out.hasPrefix("error: unknown table `raged`\n --> <query>:1:6\n"))
    #expect(out.contains("did you mean `ragged`?"))
    #expect(out.contains("= help: tables: binary, blank_lines, bom, duplicate_names, empty, folder, header_only"))
  }
}
