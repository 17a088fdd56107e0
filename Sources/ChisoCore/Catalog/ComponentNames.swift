import ChisoPlan
import ChisoSyntax
import Foundation

/// Components as analysts name them: `gia nhập thị trường` is PCI's `market_entry`.
///
/// The manifests give every component a Vietnamese and an English name. Front ends use these to
/// complete a component from its name and to accept a name typed where the id belongs
/// (`filter component == "gia nhập thị trường"` runs as `component == "market_entry"`, with a
/// note saying so). Matching ignores case and diacritics, and a name may be given in part, as
/// long as the words typed are whole words of one component's name.
public enum ComponentNames {
  /// A component of an index, with the table it is a row of.
  public struct Entry: Sendable, Equatable {
    public var table: String
    public var index: String
    public var id: String
    public var nameVI: String
    public var nameEN: String
  }

  /// Every component of every manifest in `catalog`, tables in name order.
  public static func entries(_ catalog: Catalog) -> [Entry] {
    catalog.manifests.keys.sorted().flatMap { table -> [Entry] in
      guard let manifest = catalog.manifests[table] else { return [] }
      return manifest.components.map {
        Entry(table: table, index: manifest.id, id: $0.id, nameVI: $0.nameVI, nameEN: $0.nameEN)
      }
    }
  }

  /// Lower case, no diacritics, `đ` as `d`, runs of spaces and punctuation as one space.
  public static func fold(_ text: String) -> String {
    var out = ""
    var space = false
    for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
      switch scalar.properties.generalCategory {
      case .nonspacingMark, .spacingMark, .enclosingMark: continue
      default: break
      }
      if scalar.value == 0x0110 || scalar.value == 0x0111 {
        out += "d"
        space = false
      } else if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        out += scalar.properties.lowercaseMapping
        space = false
      } else if !space, !out.isEmpty {
        out += " "
        space = true
      }
    }
    if out.hasSuffix(" ") { out.removeLast() }
    return out
  }

  /// The components `text` names: its words are a run of whole words of the component's
  /// Vietnamese or English name (all of them when the text is one short word). Exact names win
  /// over partial ones; among `preferredTables` (the tables a query reads) when any matches
  /// there. Empty when `text` is already an id.
  public static func matches(_ text: String, in catalog: Catalog, preferredTables: [String] = []) -> [Entry] {
    let all = entries(catalog)
    let key = fold(text)
    guard !key.isEmpty, !all.contains(where: { $0.id == text }) else { return [] }
    let keyWords = key.split(separator: " ")
    var exact: [Entry] = []
    var partial: [Entry] = []
    for entry in all {
      for name in [entry.nameVI, entry.nameEN] where !name.isEmpty {
        let folded = fold(name)
        if folded == key {
          exact.append(entry)
          break
        }
        // A part of a name: at least two words, or one word of five letters or more.
        guard keyWords.count >= 2 || key.count >= 5 else { continue }
        if (" " + folded + " ").contains(" " + key + " ") {
          partial.append(entry)
          break
        }
      }
    }
    var found = exact.isEmpty ? partial : exact
    let preferred = found.filter { preferredTables.contains($0.table) }
    if !preferred.isEmpty { found = preferred }
    return found
  }

  /// One string literal of a query replaced by a component id.
  public struct Replacement: Sendable, Equatable {
    /// The text as typed (without quotes).
    public var typed: String
    public var entry: Entry
  }

  /// A query with component names replaced by ids, what was replaced, and names that could be
  /// several components (left as typed).
  public struct Rewrite: Sendable, Equatable {
    public var text: String
    public var replacements: [Replacement]
    public var ambiguous: [(typed: String, entries: [Entry])]

    public static func == (a: Rewrite, b: Rewrite) -> Bool {
      a.text == b.text && a.replacements == b.replacements && a.ambiguous.map(\.typed) == b.ambiguous.map(\.typed)
    }
  }

  /// Replaces each string compared with a column named `component` (`component == "…"`,
  /// `"…" == component`, `!=`, and the items of `component | in ["…", …]`) that names exactly
  /// one component by its name, with that component's id. Text that does not lex, and strings
  /// that are ids or values already, are left alone. Spans keep their lines: only the literal
  /// changes.
  public static func rewrite(_ text: String, catalog: Catalog) -> Rewrite {
    guard !catalog.manifests.isEmpty, let tokens = try? Lexer.tokenize(text) else {
      return Rewrite(text: text, replacements: [], ambiguous: [])
    }
    let tables = referencedTables(tokens)
    var edits: [(Span, String)] = []
    var replacements: [Replacement] = []
    var ambiguous: [(typed: String, entries: [Entry])] = []
    for (index, token) in tokens.enumerated() {
      guard case .string(let value) = token.kind, comparedWithComponent(tokens, index) else { continue }
      let found = matches(value, in: catalog, preferredTables: tables)
      let ids = Set(found.map(\.id))
      if ids.count == 1, let entry = found.first {
        edits.append((token.span, "\"" + entry.id + "\""))
        replacements.append(Replacement(typed: value, entry: entry))
      } else if ids.count > 1 {
        ambiguous.append((value, found))
      }
    }
    guard !edits.isEmpty else { return Rewrite(text: text, replacements: [], ambiguous: ambiguous) }
    var bytes = Array(text.utf8)
    for (span, replacement) in edits.reversed() where span.start >= 0 && span.end <= bytes.count && span.start < span.end {
      bytes.replaceSubrange(span.start..<span.end, with: Array(replacement.utf8))
    }
    return Rewrite(text: String(decoding: bytes, as: UTF8.self), replacements: replacements, ambiguous: ambiguous)
  }

  /// Whether the string at `index` is compared with `component`.
  static func comparedWithComponent(_ tokens: [Token], _ index: Int) -> Bool {
    func isComponent(_ i: Int) -> Bool {
      guard i >= 0, i < tokens.count, case .ident(let name) = tokens[i].kind else { return false }
      return name.split(separator: ".").last == "component"
    }
    func isComparison(_ i: Int) -> Bool {
      guard i >= 0, i < tokens.count, case .op(let op) = tokens[i].kind else { return false }
      return op == "==" || op == "!="
    }
    if isComparison(index - 1), isComponent(index - 2) { return true }
    if isComparison(index + 1), isComponent(index + 2) { return true }
    // `component | in ["a", "b"]`: back over earlier items to the bracket.
    var i = index - 1
    while i >= 0 {
      switch tokens[i].kind {
      case .string, .op(","), .newline: i -= 1
        continue
      default: break
      }
      break
    }
    guard i >= 3, tokens[i].kind == .lbracket, tokens[i - 1].kind == .ident("in"), tokens[i - 2].kind == .op("|") else {
      return false
    }
    return isComponent(i - 3)
  }

  /// The tables after `from` and `join`, for preferring their components.
  static func referencedTables(_ tokens: [Token]) -> [String] {
    var out: [String] = []
    for (i, token) in tokens.enumerated() where i + 1 < tokens.count {
      guard case .ident(let word) = token.kind, word == "from" || word == "join" else { continue }
      if case .ident(let name) = tokens[i + 1].kind { out.append(name) }
    }
    return out
  }
}
