import Foundation
import Testing

/// Issue 14's failures as the command line meets them — each one now fails loudly (with a hint
/// that works) or answers right — and grading lessons with `chiso check`. Run on the real
/// binary; a missing binary is a failure here, not a skip.
@Suite struct AnalystDayCLITests {
  /// Runs chiso with `arguments` in the package folder.
  static func chiso(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CLITests.Result {
    try #require(CLITests.binary != nil, "the chiso binary is not built (swift build)", sourceLocation: sourceLocation)
    return try #require(try CLITests.run(arguments), sourceLocation: sourceLocation)
  }

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-day-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  // MARK: No silently ignored input

  @Test func sqlWhereIsAnErrorWhoseHintRuns() throws {
    let r = try Self.chiso(["-c", "from pci where year = 2016"])
    #expect(r.status == 1 && r.stdout.isEmpty)
    #expect(r.stderr.contains("error: `from` takes 1 argument, got 3"))
    // The hint's suggestion, copied from the message, runs and gives the 2016 rows.
    let hint = try #require(r.stderr.firstMatch(of: /in PRQL: `([^`]+)`/)).1
    #expect(hint == "from pci | filter year == 2016")
    let suggested = try Self.chiso(["--format", "csv", "-c", String(hint)])
    #expect(suggested.status == 0)
    #expect(suggested.stdout.split(separator: "\n").count == 694)  // a header and 693 rows
  }

  /// SQL and spreadsheet habits: an error whose `in PRQL:` suggestion, copied as it stands, runs.
  @Test(arguments: [
    ("SELECT * FROM pci", "from pci"),
    (#"from pci | filter year == 2016 and component == "total""#, #"from pci | filter year == 2016 && component == "total""#),
    ("from pci | order by score", "from pci | sort score"),
    ("from pci | limit 3", "from pci | take 3"),
    ("from pci | filter year in (2015, 2016)", "from pci | filter (year | in [2015, 2016])"),
    ("from pci | derive {s = round(score, 2)}", "from pci | derive {s = (score | math.round 2)}"),
    ("from pci | filter province == “Lai Châu”", #"from pci | filter province == "Lai Châu""#),
  ])
  func aSQLHabitGetsAHintThatRuns(_ query: String, _ suggestion: String) throws {
    let r = try Self.chiso(["--format", "csv", "-c", query])
    #expect(r.status == 1 && r.stdout.isEmpty, "\(query)")
    let hint = try #require(r.stderr.firstMatch(of: /in PRQL: `([^`]+)`/), "\(query): \(r.stderr)").1
    #expect(hint == suggestion)
    let fixed = try Self.chiso(["--format", "csv", "-c", String(hint)])
    #expect(fixed.status == 0, "\(hint): \(fixed.stderr)")
    #expect(fixed.stdout.split(separator: "\n").count >= 2)
  }

  @Test func aStrayWordAfterTheTableIsAnError() throws {
    let r = try Self.chiso(["-c", "from pci foo"])
    #expect(r.status == 1 && r.stdout.isEmpty)
    #expect(r.stderr.contains("error: `from` takes 1 argument, got 2"))
    #expect(r.stderr.contains("^^^ unexpected argument"))
  }

  // MARK: No silently empty results

  /// "Daklak" (an alias in `province_aliases`) wherever the filter stands, and whether the
  /// value is a literal or a `--param`: a warning with the spelling the data uses.
  @Test(arguments: [
    #"from pci | filter component == "total" | sort {-score} | filter province == "Daklak""#,
    #"from pci | derive {pct = score / 100} | filter province == "Daklak" && year == 2016"#,
    #"from provinces | select {gso_code, region} | join (from pci | filter year == 2016 && component == "total") (==gso_code) | filter pci.province == "Daklak""#,
  ])
  func aMisspelledProvinceAfterAnyStepWarnsWithTheAlias(_ query: String) throws {
    let r = try Self.chiso(["--format", "csv", "-c", query])
    #expect(r.status == 0)
    #expect(r.stderr.contains(#"`province` never equals "Daklak": the data spells it "Đắk Lắk""#), "\(query)\n\(r.stderr)")
    #expect(r.stdout.split(separator: "\n").count == 1)  // the header only
  }

  @Test func aMisspelledProvinceInAParameterWarns() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("one province.prql")
    try "let the_province = \"Lai Châu\"\nfrom pci\nfilter province == the_province && year == 2016\n".write(to: script, atomically: true, encoding: .utf8)
    let right = try Self.chiso(["--format", "csv", script.path])
    #expect(right.status == 0 && right.stdout.split(separator: "\n").count == 12)
    let r = try Self.chiso(["--format", "csv", "--param", "the_province=Daklak", script.path])
    #expect(r.status == 0)
    #expect(r.stderr.contains(#"the data spells it "Đắk Lắk""#), "\(r.stderr)")
  }

  @Test func aJoinThatMultipliesRowsWarns() throws {
    let r = try Self.chiso([
      "--format", "csv", "-c",
      #"from pci | filter year == 2016 && component == "total" | join (from pci | filter year == 2016) (==province) | aggregate {n = count this}"#,
    ])
    #expect(r.status == 0 && r.stdout == "n\n693\n")
    #expect(r.stderr.contains("this join made 693 rows from 63 (×11.0)"), "\(r.stderr)")
  }

  @Test func aYearTheTableDoesNotCoverSaysSo() throws {
    let r = try Self.chiso(["--format", "csv", "-c", "from pci | filter year == 2030"])
    #expect(r.status == 0 && r.stdout.split(separator: "\n").count == 1)
    #expect(r.stderr.contains("`pci` has no year 2030: the result is empty for that reason"))
    let quiet = try Self.chiso(["--quiet", "--format", "csv", "-c", "from pci | filter year == 2030"])
    #expect(quiet.status == 0 && quiet.stderr.isEmpty)
  }

  @Test func aMisspelledProvinceAfterCompareWarns() throws {
    let r = try Self.chiso(["--format", "csv", "-c", #"from pci | filter component == "total" | compare 2018 2019 | filter province == "Lai Chau""#])
    #expect(r.status == 0)
    #expect(r.stderr.contains(#"`province` never equals "Lai Chau": the data spells it "Lai Châu""#), "\(r.stderr)")
  }

  // MARK: No impossible values, numbers as people read them, Vietnamese order

  @Test func whatIfRefusesAScoreOutsideTheScaleAndItsHintRuns() throws {
    let r = try Self.chiso(["-c", #"from pci | what_if unit:"Lai Châu" year:2016 component:market_entry raise:2"#])
    #expect(r.status == 1 && r.stdout.isEmpty)
    #expect(r.stderr.contains("would make Lai Châu's `market_entry` 10.840661 in 2016, outside the pci scale 0–10"))
    let raise = try #require(r.stderr.firstMatch(of: /`(raise:[0-9.]+)`/)).1
    let fixed = try Self.chiso(["--format", "csv", "-c", #"from pci | what_if unit:"Lai Châu" year:2016 component:market_entry "# + raise + " | select {value_after}"])
    #expect(fixed.status == 0 && fixed.stdout == "value_after\n10.0\n", "\(fixed.stderr)")
  }

  @Test func numbersShowAsPeopleReadThem() throws {
    let change = try Self.chiso(["-c", #"from pci | explain_rank 2015 2016 | filter province == "Lai Châu" | select {score_change}"#])
    #expect(change.stdout.contains("│      0.69183 │") && !change.stdout.contains("0.691830000000003"))
    let rounded = try Self.chiso(["-c", #"from pci | filter year == 2016 && component == "total" && province == "Đà Nẵng" | select {s = (score | math.round 2)}"#])
    #expect(rounded.stdout.contains("│ 70.00 │"))
    // Exports keep every digit.
    let csv = try Self.chiso(["--format", "csv", "-c", #"from pci | explain_rank 2015 2016 | filter province == "Lai Châu" | select {score_change}"#])
    #expect(csv.stdout == "score_change\n0.691830000000003\n")
  }

  @Test func provincesSortInVietnameseOrder() throws {
    let r = try Self.chiso(["--format", "csv", "-c", #"from pci | filter year == 2016 && component == "total" | sort province | select {province}"#])
    let names = r.stdout.split(separator: "\n").dropFirst().map(String.init)
    #expect(names.count == 63)
    let position = { (name: String) in names.firstIndex(of: name) ?? -1 }
    #expect(position("Cần Thơ") < position("Đà Nẵng") && position("Đà Nẵng") < position("Điện Biên"))
    #expect(position("Đồng Tháp") < position("Gia Lai") && names.last == "Yên Bái")
  }

  // MARK: Small ones

  @Test(arguments: [("par_index", "Public Administration Reform Index"), ("sipas", "Satisfaction Index of Public Administrative Services")])
  func describeByIndexID(_ id: String, _ name: String) throws {
    let r = try Self.chiso(["--describe", id])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("\(id) — \(name)"))
  }

  @Test func theHelpsExampleScriptExistsAndRuns() throws {
    let help = try Self.chiso(["--help"])
    let example = try #require(help.stdout.firstMatch(of: /chiso (Queries\/\S+\.prql)/)).1
    let r = try Self.chiso(["--format", "csv", String(example)])
    #expect(r.status == 0, "\(example): \(r.stderr)")
    #expect(r.stdout.split(separator: "\n").count >= 2)
  }

  // MARK: Teaching that grades

  @Test func checkGradesALessonAndExitsThreeOnAWrongAnswer() throws {
    let exercise = "Queries/lessons/02_ranks_your_turn.prql"
    let r = try Self.chiso(["check", exercise])
    #expect(r.status == 4)
    #expect(r.stdout.hasSuffix("lesson 02_ranks_your_turn: 0 of 1 answer right\n"))
    #expect(r.stdout.contains("\(exercise):16: wrong — `rank` differs in 60 rows"))
    // Its solution passes; several files end with a total.
    let all = try Self.chiso(["check", "--quiet", "Queries/lessons/solutions/01_reading_an_index_your_turn.prql", "Queries/lessons/solutions/02_ranks_your_turn.prql"])
    #expect(all.status == 0, "\(all.stderr)")
    #expect(all.stdout == "lesson 01_reading_an_index_your_turn: 1 of 1 answer right\nlesson 02_ranks_your_turn: 1 of 1 answer right\n2 lessons: 2 of 2 answers right\n")
    // Running the exercise as a script exits 4 too, and says why.
    let plain = try Self.chiso(["--format", "csv", exercise])
    #expect(plain.status == 4)
    #expect(plain.stdout.hasPrefix("correct,explanation\nfalse,"))
    #expect(plain.stderr.contains("1 answer is wrong (exit status 4)"))
    // So does a one-off query.
    let inline = try Self.chiso(["-c", "from provinces | take 2 | check (from provinces | take 3)"])
    #expect(inline.status == 4)
    let right = try Self.chiso(["-c", "from provinces | take 2 | check (from provinces | take 2)"])
    #expect(right.status == 0)
  }

  @Test func checkGradesAClassAgainstTheTeachersKey() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let solved = try String(contentsOfFile: CLITests.packageRoot.appendingPathComponent("Queries/lessons/solutions/04_explaining_a_rank_change_your_turn.prql").path, encoding: .utf8)
    let students = folder.appendingPathComponent("an")
    try FileManager.default.createDirectory(at: students, withIntermediateDirectories: true)
    let file = "04_explaining_a_rank_change_your_turn.prql"
    // A student who solved it (their file has no answer of its own)…
    let answerless = solved.replacingOccurrences(of: #"(?s)let answer = \(.*?\n\)\n"#, with: "", options: .regularExpression)
    #expect(!answerless.contains("let answer"))
    try answerless.write(to: students.appendingPathComponent(file), atomically: true, encoding: .utf8)
    let key = CLITests.packageRoot.appendingPathComponent("Queries/lessons/solutions").path
    let graded = try Self.chiso(["check", "--key", key, students.appendingPathComponent(file).path])
    #expect(graded.status == 0, "\(graded.stderr)")
    #expect(graded.stdout.hasSuffix("lesson 04_explaining_a_rank_change_your_turn: 1 of 1 answer right\n"))
    // …one who wrote their own (wrong) answer to match a wrong query: not right.
    let cheat = "let answer = (from pci | take 1 | aggregate {provinces = count this})\nfrom pci | take 1 | aggregate {provinces = count this}\ncheck answer\n"
    try cheat.write(to: students.appendingPathComponent(file), atomically: true, encoding: .utf8)
    let caught = try Self.chiso(["check", "--key", key, students.appendingPathComponent(file).path])
    #expect(caught.status == 4)
    #expect(caught.stdout.contains("the file defines `answer` itself, but the answer comes from"))
    // …and one whose query does not run: exit 1, the error on standard error, the answer wrong.
    try "from pci | filter yaer == 2016 | check answer\n".write(to: students.appendingPathComponent(file), atomically: true, encoding: .utf8)
    let broken = try Self.chiso(["check", "--key", key, students.appendingPathComponent(file).path])
    #expect(broken.status == 1)
    #expect(broken.stderr.contains("unknown column `yaer`"))
    #expect(broken.stdout.hasSuffix("0 of 1 answer right; 1 query did not run\n"))
    // Without --key, a student's folder has no solutions/ beside it: the verdict says where it looked.
    let keyless = try Self.chiso(["check", students.appendingPathComponent(file).path])
    #expect(keyless.status == 1)
    #expect(keyless.stdout.contains("there is no solution file \(students.path)/solutions/\(file)"))
    // Run as a script, it says the same.
    let run = try Self.chiso([students.appendingPathComponent(file).path])
    #expect(run.status == 1)
    #expect(run.stderr.contains("note: there is no solution file \(students.path)/solutions/\(file)"))
    // Usage errors: a file with nothing to grade, a missing file, a missing key folder.
    let nothing = try Self.chiso(["check", "Queries/lessons/02_ranks.prql"])
    #expect(nothing.status == 2 && nothing.stderr.contains("has no `check`: there is nothing to grade"))
    #expect(try Self.chiso(["check", "no/such/lesson.prql"]).status == 2)
    #expect(try Self.chiso(["check", "--key", "/no/such/folder", "Queries/lessons/02_ranks_your_turn.prql"]).status == 2)
    // In Vietnamese.
    let vi = try Self.chiso(["check", "--lang", "vi", "--quiet", "Queries/lessons/05_methodology_breaks_your_turn.prql"])
    #expect(vi.status == 4 && vi.stdout == "bài 05_methodology_breaks_your_turn: đúng 0 trên 1 câu\n")
  }

  // MARK: Charts that don't hide

  static let wideQuery =
    #"from pci | filter province == "Lai Châu" && component != "total" && year >= 2012 && year <= 2016 | group year (aggregate {lowest = min score, highest = max score}) | sort year"#

  @Test func aWideResultDrawsEveryColumn() throws {
    let r = try Self.chiso(["--chart", "line", "-c", Self.wideQuery])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("lowest and highest by year, 2012–2016\n"))
    #expect(r.stdout.contains("● highest 8.84 (2016)") && r.stdout.contains("○ lowest 4.54 (2016)"))
    #expect(r.stdout.contains("2012") && r.stdout.contains("2016   year"))
    let one = try Self.chiso(["--chart", "line", "--value", "lowest", "-c", Self.wideQuery])
    #expect(one.status == 0 && one.stdout.hasPrefix("lowest by year") && !one.stdout.contains("highest"))
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let svg = folder.appendingPathComponent("wide.svg").path
    let file = try Self.chiso(["--chart", "line:\(svg)", "--format", "csv", "-c", Self.wideQuery])
    #expect(file.status == 0)
    #expect(file.stderr.contains("wrote line chart of lowest and highest to \(svg)"))
    let text = try String(contentsOfFile: svg, encoding: .utf8)
    #expect(text.components(separatedBy: "<polyline").count == 3)
  }

  @Test func tooManyColumnsRefuseAndNameThem() throws {
    let r = try Self.chiso(["--chart", "line", "-c", #"from pci | filter province == "Lai Châu" && year >= 2012 && year <= 2016 | pivot component score"#])
    #expect(r.status == 1)
    #expect(r.stderr.contains("error: chart: the result has 11 numeric columns (`market_entry`, `land_access`"))
    #expect(r.stderr.contains("pick the one to draw — `--value market_entry`"))
    let picked = try Self.chiso(["--chart", "line", "--value", "market_entry", "-c", #"from pci | filter province == "Lai Châu" && year >= 2012 && year <= 2016 | pivot component score"#])
    #expect(picked.status == 0 && picked.stdout.hasPrefix("market_entry by year"))
    let lonely = try Self.chiso(["--value", "score", "-c", "from pci | take 1"])
    #expect(lonely.status == 2 && lonely.stderr.contains("--value needs --chart"))
  }
}
