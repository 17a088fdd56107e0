import ChisoCore
import ChisoLocale
import ChisoRender
import ChisoSyntax
import Foundation
import Testing

/// The diagnostics chiso really raises, said in Vietnamese: if the core's English wording
/// changes, the phrasebook's template no longer matches and these tests say which.
struct DiagnosticTranslationTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let session = Session(dataDirectories: [root.appendingPathComponent("Datasets").path])

  static func diagnostic(_ query: String, parameters: [String: String] = [:]) -> Diagnostic? {
    do {
      _ = try session.execute(SourceFile(name: "<test>", text: query), parameters: parameters)
    } catch {
      if case .query(let d) = error { return d }
    }
    return nil
  }

  static let errors: [(query: String, id: String, vi: String)] = [
    ("from pci | filter yaer == 2016", "unknown-column", "không có cột `yaer`"),
    ("from pcx", "unknown-table", "không có bảng `pcx`"),
    ("from pci | derive {x = math.rond score}", "unknown-function", "không có hàm `math.rond`"),
    ("from pci | filter province + 1 == 2", "type-mismatch", "`+` không nhận text và int"),
    ("from pci | filter year", "type-mismatch", "`filter` cần một điều kiện đúng/sai, ở đây là int"),
    ("from pci | filter (year == 2016", "unclosed", "dấu `(` này chưa được đóng"),
    ("from pci | filter province == \"abc", "unterminated-string", "chuỗi chưa được đóng"),
    ("from pci |", "trailing-pipe", "pipeline kết thúc bằng `|`"),
    ("from pci | compare 2015 2016 yeer:1", "unknown-argument", "`compare` không có tham số `yeer`"),
  ]

  @Test(arguments: errors.indices)
  func errorsAreSaidInVietnamese(_ index: Int) throws {
    let (query, id, vi) = Self.errors[index]
    let d = try #require(Self.diagnostic(query), "no error for \(query)")
    #expect(d.code == id, "\(query): \(d.code)")
    #expect(Phrasebook.message(d.message, id: d.code, to: .vi) == vi, "\(query): \(d.message)")
    #expect(Phrasebook.message(d.message, id: d.code, to: .en) == d.message)
  }

  @Test func anUnknownParameterToo() throws {
    let d = try #require(Self.diagnostic("let the_year = 2016\nfrom pci | filter year == the_year", parameters: ["the_yaer": "1"]))
    #expect(Phrasebook.message(d.message, id: d.code, to: .vi) == "kịch bản không khai báo tham số `the_yaer`")
  }

  @Test func warningsAreSaidInVietnamese() throws {
    let result = try Self.session.execute(
      SourceFile(name: "<test>", text: "from pci | filter component == \"total\" && (year | in 2008..2010) | group {year} (aggregate {m = average score})"))
    let warning = try #require(result.warnings.first { $0.code == "methodology-break" })
    let vi = Phrasebook.message(warning.message, id: warning.code, to: .vi)
    #expect(vi.hasPrefix("kết quả liệt kê pci `total` ở cả hai phía của một lần thay đổi phương pháp vào năm") || vi.hasPrefix("bước này so sánh pci `total` qua"), "\(warning.message)")
    #expect(Phrasebook.fragment(warning.label ?? "", to: .vi) != warning.label, "\(warning.label ?? "")")
    let typo = try Self.session.execute(SourceFile(name: "<test>", text: "from pci | filter province == \"Lai Chaau\""))
    let value = try #require(typo.warnings.first { $0.code == "no-such-value" })
    #expect(Phrasebook.message(value.message, id: value.code, to: .vi) == "`province` không bao giờ bằng \"Lai Chaau\"")
    #expect(Phrasebook.fragment(value.label ?? "", to: .vi) == "có phải ý bạn là \"Lai Châu\"?")
  }

  @Test func theRenderedErrorIsVietnameseThroughout() throws {
    let source = SourceFile(name: "<lệnh>", text: "from pci | filter yaer == 2016")
    var found: Diagnostic? = nil
    do { _ = try Self.session.execute(source) } catch { if case .query(let d) = error { found = d } }
    let d = try #require(found)
    let text = DiagnosticRenderer.render(d, source: source, language: .vi)
    #expect(text.hasPrefix("lỗi: không có cột `yaer`\n"))
    #expect(text.contains("^^^^ có phải ý bạn là `year`?"))
    #expect(text.contains("= gợi ý: các cột hiện có: year, gso_code, province, component, score"))
    // English stays the default.
    #expect(DiagnosticRenderer.render(d, source: source).hasPrefix("error: unknown column `yaer`\n"))
  }

  @Test func stepSummariesAreSaidInVietnamese() throws {
    let steps = try Self.session.steps(SourceFile(name: "<t>", text: "from pci | filter year == 2016 | sort {-score} | take 3"))
    let vi = steps.map { Phrasebook.stepSummary($0.summary, to: .vi) }
    #expect(vi[0].hasPrefix("bắt đầu với 10504 dòng và 5 cột"))
    #expect(vi[1].hasPrefix("giữ 693 trong 10504 dòng, bỏ 9811: những dòng mà `year == 2016` không đúng"))
    #expect(vi[2].hasPrefix("sắp xếp lại các dòng ({-score}; `-` là giảm dần"))
    #expect(vi[3] == "giữ 3 trong 693 dòng")
  }

  @Test func whatThePhrasebookDoesNotKnowStaysEnglish() {
    #expect(Phrasebook.message("a brand-new message", id: "unknown-column", to: .vi) == "a brand-new message")
    #expect(Phrasebook.fragment("something else", to: .vi) == "something else")
  }
}

/// Pieces of data inside messages (a manifest's note) are not mistaken for phrases.
struct PhrasebookScopeTests {
  @Test func notesFromManifestsStayAsTheyAre() {
    let note = "6 → 8 dimensions (environmental_governance and e_governance added): the total's maximum rises from 60 to 80"
    #expect(Phrasebook.fragment(note, to: .vi) == note)
    #expect(Phrasebook.stepSummary("7824 → 3 rows", to: .vi) == "7824 → 3 dòng")
    #expect(Phrasebook.message("`+` cannot take text and int", id: "type-mismatch", to: .vi) == "`+` không nhận text và int")
  }
}
