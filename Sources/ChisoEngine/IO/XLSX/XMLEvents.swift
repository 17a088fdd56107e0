import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A streaming pass over one XML part of a workbook, with Foundation's `XMLParser` (SAX):
/// element names arrive without their namespace prefix (`x:c` and `c` are the same cell), so
/// workbooks written by other tools read alike.
///
/// The handler's callbacks run synchronously on the calling thread; one returning `false` stops
/// the parse (the handler keeps whatever error it found).
final class XMLEvents: NSObject, XMLParserDelegate {
  typealias Start = (_ name: String, _ attributes: [String: String]) -> Bool
  typealias End = (_ name: String) -> Bool
  typealias Text = (_ text: String) -> Void

  private let start: Start
  private let end: End
  private let text: Text
  private(set) var stopped = false
  /// The first error the parser reported, even where it recovered and went on.
  private(set) var error: (message: String, line: Int, column: Int)? = nil

  private init(start: @escaping Start, end: @escaping End, text: @escaping Text) {
    self.start = start
    self.end = end
    self.text = text
  }

  /// Parses `data` (the part `part` of `file`), calling back for every element and text run.
  /// Throws a located `DataError` when the XML is malformed; returns normally when a callback
  /// stopped the parse.
  static func parse(
    _ data: Data, file: String, part: String, sheet: String? = nil,
    start: @escaping Start, end: @escaping End = { _ in true }, text: @escaping Text = { _ in }
  ) throws(DataError) {
    // FoundationXML traps on some invalid UTF-8 (in attribute names) instead of reporting it, so
    // the bytes are checked first; OOXML parts are UTF-8.
    let invalid: Int? = data.withUnsafeBytes { raw in
      guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return nil }
      return UTF8Check.firstInvalid(base, raw.count)
    }
    if let invalid {
      throw DataError(
        file: file, message: "the workbook part \(part) is not valid UTF-8 (byte \(invalid))",
        hint: "the file is damaged; open it in a spreadsheet program and save it again", sheet: sheet)
    }
    let handler = XMLEvents(start: start, end: end, text: text)
    let parser = XMLParser(data: data)
    parser.shouldProcessNamespaces = true
    parser.shouldReportNamespacePrefixes = false
    // Workbooks never need external entities; resolving them would read other files.
    parser.shouldResolveExternalEntities = false
    parser.delegate = handler
    let ok = parser.parse()
    // libxml2 may recover from an error and report success; a recorded error still counts.
    if (!ok && !handler.stopped) || handler.error != nil {
      let reason = handler.error?.message ?? parser.parserError.map(Self.describe) ?? "unknown error"
      let line = handler.error?.line ?? parser.lineNumber
      let column = handler.error?.column ?? parser.columnNumber
      throw DataError(
        file: file,
        message: "the workbook part \(part) is not well-formed XML (line \(line), column \(column)): \(reason)",
        hint: "the file is damaged; open it in a spreadsheet program and save it again", sheet: sheet)
    }
  }

  /// The attribute `name`, also when a generator wrote it with a namespace prefix (`r:id`).
  static func attribute(_ attributes: [String: String], _ name: String) -> String? {
    if let v = attributes[name] { return v }
    let suffix = ":" + name
    return attributes.first(where: { $0.key.hasSuffix(suffix) })?.value
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
    attributes attributeDict: [String: String] = [:]
  ) {
    guard !stopped else { return }
    if !start(Self.localName(elementName), attributeDict) { stop(parser) }
  }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
    guard !stopped else { return }
    if !end(Self.localName(elementName)) { stop(parser) }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    guard !stopped else { return }
    text(string)
  }

  func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
    guard !stopped else { return }
    text(String(decoding: CDATABlock, as: UTF8.self))
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
    guard !stopped, error == nil else { return }
    error = (Self.describe(parseError), parser.lineNumber, parser.columnNumber)
  }

  /// Foundation's message for XML errors is only a domain and a number; say what it means.
  static func describe(_ error: Error) -> String {
    let code = (error as NSError).code
    // The codes of NSXMLParserError (libxml2's numbering).
    switch code {
    case 76: return "an element is closed by the wrong tag"
    case 5: return "the XML ends in the middle (truncated?)"
    case 4: return "the part is empty"
    case 9, 10: return "an invalid character"
    case 85: return "elements are not properly nested"
    case 26: return "an undeclared entity (`&name;`)"
    case 38, 39, 40, 41: return "a malformed attribute"
    case 72, 73: return "a malformed tag"
    default: return "XML error \(code)"
    }
  }

  private func stop(_ parser: XMLParser) {
    stopped = true
    parser.abortParsing()
  }

  /// `x:row` → `row` (in case namespace processing left a prefix).
  static func localName(_ name: String) -> String {
    guard let colon = name.lastIndex(of: ":") else { return name }
    return String(name[name.index(after: colon)...])
  }
}
