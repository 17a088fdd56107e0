import ChisoREPL
import Foundation
import Testing

/// Tab completion in each context, on the bundled `Datasets/`.
struct CompletionTests {
  func replacements(_ text: String) -> [String] { Fixtures.complete(text).replacements }

  // MARK: Transforms and keywords

  @Test func transformsAtTheStartOfAStep() {
    #expect(replacements("fr") == ["from", "from_text"])
    #expect(replacements("from pci | fil") == ["filter", "fill_null"])
    #expect(replacements("from pci | filt") == ["filter"])
    #expect(replacements("from pci\nde") == ["derive"])
    #expect(replacements("from pci | group {year} (ag") == ["aggregate"])
    #expect(replacements("from pci | window rolling:3 (de") == ["derive"])
    #expect(replacements("l").contains("let"))
    #expect(replacements("from pci | ").contains("take"))
    // A transform ends with a space when it is the only choice.
    #expect(Fixtures.complete("from pci | sor").insertion == "sort ")
  }

  @Test func userFunctionsAreTransformsToo() {
    let text = "let top_n = n rel -> (from r = rel | sort {-score} | take n)\nfrom pci | top"
    #expect(replacements(text) == ["top_n"])
  }

  @Test func namedArgumentValues() {
    #expect(replacements("from pci | join side:l") == ["left"])
  }

  // MARK: Functions

  @Test func functionsByNamespace() {
    #expect(replacements("from pci | derive {x = math.ro") == ["math.round"])
    #expect(replacements("from pci | derive {x = text.st") == ["text.starts_with"])
    #expect(replacements("from pci | derive {x = date.") .contains("date.year"))
  }

  @Test func functionsAfterAPipeInsideAnExpression() {
    let result = replacements("from pci | filter (year | i")
    #expect(result == ["in"])
    #expect(replacements("from pci | derive {r = (score | math.") .contains("math.round"))
  }

  @Test func aggregatesAndWindowFunctions() {
    #expect(replacements("from pci | group {year} (aggregate {n = count_d") == ["count_distinct"])
    #expect(replacements("from pci | derive {r = rank_") == ["rank_dense"])
  }

  // MARK: Tables

  @Test func tablesAfterFromAndJoin() {
    #expect(replacements("from prov") == ["province_aliases", "provinces"])
    #expect(replacements("from pci | join p = prov") == ["province_aliases", "provinces"])
    #expect(replacements("from pci | join side:left prov") == ["province_aliases", "provinces"])
    #expect(replacements("from p = pa") == ["papi", "papi_subdimensions"])
    #expect(Fixtures.complete("from provinces_").candidates.isEmpty)
  }

  @Test func letBoundRelationsAreTables() {
    let text = "let top = (from pci | take 3)\nfrom t"
    #expect(replacements(text).contains("top"))
  }

  // MARK: Columns in scope

  @Test func columnsOfTheSourceTable() {
    #expect(replacements("from pci | filter sc") == ["score"])
    #expect(replacements("from pci | select {prov") == ["province"])
    #expect(replacements("from pci | sort {-ye") == ["year"])
    #expect(replacements("from provinces | select {pop") == ["population_thousand"])
  }

  @Test func columnsDerivedInEarlierSteps() {
    #expect(replacements("from pci | derive {gap = 100 - score} | select {ga") == ["gap"])
    #expect(replacements("from pci\nderive {gap = 100 - score}\nfilter g").prefix(2) == ["gso_code", "gap"])
  }

  @Test func columnsDefinedEarlierInTheSameStep() {
    #expect(replacements("from pci | derive {gap = 100 - score, half = ga") == ["gap"])
  }

  @Test func selectNarrowsTheScope() {
    let result = replacements("from pci | select {year, score} | filter ")
    #expect(result.prefix(2) == ["year", "score"])
    #expect(!result.contains("province"))
  }

  @Test func aggregateReplacesTheScope() {
    let result = replacements("from pci | group {year} (aggregate {mean = average score}) | filter m")
    #expect(result.first == "mean")
    #expect(!result.contains("province"))
  }

