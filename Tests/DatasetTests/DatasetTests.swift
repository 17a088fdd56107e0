import ChisoCore
import ChisoEngine
import ChisoSyntax
import Foundation
import Testing

/// The bundled data's contract (Datasets/README.md), checked with chiso's own queries.
struct DatasetTests {
  static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Datasets").path
  let session = Session(dataDirectories: [DatasetTests.datasets])

  func rows(_ query: String) throws -> [[Value]] {
    let table = try session.run(SourceFile(name: "test", text: query))
    return (0..<table.rowCount).map { row in table.columns.map { $0.value(at: row) } }
  }

  func single(_ query: String) throws -> Value {
    try rows(query).first?.first ?? .null
  }

  @Test func schemasAreTheContract() throws {
    let expected: [String: [String]] = [
      "pci": ["year", "gso_code", "province", "component", "score"],
      "papi": ["year", "gso_code", "province", "component", "score"],
      "papi_subdimensions": ["year", "gso_code", "province", "component", "subdimension", "score"],
      "provinces": ["gso_code", "province", "name_ascii", "iso_3166_2", "region", "area_km2", "population_thousand"],
    ]
    for (table, columns) in expected {
      let t = try #require(try session.catalog.table(table))
      #expect(t.names == columns, "\(table) columns")
      #expect(t.columns[t.index(of: "gso_code") ?? 0].type == .text, "\(table).gso_code is text")
    }
  }

