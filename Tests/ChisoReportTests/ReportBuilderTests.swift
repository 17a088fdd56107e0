import ChisoCore
import ChisoLocale
import Foundation
import Testing

@testable import ChisoReport

/// Whole reports from the bundled lessons and from hostile data.
struct ReportBuilderTests {
  static func report(_ files: [String], _ options: ReportOptions = ReportOptions(date: "2025-01-31", version: "test"))
    throws -> Report
  {
    let inputs = try files.map { ReportInput(name: $0, text: try Fixture.script($0)) }
    return try ReportBuilder.build(inputs, session: Fixture.session, options: options)
  }

  static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

  @Test func theLessonOnRankChanges() throws {
    let report = try Self.report(["Queries/lessons/04_explaining_a_rank_change.prql"])
    let html = report.html
    #expect(report.queries == 1 && report.charts == 2 && report.failures.isEmpty)
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(html.contains("<title>Lesson 4 — Explaining a rank change</title>"))
    #expect(html.contains("<h1>Lesson 4 — Explaining a rank change</h1>"))
    #expect(Self.count("<h1>", in: html) == 1)
    // The query, highlighted, with its place in the file.
    #expect(html.contains("<span class=\"t\">explain_rank</span> <span class=\"n\">2015</span>"))
    #expect(html.contains("Queries/lessons/04_explaining_a_rank_change.prql, line 14"))
    // Its result, numbers right-aligned at display precision with the full value on hover.
    #expect(html.contains("<td>Lai Châu</td><td class=\"num\" title=\"52.767269\">52.77</td>"))
    #expect(html.contains("<td class=\"num\">61</td><td class=\"num\">62</td><td class=\"num\">-1</td>"))
    #expect(html.contains("1 row · 10 columns"))
    // Two charts, inline, scoped.
    #expect(Self.count("<svg ", in: html) == 2)
    #expect(html.contains("id=\"q1-chart-2\""))
    #expect(html.contains("Lai Châu 2015 → 2016: places gained (+) or lost (−)"))
    // The sources.
    #expect(html.contains("<section class=\"sources\" id=\"sources\">"))
    #expect(html.contains("VCCI (Vietnam Chamber of Commerce and Industry) with USAID"))
    #expect(html.contains("CC0 (dedication in the package DESCRIPTION)"))
    #expect(html.contains("10504 rows · years 2005–2024 · 64 provinces · 12 components"))
    #expect(html.contains("<a href=\"#q1\">Query 1</a>"))
    // Self-contained: no scripts, nothing fetched.
    #expect(!html.contains("<script"))
    #expect(!html.contains("src=") && !html.contains("@import") && !html.contains("url("))
    #expect(!html.contains("href=\"http"))
  }

  @Test func breaksTheQueriesCrossedAreMarked() throws {
    let html = try Self.report(["Queries/lessons/02_ranks.prql"]).html
    #expect(html.contains("<div class=\"diagnostic warning\"><pre>warning: the result lists pci `total` across methodology breaks in 2006, 2009, 2021"))
    #expect(html.contains("<li class=\"crossed\"><strong>2006</strong>"))
    #expect(html.contains("<li class=\"crossed\"><strong>2009</strong> · all components"))
    #expect(!html.contains("<li class=\"crossed\"><strong>2013</strong>"))
    #expect(html.contains("(crossed by <a href=\"#q1\">Query 1</a>)"))
    #expect(html.contains("<svg"))  // the line chart
  }

  @Test func theReportSpeaksVietnamese() throws {
    var options = ReportOptions(language: .vi, date: "2025-01-31", version: "test")
    options.steps = true
    let html = try Self.report(["Queries/lessons/02_ranks.prql"], options).html
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
    #expect(html.contains("Tạo bằng chiso test ngày 2025-01-31"))
    #expect(html.contains("<h2>Nguồn dữ liệu</h2>"))
    #expect(html.contains("Đơn vị công bố</dt><dd>Phòng Thương mại và Công nghiệp Việt Nam (VCCI)"))
    #expect(html.contains("cảnh báo: kết quả liệt kê pci `total` qua các lần thay đổi phương pháp vào năm 2006, 2009, 2021"))
    #expect(html.contains("<pre>cảnh báo: "))
    #expect(html.contains("Từng bước (6 bước)"))
    #expect(html.contains("bắt đầu với 10504 dòng và 5 cột"))
    #expect(html.contains("15 dòng · 3 cột"))
    #expect(html.contains("rank càng thấp càng tốt: trục được lật ngược"))  // the line chart
  }

