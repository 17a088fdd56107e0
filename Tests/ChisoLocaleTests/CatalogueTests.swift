import ChisoSyntax
import Foundation
import Testing

@testable import ChisoLocale

/// The catalogue: every message in both languages, consistent holes, NFC Vietnamese, and every
/// id the sources use present.
struct CatalogueTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Messages whose Vietnamese is rightly the same as the English (names, codes, formats).
  static let sameInBoth: Set<String> = ["cmd.mode.summary", "report.csv", "chart.note.null-count"]

  static func isNFC(_ text: String) -> Bool {
    Array(text.unicodeScalars) == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
  }

  @Test func everyMessageIdHasBothTexts() {
    #expect(L10n.messages.count > 100)
    for message in L10n.messages {
      #expect(!message.en.isEmpty, "\(message.id) has no English")
      #expect(!message.vi.isEmpty, "\(message.id) has no Vietnamese")
      if !Self.sameInBoth.contains(message.id) {
        #expect(message.vi != message.en, "\(message.id): the Vietnamese is the English")
      }
      let holes = Template(message.en).holes
      #expect(Template(message.vi).holes == holes, "\(message.id): the Vietnamese fills other holes than the English")
      // The singular may leave out the count ("Show the other row"), nothing else.
      if let one = message.enOne { #expect(Set(Template(one).holes).isSubset(of: holes), "\(message.id): the singular fills other holes") }
      #expect(Self.isNFC(message.vi), "\(message.id): the Vietnamese is not NFC")
    }
  }

  @Test func idsAreUnique() {
    var seen = Set<String>()
    for message in L10n.messages { #expect(seen.insert(message.id).inserted, "\(message.id) twice") }
  }

  @Test func everyPhraseHasBothTexts() {
    for phrase in Phrasebook.diagnostics + Phrasebook.fragments + Phrasebook.countedNouns {
      #expect(!phrase.vi.source.isEmpty, "\(phrase.id): \(phrase.en.source) has no Vietnamese")
      #expect(phrase.en.holes == phrase.vi.holes, "\(phrase.en.source): holes differ")
      #expect(Self.isNFC(phrase.vi.source), "\(phrase.en.source): the Vietnamese is not NFC")
    }
  }

  /// The diagnostics the issue names as common have Vietnamese: unknown names, type errors and
  /// the warnings.
  @Test func commonDiagnosticsAreCovered() {
    let common = [
      "unknown-column", "unknown-table", "unknown-function", "unknown-transform", "unknown-argument",
      "unknown-parameter", "unknown-relation", "type-mismatch", "methodology-break", "no-such-value", "unclosed",
      "unterminated-string", "trailing-pipe", "unexpected-token", "argument-count", "missing-argument",
    ]
    for id in common { #expect(Phrasebook.diagnosticIDs.contains(id), "no Vietnamese for \(id)") }
  }

  /// Every diagnostic id the core can raise (`DiagnosticID.all`) has English and Vietnamese
  /// wording in the phrasebook.
  @Test func everyDiagnosticIdHasBothTexts() {
    #expect(DiagnosticID.all.count > 60)
    for id in DiagnosticID.all {
      #expect(Phrasebook.diagnosticIDs.contains(id.rawValue), "no Vietnamese for the diagnostic `\(id.rawValue)`")
    }
    // And the phrasebook keys on no id the core does not have (a typo would never match).
    let known = Set(DiagnosticID.all.map(\.rawValue))
    for id in Phrasebook.diagnosticIDs { #expect(known.contains(id), "the phrasebook's `\(id)` is no diagnostic id") }
  }

  /// Every id the sources ask for with `L10n.text("…"` or `L10n.count("…"` is in the catalogue.
  @Test func everyIdTheSourcesUseExists() throws {
    let sources = Self.root.appendingPathComponent("Sources")
    let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
    #expect(files.count > 50)
    var used = Set<String>()
    let pattern = try NSRegularExpression(pattern: #"L10n\.(?:text|count)\(\s*(?:[a-zA-Z.]+ \? )?"([a-z0-9.\-]+)""#)
    let alternative = try NSRegularExpression(pattern: #"\? "([a-z0-9.\-]+)" : "([a-z0-9.\-]+)""#)
    for file in files {
      let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
      let range = NSRange(text.startIndex..., in: text)
      for match in pattern.matches(in: text, range: range) {
        if let r = Range(match.range(at: 1), in: text) { used.insert(String(text[r])) }
      }
      // `L10n.text(flag ? "a" : "b", …)`.
      for match in alternative.matches(in: text, range: range) {
        for group in 1...2 {
          if let r = Range(match.range(at: group), in: text), text[r].contains(".") { used.insert(String(text[r])) }
        }
      }
    }
    #expect(used.count > 60)
    for id in used.sorted() { #expect(L10n.has(id), "the sources use `\(id)`, which the catalogue lacks") }
  }

  @Test func countsPickTheEnglishSingular() {
    #expect(L10n.count("table.rows", 1, .en) == "1 row")
    #expect(L10n.count("table.rows", 3, .en) == "3 rows")
    #expect(L10n.count("table.rows", 1, .vi) == "1 dòng")
    #expect(L10n.count("repl.banner", 8, .vi, "0.1.0") == "chiso 0.1.0 — 8 bảng. Tab để gợi ý hoàn thành, .help liệt kê các lệnh, Ctrl-D để thoát.")
    #expect(L10n.text("no.such.id", .vi) == "no.such.id")
  }
}

struct TemplateTests {
  @Test func fillsAndMatches() {
    let t = Template("unknown column `{0}`")
    #expect(t.fill(["yaer"]) == "unknown column `yaer`")
    #expect(t.match("unknown column `yaer`") == ["yaer"])
    #expect(t.match("unknown table `yaer`") == nil)
    #expect(t.match("unknown column ``") == nil)
  }

  @Test func holesMayBeReorderedAndRepeated() {
    let en = Template("`{0}` has no argument `{1}`")
    let vi = Template("tham số `{1}` không có trong `{0}`")
    let args = en.match("`compare` has no argument `yeer`")
    #expect(args == ["compare", "yeer"])
    #expect(vi.fill(args ?? []) == "tham số `yeer` không có trong `compare`")
    #expect(Template("{0} → {0}").match("a → a") == ["a"])
    #expect(Template("{0} → {0}").match("a → b") == nil)
  }

  @Test func matchingLongTextIsBounded() {
    let long = String(repeating: "a b ", count: 5_000)
    let clock = ContinuousClock()
    let start = clock.now
    _ = Template("{0} b {1} b {2} x").match(long)
    #expect(clock.now - start < .seconds(2))
  }

  @Test func bracesThatAreNotHolesStayText() {
    #expect(Template("f\"{a}{b}\" and {0}").fill(["x"]) == "f\"{a}{b}\" and x")
    #expect(Template("group {year} (…)").holes.isEmpty)
  }
}

struct LanguageTests {
  @Test func parsesNamesAndLocales() {
    #expect(Language.parse("vi") == .vi)
    #expect(Language.parse("vi_VN.UTF-8") == .vi)
    #expect(Language.parse("VI-vn") == .vi)
    #expect(Language.parse("Tiếng Việt") == .vi)
    #expect(Language.parse("en_GB") == .en)
    #expect(Language.parse("fr") == nil)
  }

  @Test func theLocaleDecidesInPosixOrder() {
    #expect(Language.fromEnvironment([:]) == .en)
    #expect(Language.fromEnvironment(["LANG": "vi_VN.UTF-8"]) == .vi)
    #expect(Language.fromEnvironment(["LANG": "vi_VN.UTF-8", "LC_ALL": "C"]) == .en)
    #expect(Language.fromEnvironment(["LANG": "en_US.UTF-8", "LC_MESSAGES": "vi_VN"]) == .vi)
    #expect(Language.fromEnvironment(["LC_ALL": "", "LANG": "vi"]) == .vi)
    #expect(Language.choose(option: "vi", environment: ["LANG": "en"]) == .success(.vi))
    #expect(Language.choose(option: "xx", environment: [:]) == .failure(LanguageError(value: "xx")))
  }
}
