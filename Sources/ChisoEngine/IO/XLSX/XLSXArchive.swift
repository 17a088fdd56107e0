import Foundation
import ZIPFoundation

/// The zip container of a workbook, read with ZIPFoundation: the parts (`xl/workbook.xml`,
/// `xl/worksheets/sheet1.xml`, …) by name, each inflated into memory with a size limit so that
/// a zip bomb cannot exhaust memory.
struct XLSXArchive {
  /// No part of a real workbook comes near this; a larger one is refused rather than inflated.
  static let maxPartBytes = 512 << 20

  private(set) var file: String
  private let archive: Archive

  /// Opens the workbook at `path`, telling a missing file, an old binary `.xls` and a file that
  /// is not a zip archive apart.
  init(path: String) throws(DataError) {
    file = path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw DataError(file: path, message: "no such file")
    }
    if isDirectory.boolValue { throw DataError(file: path, message: "is a directory, not a file") }
    // A FIFO or device named `x.xlsx` is refused before it is opened (it might never end).
    var info = stat()
    if stat(path, &info) == 0, let refusal = FileBytes.refusal(path, info) { throw refusal }
    guard let handle = FileHandle(forReadingAtPath: path) else { throw DataError(file: path, message: "permission denied") }
    let head = (try? handle.read(upToCount: 8)) ?? Data()
    try? handle.close()
    try XLSXArchive.checkSignature([UInt8](head), file: path)
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw XLSXArchive.notAZip(path)
    }
  }

  /// A workbook held in memory (tests, fuzzing); `name` stands for the file in messages.
  ///
  /// The bytes go through a private temporary file: ZIPFoundation's in-memory archive traps on
  /// a damaged zip (it seeks past the end of its buffer), its file-backed one reports an error.
  static func withData<R>(_ data: Data, name: String, _ body: (XLSXArchive) throws(DataError) -> R) throws(DataError) -> R {
    try checkSignature([UInt8](data.prefix(8)), file: name)
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("chiso-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).xlsx")
    do {
      try data.write(to: url, options: [.atomic])
    } catch {
      throw DataError(file: name, message: "cannot stage the workbook in a temporary file: \(error.localizedDescription)")
    }
    defer { try? FileManager.default.removeItem(at: url) }
    var archive = try XLSXArchive(path: url.path)
    archive.file = name
    return try body(archive)
  }

  private static func checkSignature(_ head: [UInt8], file: String) throws(DataError) {
    if head.isEmpty { throw DataError(file: file, message: "the file is empty, not an .xlsx workbook") }
    // OLE2 compound document: the binary Excel 97–2003 format.
    if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
      throw DataError(
        file: file, message: "an old binary Excel workbook (.xls), not an .xlsx workbook",
        hint: "open it in a spreadsheet program and save it as .xlsx (Excel Workbook)")
    }
    guard head.starts(with: [0x50, 0x4B]) else { throw notAZip(file) }
  }

  private static func notAZip(_ file: String) -> DataError {
    DataError(
      file: file, message: "not an .xlsx workbook: the file is not a zip archive",
      hint: "an .xlsx file is a zip of XML parts; a CSV or an HTML page renamed to .xlsx is not one")
  }

  /// Whether the archive holds `part`.
  func contains(_ part: String) -> Bool { archive[part] != nil }

  /// The inflated bytes of `part`, or nil when the archive has no such part.
  func data(_ part: String, sheet: String? = nil) throws(DataError) -> Data? {
    guard let entry = archive[part] else { return nil }
    guard entry.type == .file else { return nil }
    if entry.uncompressedSize > UInt64(XLSXArchive.maxPartBytes) {
      throw tooLarge(part, sheet: sheet)
    }
    var out = Data()
    out.reserveCapacity(Int(entry.uncompressedSize))
    var overflow = false
    do {
      _ = try archive.extract(entry, skipCRC32: false) { chunk in
        // The sizes in the zip directory can lie; count what actually comes out.
        if out.count + chunk.count > XLSXArchive.maxPartBytes {
          overflow = true
          throw CocoaError(.fileReadTooLarge)
        }
        out.append(chunk)
      }
    } catch {
      if overflow { throw tooLarge(part, sheet: sheet) }
      throw DataError(
        file: file, message: "the workbook part \(part) cannot be unpacked: \(error)",
        hint: "the file is damaged or truncated; open it in a spreadsheet program and save it again", sheet: sheet)
    }
    return out
  }

  private func tooLarge(_ part: String, sheet: String?) -> DataError {
    DataError(
      file: file, message: "the workbook part \(part) unpacks to more than \(XLSXArchive.maxPartBytes >> 20) MiB",
      hint: "export the sheet as CSV and read that instead", sheet: sheet)
  }

  /// The zip path a relationship target names, relative to the folder of `base`
  /// (`worksheets/sheet1.xml` from `xl/workbook.xml` → `xl/worksheets/sheet1.xml`).
  static func resolve(_ target: String, relativeTo base: String) -> String {
    if target.hasPrefix("/") { return String(target.dropFirst()) }
    var parts = base.split(separator: "/").map(String.init)
    if !parts.isEmpty { parts.removeLast() }
    for piece in target.split(separator: "/") {
      switch piece {
      case ".": continue
      case "..": if !parts.isEmpty { parts.removeLast() }
      default: parts.append(String(piece))
      }
    }
    return parts.joined(separator: "/")
  }
}