  @Test func aBookletOfTheLessonsHidesTheSolutions() throws {
    let lessons = try FileManager.default.contentsOfDirectory(atPath: Fixture.root.appendingPathComponent("Queries/lessons").path)
      .filter { $0.hasSuffix(".prql") }.sorted().map { "Queries/lessons/" + $0 }
    let report = try Self.report(lessons)
    let html = report.html
    #expect(report.failures.isEmpty)
    #expect(html.contains("<title>Course booklet</title>"))
    #expect(html.contains("<nav class=\"contents\""))
    #expect(Self.count("<section class=\"chapter", in: html) == lessons.count)
    #expect(Self.count("<section class=\"chapter exercise\"", in: html) == lessons.filter { $0.contains("your_turn") }.count)
    // No exercise shows its answer…
    #expect(!html.contains("<span class=\"i\">answer</span> <span class=\"o\">=</span>"))
    #expect(!html.contains("correct: 1 row matches"))
    // …a wrong attempt is shown as a starter to fix, a right one is not shown at all.
    #expect(html.contains("This attempt is not right yet."))
    // Every exercise starts unsolved: each shows its starter, checked against its solution file.
    #expect(Self.count("This attempt is not right yet.", in: html) == lessons.filter { $0.contains("your_turn") }.count)
    #expect(html.contains("<span class=\"t\">ranked</span> <span class=\"i\">score</span> <span class=\"i\">dense</span>"))
    #expect(!html.contains("<span class=\"i\">score_change</span> <span class=\"o\">&gt;</span> <span class=\"n\">0</span>"))
    #expect(html.contains("Write your query in <code>Queries/lessons/04_explaining_a_rank_change_your_turn.prql</code>"))
    // A lesson's title is its chapter heading, its parameters are at the top.
    #expect(html.contains("<h2>Lesson 4 — Explaining a rank change</h2>"))
    #expect(html.contains("<section class=\"parameters\" id=\"parameters\">"))
    #expect(html.contains("<td><code>the_year</code></td><td><code>2016</code></td>"))
  }

  @Test func theTeachersCopyShowsTheSolutions() throws {
    var options = ReportOptions(date: "2025-01-31", version: "test")
    options.solutions = true
    let html = try Self.report(["Queries/lessons/04_explaining_a_rank_change_your_turn.prql"], options).html
    #expect(html.contains("<span class=\"k\">let</span> <span class=\"i\">answer</span>"))
    #expect(html.contains("correct: 1 row matches the answer"))
  }

  @Test func parametersAreShownWithTheValuesUsed() throws {
    var options = ReportOptions(date: "2025-01-31", version: "test")
    options.parameters = ["the_year": "2010"]
    let html = try Self.report(["Queries/lessons/01_reading_an_index.prql"], options).html
    #expect(html.contains("<td><code>the_year</code></td><td><code>2010</code> <span class=\"note\">(set with --param)</span></td><td><code>2016</code></td>"))
    #expect(html.contains("<td>Bình Dương</td>") || html.contains("<td>Đà Nẵng</td>"))
    options.parameters = ["the_yaer": "2010"]
    #expect(throws: ReportError.self) { try Self.report(["Queries/lessons/01_reading_an_index.prql"], options) }
  }

