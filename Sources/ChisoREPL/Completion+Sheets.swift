import ChisoEngine
import ChisoPlan
import Foundation

/// Sheet names after `sheet:` in `read_xlsx "book.xlsx" sheet:"…"`: the workbook's own tabs,
/// read from the file named earlier in the same call.
extension Completer {
  /// The sheet completion for the tokens before the cursor, or nil when the cursor is not after
  /// `sheet:` of a `read_xlsx` call. `typed` is the text already typed (inside the quotes when
  /// `quote` is set).
  func completeSheet(before: [Scanner.Token], typed: String, start: Int, quote: UInt8?) -> Completion? {
    guard before.count >= 2, before[before.count - 1].isOp(":"), before[before.count - 2].word == "sheet",
      let path = Self.workbookPath(before)
    else { return nil }
    let resolved = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
    guard let sheets = bounded({ try? XLSXReader.sheetNames(path: resolved) }) else {
      return .none(at: start + typed.utf8.count)
    }
    let q = quote ?? UInt8(ascii: "\"")
    let mark = String(decoding: [q], as: UTF8.self)
    let key = TextFold.fold(typed)
    let candidates = sheets.filter { TextFold.fold($0).hasPrefix(key) }.map { name in
      quote == nil
        ? Candidate(mark + Self.escape(name, quote: q) + mark, display: name, suffix: " ")
        : Candidate(Self.escape(name, quote: q), display: name, suffix: mark)
    }
    return Completion(start: start, typed: typed, candidates: candidates)
  }

  /// The path string of the `read_xlsx` call the cursor is in: the first string after the
  /// nearest `read_xlsx` on the same line of tokens.
  static func workbookPath(_ tokens: [Scanner.Token]) -> String? {
    guard let call = tokens.lastIndex(where: { $0.word == "read_xlsx" }), call + 1 < tokens.count,
      case .string(_, _, false, true, let content) = tokens[call + 1].kind
    else { return nil }
    return content
  }
}
