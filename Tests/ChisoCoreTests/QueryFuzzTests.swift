import ChisoCore
import ChisoEngine
import ChisoSyntax
import Foundation
import Testing

/// Whole-pipeline fuzzing: mutated queries go through the resolver and the executor on the
/// bundled data. Every input must give a table (columns as long as its row count) or a
/// `ChisoError` with a message — never a crash (an integer trap, an index out of range, a stack
/// overflow) and never a hang.
///
/// `CHISO_FUZZ_ITERATIONS` inputs per test (default 1,000) from `CHISO_FUZZ_SEED`;
/// `CHISO_FUZZ_TRACE=FILE` keeps the input being run (the crashing one, after a crash).
@Suite struct QueryFuzzTests {
  static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Datasets").path
  static var iterations: Int {
    ProcessInfo.processInfo.environment["CHISO_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 1_000
  }
  static var seed: UInt64 {
    ProcessInfo.processInfo.environment["CHISO_FUZZ_SEED"].flatMap(UInt64.init) ?? 7_919
  }

  static let seeds: [String] = [
    "from provinces | filter area_km2 > 5000 && region != null | derive {density = population_thousand / area_km2} | sort {-density} | take 5",
    "from pci_ranks | group {year, tier} (aggregate {n = count this, best = min this.rank, s = sum this.rank, a = average this.rank})",
    "from r = pci_ranks | sort {year, this.rank} | group {year} (derive {rn = row_number this, rk = rank this.rank, rd = rank_dense this.rank, p = lag 1 province, q = lead 2 province, f = first province, l = last province})",
    "from pci_ranks | sort {gso_code, year} | window rows:-2..0 (derive {m = average this.rank, x = max this.rank}) | window range:-1..1 (derive {c = count this}) | window expanding:true (derive {t = sum this.rank})",
    "from a = province_aliases | join side:left p = provinces (==gso_code) | select {a.alias, p.region, p.area_km2} | filter (region | text.starts_with \"North\")",
    "from [{a = 1, b = \"x\", c = 2.5, d = true}, {a = null, b = null, c = null, d = null}, {a = -3, b = \"Đắk\", c = 0.0, d = false}] | derive {e = a // 2, f = a % 2, g = c / 0, h = b ?? \"-\", i = f\"{a}:{b}\", j = (c | as int), k = math.round 1 c}",
    "from seed_figures | filter value != null | derive {v = (value | as text), y = year * 1} | group {index, measure} (sort {-value} | take 1..2) | select !{quote, source}",
    "from provinces | select {gso_code, region} | append (from former_provinces | select {gso_code, province}) | remove (from provinces | take 3 | select {gso_code, region}) | intersect (from provinces | select {gso_code, region})",
    "let big = (from provinces | filter population_thousand > 1500)\nfunc share part whole -> part / whole * 100\nfrom big | derive {s = share area_km2 331000} | sort s",
    "from [{n = 1}] | loop (filter n < 20 | derive {n = n + 1}) | aggregate {m = max n, c = count this}",
    "from provinces | derive {t = text.upper name_ascii, l = text.length province, x = text.extract 2 3 province, r = text.replace \"a\" \"ư\" province, m = province ~= \"^B\", d = date.to_text \"%Y\" @2019-05-27 + 3}",
  ]

  static let vocabulary: [String] = [
    "from", "filter", "derive", "select", "group", "aggregate", "sort", "take", "join", "window", "append",
    "remove", "intersect", "loop", "let", "this", "that", "null", "true", "false", "provinces", "pci_ranks",
    "former_provinces", "seed_figures", "province_aliases", "gso_code", "province", "region", "area_km2",
    "population_thousand", "year", "this.rank", "tier", "value", "alias", "a", "b", "c", "n", "x",
    "sum", "count", "count_distinct", "average", "min", "max", "stddev", "median", "concat_array", "all", "any",
    "row_number", "rank", "rank_dense", "lag", "lead", "first", "last", "math.abs", "math.round", "math.sqrt",
    "math.ln", "math.pow", "text.lower", "text.extract", "text.replace", "date.to_text", "as int", "as float",
    "as text", "as date", "in", "0", "1", "-1", "2", "1.5", "-0.0", "1e308", "9223372036854775807",
    "-9223372036854775808", "4294967296", "\"\"", "\"x\"", "\"Đắk Lắk\"", "@2019-05-27", "@0001-01-01",
    "@9999-12-31T23:59:59", "3days", "2weeks", "rows:-9223372036854775808..0", "range:-1..9223372036854775807",
    "rolling:0", "rolling:-1", "expanding:true", "side:full", "side:right", "+", "-", "*", "/", "//", "%",
    "**", "==", "!=", "<", ">", "~=", "??", "&&", "||", "!", "..", "=", ",", "|", "{", "}", "(", ")", "[",
    "]", "\n", " ", "f\"{a}\"", "\"(\"", "\"[\"", "case [true => 1]",
  ]

  /// `CHISO_FUZZ_TRACE=FILE`: each input is written there before it runs, so that after a crash
  /// the file holds the input that crashed.
  static let trace = ProcessInfo.processInfo.environment["CHISO_FUZZ_TRACE"]

  static func run(_ session: Session, _ text: String, _ what: String) {
    if let trace { try? "# \(what)\n\(text)\n".write(toFile: trace, atomically: false, encoding: .utf8) }
    let clock = ContinuousClock()
    let start = clock.now
    do {
      let table = try session.run(SourceFile(name: "fuzz", text: text))
      #expect(table.columns.allSatisfy { $0.count == table.rowCount }, "\(what): ragged result for \(text.debugDescription)")
      #expect(table.names.count == table.columns.count, "\(what): names and columns differ for \(text.debugDescription)")
    } catch {
      switch error {
      case .query(let d):
        #expect(!d.message.isEmpty, "\(what): empty message for \(text.debugDescription)")
        if let span = d.span { #expect(span.end <= text.utf8.count + 1, "\(what): span \(span) past the end of \(text.debugDescription)") }
      case .data(let e, _):
        #expect(!e.message.isEmpty, "\(what): empty data error for \(text.debugDescription)")
      }
    }
    let elapsed = clock.now - start
    #expect(elapsed < .seconds(10), "\(what): took \(elapsed) on \(text.debugDescription)")
  }

  @Test func mutatedPipelines() {
    let session = Session(dataDirectories: [Self.datasets])
    var g = SeededGenerator(seed: Self.seed)
    for i in 0..<Self.iterations {
      var parts = Self.seeds[Int.random(in: 0..<Self.seeds.count, using: &g)].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
      for _ in 0..<Int.random(in: 1...4, using: &g) {
        let at = Int.random(in: 0...parts.count, using: &g)
        switch Int.random(in: 0..<4, using: &g) {
        case 0: parts.insert(Self.vocabulary[Int.random(in: 0..<Self.vocabulary.count, using: &g)], at: at)
        case 1: if at < parts.count { parts.remove(at: at) }
        case 2: if at < parts.count { parts[at] = Self.vocabulary[Int.random(in: 0..<Self.vocabulary.count, using: &g)] }
        default:
          // Repeat a stretch: longer pipelines, repeated steps, nested groups.
          let end = min(parts.count, at + Int.random(in: 1...8, using: &g))
          parts.insert(contentsOf: parts[at..<end], at: at)
        }
      }
      Self.run(session, parts.joined(separator: " "), "mutated pipeline #\(i)")
    }
  }

  /// Limits the architecture promises (docs/architecture.md, "Errors never crash") hold through
  /// the resolver and executor, not only the parser.
  @Test func limitsThroughTheWholePipeline() {
    let session = Session(dataDirectories: [Self.datasets])
    let cases: [(String, String)] = [
      ("999-deep sum", "from [{a = 1}] | derive {x = a" + String(repeating: " + a", count: 998) + "}"),
      ("deep parentheses", "from [{a = 1}] | derive {x = " + String(repeating: "(", count: 250) + "a" + String(repeating: ")", count: 250) + "}"),
      ("deep calls", "from [{a = 1}] | derive {x = " + String(repeating: "math.abs (", count: 120) + "a" + String(repeating: ")", count: 120) + "}"),
      ("deep coalesce", "from [{a = null}] | derive {x = a" + String(repeating: " ?? a", count: 998) + "}"),
      ("2,000 derives", "from [{a = 1}]" + (0..<2_000).map { " | derive {c\($0) = a + \($0)}" }.joined()),
      ("2,000 filters", "from provinces" + String(repeating: " | filter area_km2 > 0", count: 2_000)),
      ("1,000 columns", "from [{a = 1}] | derive {" + (0..<1_000).map { "c\($0) = a * \($0)" }.joined(separator: ", ") + "}"),
      ("endless loop", "from [{n = 1}] | loop (derive {n = n + 1})"),
      ("recursive function", "func f x -> (f x)\nfrom [{a = 1}] | derive {b = f a}"),
      ("mutual recursion", "func f x -> (g x)\nfunc g x -> (f x)\nfrom [{a = 1}] | derive {b = f a}"),
      ("overflowing sum", "from [{a = 9223372036854775807}, {a = 1}] | aggregate {s = sum a}"),
      ("overflowing product", "from [{a = 9223372036854775807}] | derive {b = a * 2}"),
      ("min int negated", "from [{a = -9223372036854775808}] | derive {b = -a, c = math.abs a, d = a // -1, e = a % -1}"),
      ("huge power", "from [{a = 10}] | derive {b = a ** 400, c = 2 ** 64}"),
      ("huge take", "from provinces | take 9223372036854775807"),
      ("extreme take range", "from provinces | take -9223372036854775808..9223372036854775807"),
      ("extreme frame", "from provinces | sort gso_code | window rows:-9223372036854775808..9223372036854775807 (derive {s = sum area_km2})"),
      ("extreme range frame", "from pci_ranks | sort year | window range:-9223372036854775807..9223372036854775807 (derive {s = sum year})"),
      ("huge lag", "from provinces | sort gso_code | derive {x = lag 9223372036854775807 province, y = lead -5 province}"),
      ("extreme rounding", "from [{a = 1.5}] | derive {b = math.round 400 a, c = math.round -400 a, d = math.round 9223372036854775807 a}"),
      ("cast extremes", "from [{a = 1e300}, {a = -1e300}] | derive {b = (a | as int)}"),
      ("text extract extremes", "from [{a = \"abc\"}] | derive {b = text.extract -9223372036854775808 9223372036854775807 a, c = text.extract 9223372036854775807 1 a}"),
      ("date extremes", "from [{d = @9999-12-31}] | derive {e = d + 9223372036854775807, f = d + 1, g = d - 4000000}"),
      ("timestamp extremes", "from [{d = @9999-12-31T23:59:59}] | derive {e = d + 1000000days}"),
      ("self cross join", "from provinces | join side:full (from provinces) (true) | aggregate {n = count this}"),
    ]
    for (name, text) in cases { Self.run(session, text, name) }
  }
}