  @Test func severalQueriesInOneScript() throws {
    let text = """
      # ## Two questions
      # First, the top three.
      # --chart bar --highlight "Đà Nẵng"
      from pci
      filter year == 2016 && component == "total"
      sort {-score}
      take 3
      select {province, score}

      # ## And a typo
      from pci | filter yaer == 2016

      # ## And nothing
      from pci | filter province == "Atlantis"
      """
    let report = try ReportBuilder.build(
      [ReportInput(name: "two.prql", text: text)], session: Fixture.session, options: ReportOptions(date: "2025-01-31"))
    #expect(report.queries == 3)
    #expect(report.charts == 1)
    #expect(report.failures.map(\.location) == ["two.prql:11"])
    #expect(report.failures.first?.text.contains("unknown column `yaer`") == true)
    let html = report.html
    #expect(html.contains("<h1>Two questions</h1>"))
    #expect(html.contains("<h2>And a typo</h2>"))
    #expect(html.contains("<div class=\"diagnostic error\" role=\"alert\">"))
    #expect(html.contains("--&gt; two.prql:11:19"))
    #expect(html.contains("no rows: step 2, `filter province == &quot;Atlantis&quot;`, kept none of the 10504 rows before it"))
    #expect(html.contains("0 rows"))
  }

  @Test func longResultsAreFoldedNeverCut() throws {
    let text = "from pci | filter component == \"total\" | select {year, province, score}"
    let report = try ReportBuilder.build(
      [ReportInput(name: "long.prql", text: text)], session: Fixture.session, options: ReportOptions(rows: 10, date: "2025-01-31"))
    let html = report.html
    #expect(html.contains("<details class=\"more\"><summary>Show the other 1018 rows</summary>"))
    #expect(html.contains("1028 rows · 3 columns"))
    #expect(html.contains("download=\"long-prql-q1.csv\""))
    let csv = try #require(html.range(of: "base64,").map { html[$0.upperBound...].prefix { $0 != "\"" } })
    let decoded = String(decoding: try #require(Data(base64Encoded: String(csv))), as: UTF8.self)
    #expect(decoded.split(separator: "\n").count == 1029)
  }

  @Test func componentNamesInVietnameseRunAsIds() throws {
    let text = "from pci | filter year == 2016 && component == \"gia nhập thị trường\" | sort {-score} | take 1"
    let html = try ReportBuilder.build(
      [ReportInput(name: "vi.prql", text: text)], session: Fixture.session, options: ReportOptions(date: "2025-01-31")
    ).html
    #expect(html.contains("is the component <code>market_entry</code>"))
    #expect(html.contains("<td>market_entry</td>"))
  }

  /// A province name, a CSV cell, a column name, a parameter, prose and a file name holding
  /// markup all stay text: the page has no element that the data put there.
  @Test func markupInDataStaysText() throws {
    let folder = Fixture.scratch("hostile")
    let payload = "<script>window.__pwned=1</script>"
    let csv = "province,\"<img src=x onerror=alert(1)>\",score\n\"\(payload.replacingOccurrences(of: "\"", with: "\"\""))\",\"a&b\",1.5\n\"Lai Châu\",\"</td></tr></table>\",2.5\n"
    try csv.write(to: folder.appendingPathComponent("hostile.csv"), atomically: true, encoding: .utf8)
    let session = Session(dataDirectories: [folder.path])
    let script = """
      # ## Hostile <script>alert('title')</script>
      # Prose with <b>tags</b> and [a link](javascript:alert(1)).
      # --chart bar --highlight "<script>"
      let who = "<script>p()</script>"
      from hostile
      derive {note = who}
      """
    var options = ReportOptions(date: "2025-01-31")
    options.parameters = ["who": "\"</code><script>q()</script>\""]
    let report = try ReportBuilder.build([ReportInput(name: "<x>.prql", text: script)], session: session, options: options)
    let html = report.html
    #expect(report.failures.isEmpty)
    #expect(!html.contains("<script"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<b>"))
    #expect(!html.contains("href=\"javascript"))
    #expect(html.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"))
    #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    #expect(html.contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;"))
    #expect(html.contains("<title>Hostile &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</title>"))
    #expect(html.contains("&lt;x&gt;.prql"))
    #expect(Self.count("<svg ", in: html) == 1)
  }
}