  @Test func columnsInsideANestedPipeline() {
    let text = "from pci | group {year} (sort {-score} | derive {r = rank score} | filter r"
    #expect(replacements(text).first == "r")
  }

  @Test func columnsOfBothSidesInAJoinCondition() {
    let result = replacements("from pci | join provinces (this.gso_code == that.reg")
    #expect(result == ["that.region"])
    #expect(replacements("from pci | join provinces (==gso").first == "gso_code")
  }

  @Test func columnsAfterAJoin() {
    #expect(replacements("from pci | join provinces (==gso_code) | select {regi") == ["region"])
  }

  @Test func columnsSurviveAnErrorInALaterStep() {
    // `nonsense` does not resolve; the steps before it still give the scope.
    #expect(replacements("from pci | derive {gap = 1} | filter nonsense > 1 | select {ga") == ["gap"])
  }

  @Test func columnsInAMultiLineQuery() {
    #expect(replacements("from pci\nfilter year == 2016\nderive {pct = score / 100}\nselect {pc") == ["pct"])
  }

  @Test func columnNamesNeedingBackticksAreQuoted() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "điểm số,x\n1,2\n".write(to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
    let completer = Completer(session: .init(dataDirectories: [folder.path]), directory: folder.path)
    #expect(completer.complete("from t | select {diem").replacements == ["`điểm số`"])
  }

  // MARK: Values

  @Test func valuesIgnoringDiacriticsAndCase() {
    let completion = Fixtures.complete("from provinces | filter province == \"lang")
    #expect(completion.replacements == ["Lạng Sơn"])
    #expect(completion.insertion == "Lạng Sơn\"")
    #expect(replacements("from provinces | filter province == \"ĐĂK") == ["Đắk Lắk", "Đắk Nông"])
    #expect(Fixtures.complete("from provinces | filter province == \"dak").insertion == "Đắk ")
    #expect(replacements("from provinces | filter province == \"dien bi") == ["Điện Biên"])
    #expect(replacements("from provinces | filter province != \"THUA") == ["Thừa Thiên Huế"])
  }

  @Test func valuesMatchAtAWordStartWhenNoPrefixMatches() {
    #expect(replacements("from provinces | filter province == \"chi minh") == ["TP. Hồ Chí Minh"])
  }

  @Test func valuesWhenTheTypedTextIsNotAPrefixOfAll() {
    // `ha` matches Hà Nội, Hải Phòng, …: the common prefix (`H`) would lose typed text, so Tab
    // leaves the text alone and lists the choices.
    let completion = Fixtures.complete("from provinces | filter province == \"ha")
    #expect(completion.candidates.count > 5)
    #expect(completion.insertion == nil)
  }

  @Test func valuesOfTheRelationInScope() {
    let completion = Fixtures.complete("from pci | filter component == \"tot")
    #expect(completion.replacements == ["total"])
    // After a filter that keeps only totals, only `total` remains.
    #expect(replacements("from pci | filter component == \"total\" | filter component == \"") == ["total"])
  }

  @Test func valuesInsideAnInList() {
    #expect(replacements("from pci | filter (component | in [\"total\", \"market") == ["market_entry"])
  }

  @Test func valuesAfterAQualifiedColumn() {
    #expect(replacements("from p = provinces | filter p.region == \"red") == ["Red River Delta"])
  }

  // MARK: Paths

  @Test func pathsInsideReadCSV() {
    let completion = Fixtures.complete("from (read_csv \"Datasets/prov")
    #expect(completion.replacements == ["Datasets/province_aliases.csv", "Datasets/provinces.csv"])
    #expect(Fixtures.complete("from (read_csv \"Datasets/provinces.c").insertion == "Datasets/provinces.csv\"")
    #expect(Fixtures.complete("from (read_csv \"Data").insertion == "Datasets/")
  }

