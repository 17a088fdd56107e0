import Foundation

/// What a workbook says about itself: its sheets in tab order and where each is stored, the
/// date system, and where the shared strings and styles are.
struct XLSXWorkbook {
  struct Sheet {
    var name: String
    /// The zip part holding the sheet's cells; nil when the relationship is missing.
    var part: String?
    /// `worksheet`, `chartsheet`, `dialogsheet`, … (the relationship type's last word).
    var kind: String
    /// `visible`, `hidden` or `veryHidden`.
    var state: String
  }

  var sheets: [Sheet]
  /// The 1904 date system (old Mac Excel): serial 0 is 1904-01-01 instead of 1899-12-31.
  var date1904: Bool
  var sharedStringsPart: String?
  var stylesPart: String?

  static func load(_ archive: XLSXArchive) throws(DataError) -> XLSXWorkbook {
    let workbookPart = try officeDocument(archive)
    guard let data = try archive.data(workbookPart) else {
      throw DataError(
        file: archive.file, message: "not an .xlsx workbook: the archive has no \(workbookPart)",
        hint: "the zip holds no spreadsheet (is it a .docx or another zip renamed to .xlsx?)")
    }
    var sheets: [(name: String, rid: String?, state: String)] = []
    var date1904 = false
    try XMLEvents.parse(data, file: archive.file, part: workbookPart, start: { name, attributes in
      switch name {
      case "sheet":
        sheets.append((attributes["name"] ?? "", XMLEvents.attribute(attributes, "id"), attributes["state"] ?? "visible"))
      case "workbookPr":
        let flag = attributes["date1904"] ?? "0"
        date1904 = flag == "1" || flag.lowercased() == "true"
      default: break
      }
      return true
    })
    let relations = try relationships(archive, of: workbookPart)
    var book = XLSXWorkbook(sheets: [], date1904: date1904, sharedStringsPart: nil, stylesPart: nil)
    for (name, rid, state) in sheets {
      let relation = rid.flatMap { relations[$0] }
      book.sheets.append(Sheet(name: name, part: relation?.target, kind: relation?.kind ?? "worksheet", state: state))
    }
    for relation in relations.values {
      if relation.kind == "sharedStrings" { book.sharedStringsPart = relation.target }
      if relation.kind == "styles" { book.stylesPart = relation.target }
    }
    // Some writers omit the relationships of these two; fall back to the usual names.
    if book.sharedStringsPart == nil, archive.contains("xl/sharedStrings.xml") { book.sharedStringsPart = "xl/sharedStrings.xml" }
    if book.stylesPart == nil, archive.contains("xl/styles.xml") { book.stylesPart = "xl/styles.xml" }
    if book.sheets.isEmpty {
      throw DataError(file: archive.file, message: "the workbook has no sheets")
    }
    return book
  }

  /// The main part named by the package relationships (`_rels/.rels`), usually `xl/workbook.xml`.
  private static func officeDocument(_ archive: XLSXArchive) throws(DataError) -> String {
    let root = try relationships(archive, of: "")
    return root.values.first(where: { $0.kind == "officeDocument" })?.target ?? "xl/workbook.xml"
  }

  /// The relationships of `part` (`xl/_rels/workbook.xml.rels`): id → (type's last word, target part).
  private static func relationships(_ archive: XLSXArchive, of part: String) throws(DataError) -> [String: (kind: String, target: String)] {
    let folder = part.split(separator: "/").dropLast().joined(separator: "/")
    let file = part.split(separator: "/").last.map(String.init) ?? ""
    let relsPart = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
    guard let data = try archive.data(relsPart) else { return [:] }
    var out: [String: (kind: String, target: String)] = [:]
    try XMLEvents.parse(data, file: archive.file, part: relsPart, start: { name, attributes in
      if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"],
        attributes["TargetMode"] != "External"
      {
        let kind = (attributes["Type"] ?? "").split(separator: "/").last.map(String.init) ?? ""
        out[id] = (kind, XLSXArchive.resolve(target, relativeTo: part.isEmpty ? "x" : part))
      }
      return true
    })
    return out
  }

  /// The sheet named `name`: exactly, else ignoring case (Excel's sheet names are
  /// case-insensitive); nil when there is none. `nil` asks for the first sheet.
  func sheet(named name: String?) -> Sheet? {
    guard let name else { return sheets.first }
    if let exact = sheets.first(where: { $0.name == name }) { return exact }
    let lower = name.lowercased()
    return sheets.first(where: { $0.name.lowercased() == lower })
  }
}