  @Test func provinceCountsPerYear() throws {
    // PCI: 42 provinces in 2005, 64 in 2006–2008 (with Hà Tây), 63 from 2009.
    let counts = try rows("from pci | filter component == \"total\" | group year (aggregate {n = count this}) | sort year")
    let byYear = Dictionary(uniqueKeysWithValues: counts.compactMap { row -> (Int64, Int64)? in
      guard case .int(let y) = row[0], case .int(let n) = row[1] else { return nil }
      return (y, n)
    })
    #expect(byYear[2005] == 42)
    for year in Int64(2006)...2008 { #expect(byYear[year] == 64, "PCI \(year)") }
    for year in Int64(2009)...2016 { #expect(byYear[year] == 63, "PCI \(year)") }
    #expect(try single("from provinces | aggregate {n = count this}") == .int(63))
  }

  @Test func noDuplicateKeys() throws {
    for query in [
      "from pci | group {year, gso_code, component} (aggregate {n = count this}) | filter n > 1 | aggregate {d = count this}",
      "from papi | group {year, gso_code, component} (aggregate {n = count this}) | filter n > 1 | aggregate {d = count this}",
      "from papi_subdimensions | group {year, gso_code, component, subdimension} (aggregate {n = count this}) | filter n > 1 | aggregate {d = count this}",
      "from provinces | group {gso_code} (aggregate {n = count this}) | filter n > 1 | aggregate {d = count this}",
    ] {
      #expect(try single(query) == .int(0), "\(query)")
    }
  }

  @Test func everyProvinceNameIsTheOfficialSpelling() throws {
    for table in ["pci", "papi", "papi_subdimensions", "pci_ranks"] {
      let query = """
        from \(table)
        group {gso_code, province} (aggregate {n = count this})
        join side:left p = (from provinces | append (from former_provinces | select {gso_code = (gso_code | as text), province, name_ascii, iso_3166_2 = null, region = null, area_km2 = null, population_thousand = null})) (this.gso_code == that.gso_code && this.province == that.province)
        filter p.gso_code == null
        aggregate {unmatched = count this}
        """
      #expect(try single(query) == .int(0), "\(table) has names not in provinces")
    }
  }

  @Test func scoresWithinTheirScales() throws {
    #expect(try single("from pci | filter component != \"total\" && (score < 0 || score > 10) | aggregate {n = count this}") == .int(0))
    #expect(try single("from pci | filter component == \"total\" && (score < 0 || score > 100) | aggregate {n = count this}") == .int(0))
    #expect(try single("from papi | filter component != \"total\" && (score < 1 || score > 10) | aggregate {n = count this}") == .int(0))
    #expect(try single("from papi | filter component == \"total\" && year < 2018 && (score < 6 || score > 60) | aggregate {n = count this}") == .int(0))
    #expect(try single("from papi | filter component == \"total\" && year >= 2018 && (score < 8 || score > 80) | aggregate {n = count this}") == .int(0))
  }

  /// Published figures: PAPI 2022 Quảng Ninh top at 47.88, Cao Bằng bottom at 38.80; PCI 2016 Đà
  /// Nẵng top at 70.00.
  @Test func spotChecksAgainstPublishedFigures() throws {
    let top = try rows("from papi | filter year == 2022 && component == \"total\" | sort {-score} | take 1 | select {province, s = (score | math.round 2)}")
    #expect(top.first == [.text("Quảng Ninh"), .float(47.88)])
    let bottom = try rows("from papi | filter year == 2022 && component == \"total\" | sort score | take 1 | select {province, s = (score | math.round 2)}")
    #expect(bottom.first == [.text("Cao Bằng"), .float(38.8)])
    let pci = try rows("from pci | filter year == 2016 && component == \"total\" | sort {-score} | take 1 | select {province, s = (score | math.round 2)}")
    #expect(pci.first == [.text("Đà Nẵng"), .float(70.0)])
  }

  /// Published PCI ranks are competition ranks of the unrounded composite, except one pair in
  /// 2011 (equal at two decimals, ranked apart by VCCI) — chiso's `rank` must reproduce the rest.
  @Test func publishedPCIRanksAreCompetitionRanks() throws {
    let mismatches = try rows("""
      from pci
      filter component == "total"
      group year (sort {-score} | derive {r = rank score})
      join pci_ranks (this.year == that.year && this.gso_code == that.gso_code)
      filter r != rank
      select {pci.year, pci.province, r, rank}
      """)
    #expect(mismatches.count <= 2, "unexpected rank mismatches: \(mismatches)")
    for row in mismatches { #expect(row[0] == .int(2011)) }
  }

  @Test func manifestsParseAndMatchTheData() throws {
    for table in ["pci", "papi"] {
      let manifest = try #require(session.catalog.manifests[table], "no manifest for \(table)")
      let components = Set(try rows("from \(table) | group component (aggregate {n = count this})").compactMap { row -> String? in
        if case .text(let c) = row[0] { return c } else { return nil }
      })
      #expect(Set(manifest.components.map(\.id)) == components, "\(table) manifest components")
      #expect(!manifest.breaks.isEmpty)
    }
    #expect(session.catalog.manifestProblems.isEmpty, "\(session.catalog.manifestProblems)")
    #expect(session.catalog.manifests["par_index"] != nil || session.catalog.manifests.values.contains { $0.id == "par_index" })
  }

  /// A step that relates rows of different years warns, and so does a result that lists scores
  /// from both sides of a break; work within one year does not, wherever its filter stands.
  @Test func crossBreakComparisonWarns() throws {
    let across = try session.execute(SourceFile(name: "t", text: "from papi | filter component == \"total\" | group province (aggregate {m = average score})"))
    #expect(across.warnings.contains { $0.code == "methodology-break" })
    let change = try session.execute(SourceFile(name: "t", text: "from papi | filter component == \"total\" | group province (sort year | derive {d = score - (lag 1 score)})"))
    #expect(change.warnings.contains { $0.code == "methodology-break" })
    let listing = try session.execute(SourceFile(name: "t", text: "from papi | filter component == \"total\" | group year (aggregate {m = average score})"))
    #expect(listing.warnings.map(\.message) == ["the result lists papi `total` from both sides of a methodology break in 2018"])
    let withinYear = try session.execute(SourceFile(
      name: "t", text: "from papi | filter component == \"total\" | group year (sort {-score} | derive {r = rank score}) | filter year == 2019"))
    #expect(withinYear.warnings.isEmpty)
    let clean = try session.execute(SourceFile(name: "t", text: "from papi | filter component == \"total\" && year >= 2018 | group province (aggregate {m = average score})"))
    #expect(clean.warnings.isEmpty)
  }

  @Test func namesTypedWithoutDiacriticsGetASuggestion() throws {
    let result = try session.execute(SourceFile(name: "t", text: "from pci | filter province == \"Lai Chau\""))
    #expect(result.table.rowCount == 0)
    let warning = try #require(result.warnings.first { $0.code == "no-such-value" })
    #expect(warning.label == "did you mean \"Lai Châu\"?")
    let exact = try session.execute(SourceFile(name: "t", text: "from pci | filter province == \"Lai Châu\" && year == 2016"))
    #expect(exact.warnings.isEmpty)
  }
}
