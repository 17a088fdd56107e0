import Foundation
import Testing

/// Reports rendered by a real browser: headless Chromium (Debian's `chromium`) opens the page
/// from a file, offline, takes a screenshot, and a small script the test adds to a copy of the
/// page measures it — its tables, charts and headings, that nothing was fetched, that nothing
/// sticks out sideways at a desktop or a phone width, and that markup in the data stayed text.
///
/// Skipped, with a note, where no browser can be had; `.ci/run` installs `chromium` and sets
/// `CHISO_REQUIRE_BROWSER=1`, so there a missing browser fails the test instead.
@Suite(.serialized) struct ReportBrowserTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The browser: `CHISO_CHROMIUM`, else the first of the usual names on `PATH`.
  static let browser: String? = {
    let environment = ProcessInfo.processInfo.environment
    if let given = environment["CHISO_CHROMIUM"], FileManager.default.isExecutableFile(atPath: given) { return given }
    let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless_shell"]
    for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      for name in names {
        let path = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
      }
    }
    return nil
  }()

  static let required = ProcessInfo.processInfo.environment["CHISO_REQUIRE_BROWSER"] == "1"

  /// The `chiso` built beside this test bundle, else `.build/debug/chiso`.
  static var chiso: String? {
    // The chiso processes these tests start never touch the user's real cache.
    setenv("XDG_CACHE_HOME", NSTemporaryDirectory() + "chiso-test-cache", 1)
    var candidates: [String] = []
    if let executable = Bundle.main.executablePath {
      var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
      for _ in 0..<4 {
        candidates.append(folder.appendingPathComponent("chiso").path)
        folder = folder.deletingLastPathComponent()
      }
    }
    candidates.append(root.appendingPathComponent(".build/debug/chiso").path)
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  static func scratch(_ name: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-browser-\(getpid())-\(name)")
    try? FileManager.default.removeItem(at: url)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs a program with output to files (a browser's helpers must not hold a pipe open), and
  /// kills it after `timeout` seconds. Returns the status and standard output.
  static func run(_ program: String, _ arguments: [String], in folder: URL, timeout: Double = 90) throws -> (status: Int32, output: String) {
    let outPath = folder.appendingPathComponent("out-\(UUID().uuidString).txt")
    let errPath = folder.appendingPathComponent("err-\(UUID().uuidString).txt")
    FileManager.default.createFile(atPath: outPath.path, contents: nil)
    FileManager.default.createFile(atPath: errPath.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.currentDirectoryURL = root
    process.standardOutput = try FileHandle(forWritingTo: outPath)
    process.standardError = try FileHandle(forWritingTo: errPath)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning {
      process.terminate()
      Thread.sleep(forTimeInterval: 0.5)
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
    process.waitUntilExit()
    let output = (try? String(contentsOf: outPath, encoding: .utf8)) ?? ""
    return (process.terminationStatus, output)
  }

  /// The browser's own flags: headless, no sandbox (CI runs as root), a profile of its own,
  /// nothing in the background that would reach the network.
  static func browserArguments(_ profile: URL, width: Int, height: Int) -> [String] {
    [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
      "--disable-extensions", "--disable-background-networking", "--disable-sync", "--disable-component-update",
      "--mute-audio", "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)",
    ]
  }

  /// What the measuring script reports.
  struct Measure: Decodable {
    var width: Int
    var scrollWidth: Int
    var overflowing: [String]
    var tables: Int
    var svgs: Int
    var svgWidths: [Double]
    var h1: [String]
    var h2: [String]
    var scripts: Int
    var resources: Int
    var images: Int
    var sources: Bool
    var sourcesText: String
    var pwned: Bool
    var bodyText: String
  }

  /// The measuring script, appended to a copy of the page (the report itself has none).
  static let probe = """
    <script>
    (function () {
      var width = document.documentElement.clientWidth;
      function scrolls(el) {
        for (var p = el.parentElement; p; p = p.parentElement) {
          var o = getComputedStyle(p).overflowX;
          if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
        }
        return false;
      }
      var overflowing = [];
      document.querySelectorAll('body *').forEach(function (el) {
        var r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > width + 1 && !scrolls(el) && overflowing.length < 12) {
          overflowing.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined ? '.' + el.className : '') + ' ' + Math.round(r.right));
        }
      });
      var sources = document.getElementById('sources');
      var m = {
        width: width, scrollWidth: document.documentElement.scrollWidth, overflowing: overflowing,
        tables: document.querySelectorAll('table.data').length,
        svgs: document.querySelectorAll('svg').length,
        svgWidths: Array.prototype.map.call(document.querySelectorAll('svg'), function (s) { return s.getBoundingClientRect().width; }),
        h1: Array.prototype.map.call(document.querySelectorAll('h1'), function (h) { return h.textContent; }),
        h2: Array.prototype.map.call(document.querySelectorAll('h2'), function (h) { return h.textContent; }),
        scripts: document.scripts.length,
        resources: performance.getEntriesByType('resource').length,
        images: document.images.length,
        sources: !!sources, sourcesText: sources ? sources.textContent : '',
        pwned: window.__pwned !== undefined,
        bodyText: document.body.innerText
      };
      var pre = document.createElement('pre');
      pre.id = 'chiso-measure';
      pre.textContent = btoa(unescape(encodeURIComponent(JSON.stringify(m))));
      document.body.appendChild(pre);
    })();
    </script>
    """

  /// Opens `page` in the browser at `width` and returns the probe's measurements.
  static func measure(_ page: URL, width: Int, browser: String, folder: URL) throws -> Measure? {
    let html = try String(contentsOf: page, encoding: .utf8)
    guard let end = html.range(of: "</body>", options: .backwards) else { return nil }
    let probed = folder.appendingPathComponent("probed-\(width)-\(page.lastPathComponent)")
    try (html[..<end.lowerBound] + probe + html[end.lowerBound...]).write(to: probed, atomically: true, encoding: .utf8)
    let profile = folder.appendingPathComponent("profile-\(UUID().uuidString)")
    let (_, dom) = try run(browser, browserArguments(profile, width: width, height: 900) + ["--dump-dom", probed.absoluteString], in: folder)
    guard let start = dom.range(of: "<pre id=\"chiso-measure\">"), let stop = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex),
      let data = Data(base64Encoded: String(dom[start.upperBound..<stop.lowerBound]))
    else {
      Issue.record("the browser gave no measurements for \(page.lastPathComponent) at \(width)px:\n\(dom.prefix(500))")
      return nil
    }
    return try JSONDecoder().decode(Measure.self, from: data)
  }

  /// The PNG's width and height, from its header.
  static func pngSize(_ url: URL) -> (Int, Int)? {
    guard let data = try? Data(contentsOf: url), data.count > 24,
      Array(data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    else { return nil }
    func int(_ at: Int) -> Int { data[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
    return (int(16), int(20))
  }

  func browserOrSkip() -> String? {
    if let browser = Self.browser { return browser }
    if Self.required { Issue.record("CHISO_REQUIRE_BROWSER=1 but no Chromium was found (set CHISO_CHROMIUM or install `chromium`)") }
    return nil
  }

  @Test(.enabled(if: browser != nil || required, "no headless Chromium here: install Debian's `chromium` (or set CHISO_CHROMIUM); `.ci/run` does"))
  func theLessonReportRendersOffline() throws {
    guard let browser = browserOrSkip(), let chiso = Self.chiso else {
      if Self.chiso == nil { Issue.record("the chiso binary was not built") }
      return
    }
    let folder = Self.scratch("lesson")
    let page = folder.appendingPathComponent("r.html")
    let made = try Self.run(chiso, ["report", "Queries/lessons/04_explaining_a_rank_change.prql", "-o", page.path], in: folder)
    #expect(made.status == 0)

    // A screenshot, as a reader would see the page.
    let shot = folder.appendingPathComponent("r.png")
    let profile = folder.appendingPathComponent("profile-shot")
    _ = try Self.run(browser, Self.browserArguments(profile, width: 1280, height: 2400) + ["--screenshot=\(shot.path)", page.absoluteString], in: folder)
    let size = try #require(Self.pngSize(shot), "no screenshot")
    #expect(size == (1280, 2400))
    let bytes = (try? FileManager.default.attributesOfItem(atPath: shot.path)[.size] as? Int) ?? 0
    #expect(bytes > 40_000, "the screenshot is nearly empty (\(bytes) bytes)")

    // A desktop and a phone (500 px is the narrowest window headless Chromium makes).
    for width in [1280, 500] {
      let m = try #require(try Self.measure(page, width: width, browser: browser, folder: folder))
      #expect(m.h1 == ["Lesson 4 — Explaining a rank change"])
      #expect(m.h2 == ["Sources"])
      #expect(m.tables >= 3)  // the result and the two charts' data
      #expect(m.svgs == 2)
      #expect(m.svgWidths.allSatisfy { $0 > 150 && $0 <= Double(m.width) }, "\(m.svgWidths)")
      #expect(m.sources && m.sourcesText.contains("VCCI") && m.sourcesText.contains("CC0"))
      #expect(m.scripts == 1, "the report has a script of its own")
      #expect(m.resources == 0, "the page fetched something")
      #expect(m.images == 0)
      #expect(m.scrollWidth <= m.width, "the page scrolls sideways at \(width)px: \(m.scrollWidth)")
      #expect(m.overflowing.isEmpty, "sticks out at \(width)px: \(m.overflowing)")
      #expect(m.bodyText.contains("Lai Châu") && m.bodyText.contains("52.77"))
    }
  }

  @Test(.enabled(if: browser != nil || required, "no headless Chromium here: install Debian's `chromium` (or set CHISO_CHROMIUM); `.ci/run` does"))
  func markupInTheDataStaysText() throws {
    guard let browser = browserOrSkip(), let chiso = Self.chiso else { return }
    let folder = Self.scratch("hostile")
    let data = folder.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try """
      province,"<img src=x onerror=""window.__pwned=2"">",score
      "<script>window.__pwned=1</script>",a,1.5
      Lai Châu,"</td></table><script>window.__pwned=3</script>",2.5
      """.write(to: data.appendingPathComponent("hostile.csv"), atomically: true, encoding: .utf8)
    let script = folder.appendingPathComponent("hostile.prql")
    try """
      # ## Hostile <script>window.__pwned=4</script>
      # Prose with <img src=x onerror="window.__pwned=5"> and [a link](javascript:window.__pwned=6).
      # --chart bar --highlight "<script>window.__pwned=1</script>"
      from hostile
      derive {note = "</pre><script>window.__pwned=7</script>"}
      """.write(to: script, atomically: true, encoding: .utf8)
    let page = folder.appendingPathComponent("hostile.html")
    let made = try Self.run(chiso, ["report", script.path, "--data", data.path, "-o", page.path], in: folder)
    #expect(made.status == 0)
    let m = try #require(try Self.measure(page, width: 1000, browser: browser, folder: folder))
    #expect(!m.pwned, "a script in the data ran")
    #expect(m.scripts == 1)
    #expect(m.images == 0)
    #expect(m.svgs == 1)
    #expect(m.h1 == ["Hostile <script>window.__pwned=4</script>"])
    #expect(m.bodyText.contains("<script>window.__pwned=1</script>"))
    #expect(m.bodyText.contains("</td></table><script>window.__pwned=3</script>"))
    #expect(m.bodyText.contains("</pre><script>window.__pwned=7</script>"))
  }

  @Test(.enabled(if: browser != nil || required, "no headless Chromium here: install Debian's `chromium` (or set CHISO_CHROMIUM); `.ci/run` does"))
  func theVietnameseBookletOfTheLessonsRenders() throws {
    guard let browser = browserOrSkip(), let chiso = Self.chiso else { return }
    let folder = Self.scratch("booklet")
    let lessons = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Queries/lessons").path)
      .filter { $0.hasSuffix(".prql") }.sorted().map { "Queries/lessons/" + $0 }
    let page = folder.appendingPathComponent("booklet.html")
    let made = try Self.run(chiso, ["report"] + lessons + ["--lang", "vi", "-o", page.path], in: folder)
    #expect(made.status == 0)
    for width in [1280, 500] {
      let m = try #require(try Self.measure(page, width: width, browser: browser, folder: folder))
      #expect(m.h1 == ["Tài liệu học"])
      #expect(m.h2.prefix(2) == ["Tham số", "Mục lục"] && m.h2.last == "Nguồn dữ liệu")
      #expect(m.h2.filter { $0.hasPrefix("Đến lượt bạn") }.count == lessons.filter { $0.contains("your_turn") }.count)
      #expect(m.svgs >= 5)
      #expect(m.scripts == 1 && m.resources == 0)
      #expect(m.scrollWidth <= m.width, "the booklet scrolls sideways at \(width)px: \(m.scrollWidth)")
      #expect(m.overflowing.isEmpty, "sticks out at \(width)px: \(m.overflowing)")
      #expect(!m.bodyText.contains("let answer"))
    }
  }
}
