import Foundation
import Testing

/// `chiso report`, `--lang` and scripts with several queries, from the command line.
struct ReportCLITests {
  static let root = BadInputCLITests.packageRoot

  static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> BadInputCLITests.Result? {
    guard let binary = BadInputCLITests.binary else {
      print("note: chiso binary not found; report CLI tests skipped")
      return nil
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = root
    var env = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] { env[key] = nil }
    process.environment = env.merging(environment) { $1 }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return BadInputCLITests.Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  @Test func reportWritesTheLessonPage() throws {
    let folder = BadInputCLITests.scratch("report-ok")
    let target = folder.appendingPathComponent("r.html").path
    guard let result = try Self.run(["report", "Queries/lessons/04_explaining_a_rank_change.prql", "-o", target]) else { return }
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr == "wrote a report of 1 query to \(target)\n")
    let html = try String(contentsOfFile: target, encoding: .utf8)
    #expect(html.contains("<h1>Lesson 4 — Explaining a rank change</h1>"))
    #expect(html.contains("<section class=\"sources\""))
    // No temporary file is left beside it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["r.html"])
  }

  @Test func aFailingQueryStillWritesThePageAndExitsOne() throws {
    let folder = BadInputCLITests.scratch("report-fail")
    let script = folder.appendingPathComponent("bad.prql")
    try "from pci | take 1\n\nfrom pci | filter yaer == 1\n".write(to: script, atomically: true, encoding: .utf8)
    let target = folder.appendingPathComponent("bad.html").path
    guard let result = try Self.run(["report", script.path, "-o", target]) else { return }
    #expect(result.status == 1)
    #expect(result.stderr.contains("bad.prql:3:\nerror: unknown column `yaer`"))
    #expect(result.stderr.contains("wrote a report of 2 queries to \(target); 1 query failed; the report shows the error"))
    #expect(FileManager.default.fileExists(atPath: target))
  }

  @Test func usageErrors() throws {
    guard let none = try Self.run(["report"]) else { return }
    #expect(none.status == 2)
    #expect(none.stderr.contains("chiso report needs at least one script"))
    guard let lang = try Self.run(["report", "Queries/lessons/01_reading_an_index.prql", "--lang", "fr", "-o", "/tmp/x.html"]) else { return }
    #expect(lang.status == 2)
    #expect(lang.stderr.contains("--lang takes en or vi, not `fr`"))
    guard let param = try Self.run(["report", "Queries/lessons/01_reading_an_index.prql", "--param", "the_yaer=1", "-o", "/tmp/x.html"]) else { return }
    #expect(param.status == 1)
    #expect(param.stderr.contains("--param the_yaer: the scripts declare no parameter `the_yaer`; they declare `the_year`"))
    guard let missing = try Self.run(["report", "no/such.prql"]) else { return }
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("cannot read no/such.prql"))
  }

  @Test func vietnameseByOptionOrLocale() throws {
    guard let byOption = try Self.run(["--lang", "vi", "-c", "from pci | filter yaer == 2016"]) else { return }
    #expect(byOption.status == 1)
    #expect(byOption.stderr.hasPrefix("lỗi: không có cột `yaer`\n"))
    guard let byLocale = try Self.run(["-c", "from pci | take 2"], environment: ["LANG": "vi_VN.UTF-8"]) else { return }
    #expect(byLocale.stdout.hasSuffix("2 dòng\n"))
    guard let english = try Self.run(["-c", "from pci | take 2"], environment: ["LANG": "vi_VN.UTF-8", "LC_ALL": "C"]) else { return }
    #expect(english.stdout.hasSuffix("2 rows\n"))
    guard let chart = try Self.run(
      ["--lang", "vi", "-c", "from pci | filter year == 2016 && component == \"total\" | sort {-score} | take 3 | select {province, score}", "--chart", "bar"])
    else { return }
    #expect(chart.stdout.hasPrefix("score theo province · 3 thanh, cao nhất trước\n"))
  }

  @Test func aScriptMayHoldSeveralQueries() throws {
    let folder = BadInputCLITests.scratch("two-queries")
    let script = folder.appendingPathComponent("two.prql")
    try """
      # ## Two questions
      let the_year = 2016
      from pci | filter year == the_year && component == "total" | sort {-score} | take 1 | select {province}

      # The second.
      from provinces | take 1 | select {province}
      """.write(to: script, atomically: true, encoding: .utf8)
    guard let result = try Self.run([script.path, "--format", "csv", "--param", "the_year=2015"]) else { return }
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("province\nĐà Nẵng\nprovince\n"))
  }

  @Test func componentNamesTypedInVietnamese() throws {
    guard let result = try Self.run(
      ["-c", "from pci | filter year == 2016 && component == \"gia nhập thị trường\" | take 1 | select {component}", "--format", "csv"])
    else { return }
    #expect(result.status == 0)
    #expect(result.stdout == "component\nmarket_entry\n")
    #expect(result.stderr.contains("\"gia nhập thị trường\" is the component `market_entry`"))
  }
}