  @Test func pathsAfterRead() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "from pci".write(to: folder.appendingPathComponent("top.prql"), atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
    let completer = Completer(session: Fixtures.session, directory: folder.path)
    #expect(completer.complete(".read t").replacements == ["top.prql"])
    #expect(completer.complete(".read ").replacements == ["sub/", "top.prql"])
    #expect(completer.complete(".read \(folder.path)/to").replacements == ["\(folder.path)/top.prql"])
    #expect(completer.complete(".output s").insertion == "sub/")
  }

  // MARK: Dot commands

  @Test func dotCommands() {
    #expect(replacements(".sc") == [".schema"])
    #expect(Fixtures.complete(".sc").insertion == ".schema ")
    #expect(replacements(".schema pci") == ["pci", "pci_ranks"])
    #expect(replacements(".mode m") == ["markdown"])
    #expect(replacements(".timer o") == ["on", "off"])
    #expect(replacements(".explain from pci | filter sc") == ["score"])
    #expect(Fixtures.complete(".explain from pci | filter sc").start == ".explain from pci | filter ".utf8.count)
  }

  @Test func commandsInsideAQuery() {
    // `EntryReader` runs a command typed in the middle of a query; completion follows.
    let completion = Fixtures.complete("from pci |\n.sc")
    #expect(completion.replacements == [".schema"])
    #expect(completion.start == "from pci |\n".utf8.count)
  }

  // MARK: Offsets

  @Test func startIsTheOffsetOfTheReplacedText() {
    let text = "from provinces | filter province == \"Đắk"
    let completion = Fixtures.complete(text)
    #expect(completion.start == text.utf8.count - "Đắk".utf8.count)
    #expect(completion.typed == "Đắk")
  }

  @Test func nothingInsideNumbersCommentsOrFStrings() {
    #expect(Fixtures.complete("from pci | take 1").candidates.isEmpty)
    #expect(Fixtures.complete("from pci | derive {x = f\"{prov").candidates.isEmpty)
  }
}

/// Completion and completeness see every half-typed state of real queries; none may crash.
struct CompletionRobustnessTests {
  static var queries: [String] {
    let folder = Fixtures.packageRoot.appendingPathComponent("Queries")
    var texts = [
      "from pci | group {year} (sort {-score} | derive {r = rank score}) | filter r <= 3",
      "let top = (from pci | filter component == \"total\")\nfrom t = top | join side:left p = provinces (this.gso_code == that.gso_code)",
      "from [{a = 1, b = \"x\\\"y\"}] | derive {c = f\"{a} {b}\", d = case [a > 1 => \"big\", true => `odd name`]}",
      "from_text format:json '{\"columns\": [\"a\"], \"data\": [[1]]}' | select {a, this.a, `a`}",
      "from pci | window rolling:3 (derive {avg3 = average score}) | take 2..5 | sort {+year, -score}",
      ".explain from pci | filter (province | text.starts_with \"Đắk\") && year == @2019-01-01",
    ]
    let files = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String]) ?? []
    for file in files.sorted() where file.hasSuffix(".prql") {
      if let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) {
        texts.append(String(text.prefix(600)))
      }
    }
    return texts
  }

  @Test func everyPrefixOfRealQueries() {
    var count = 0
    for query in Self.queries {
      var prefix = ""
      for character in query {
        prefix.append(character)
        let completion = Fixtures.complete(prefix)
        #expect(completion.start >= 0 && completion.start <= prefix.utf8.count)
        _ = completion.insertion
        _ = Completeness.isComplete(prefix)
        count += 1
      }
    }
    #expect(count > 500)
  }

  @Test func garbage() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("ab {}()[]\"'`|.,=:-#\\\n đĐ@0123456789fromsele") + ["\u{0301}"]
    for _ in 0..<300 {
      let length = Int.random(in: 0..<40, using: &generator)
      let text = String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
      let completion = Fixtures.complete(text)
      #expect(completion.start >= 0 && completion.start <= text.utf8.count)
      _ = Completeness.isComplete(text)
      var reader = EntryReader()
      _ = reader.feed(text)
    }
  }
}
