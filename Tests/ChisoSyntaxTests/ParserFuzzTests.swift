import ChisoEngine
import ChisoSyntax
import Foundation
import Testing

/// Property-based fuzzing of the lexer and parser: for any text, `Parser.parse` returns a query or
/// throws a `Diagnostic` whose span lies inside the text, never crashes, never hangs.
///
/// Three seeded generators: token soup (PRQL's tokens in random order), mutated real queries, and
/// pathological shapes (deep nesting, long chains, huge literals). Each test runs
/// `CHISO_FUZZ_ITERATIONS` inputs (default 2,000; `CHISO_FUZZ_ITERATIONS=1000000` for a long run)
/// from seed `CHISO_FUZZ_SEED` (default fixed), so a failure names the input that reproduces it.
@Suite struct ParserFuzzTests {
  static var iterations: Int {
    ProcessInfo.processInfo.environment["CHISO_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 2_000
  }
  static var seed: UInt64 {
    ProcessInfo.processInfo.environment["CHISO_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_240_521
  }

  /// Real queries: the language reference's, the conformance suite's shapes, chiso's own.
  static let seeds: [String] = [
    "from pci\nfilter year == 2016 && component == \"total\"\nderive {score_10 = score / 10}\nsort {-score}\ntake 5\nselect {province, score, score_10}",
    "from pci\nfilter component == \"total\" && (year | in 2015..2016)\ngroup {year} (sort {-score} | derive {rank = rank score})\nfilter province == \"Lai Châu\"",
    "from pci | filter province == \"Lai Châu\" && component == \"total\" | sort year | derive {change = (score - (lag 1 score) | math.round 2)} | select {year, score, change} | take 3",
    "let above = threshold score -> score > threshold\nlet top_n = n rel -> (from r = rel | sort {-score} | take n)\nfrom pci | filter (above 60 score)",
    "from t = tracks\njoin side:left a = (from albums | filter artist_id > 3) (==album_id)\nselect {t.name, a.title}",
    "from pci\nfilter province == \"Lai Châu\"\nsort year\nwindow rolling:3 (derive {avg3 = average score})\nwindow rows:-2..0 (derive {s = sum score})\nwindow range:-5..5 (derive {m = max score})",
    "from [{a = 1, b = \"x\"}, {a = 2, b = null}] | derive {c = f\"{b} ({a})\", d = r\"\\d+\", e = @2019-05-27 + 3days}",
    "from_text format:json '{\"columns\": [\"a\"], \"data\": [[1], [2]]}' | aggregate {n = count this, s = sum a}",
    "prql target:sql.duckdb\nfunc double x -> x * 2\nfrom `điểm số` | select !{gso_code} | derive {x = case [score > 60 => \"high\", true => \"low\"]}",
    "from e = employees\nloop (filter reports_to != null | derive {x = 1})\ntake ..10\nappend (from employees)\nremove (from employees | take 3)\nintersect (from employees)",
    "from invoices | derive {d = date.to_text \"%d/%m/%Y\" invoice_date, y = (total | as int), z = total ?? 0, w = -13 // 5, v = -13 % 5, u = 2 ** 3 ** 2}",
    "from x = tracks \\\n  | sort {+name, -milliseconds} # comment\n| take 11..20",
  ]

  static let vocabulary: [String] = [
    "from", "filter", "derive", "select", "group", "aggregate", "sort", "take", "join", "window", "append",
    "remove", "intersect", "loop", "let", "func", "case", "prql", "true", "false", "null", "this", "that",
    "side:left", "rows:", "range:", "rolling:3", "expanding:true", "format:json", "pci", "score", "year",
    "t.name", "math.round", "text.lower", "date.to_text", "count", "sum", "rank", "lag", "in", "as", "int",
    "`a b`", "`", "điểm", "Đắk", "x", "_y", "0", "1", "-3", "2.5", "1e-3", "1_000", "1e400", "9223372036854775808",
    "\"s\"", "'s'", "\"\"\"a\"\"\"", "\"a\\\"b\"", "\"\\u{1EA1}\"", "\"\\u{ZZ}\"", "\"", "'", "r\"\\d\"", "f\"{a}\"",
    "f\"{\"", "s\"SELECT 1\"", "@2019-05-27", "@2019-05-27T10:30:00", "@", "@2019-13-45", "3days", "2weeks",
    "5years", "+", "-", "*", "/", "//", "%", "**", "==", "!=", "<", "<=", ">", ">=", "~=", "??", "&&", "||",
    "!", "..", "->", "=>", "=", ":", ",", ".", "|", "{", "}", "(", ")", "[", "]", "\n", "\\\n", "# c\n", " ",
    "\t", "\r\n", "\u{FEFF}", "\u{0}", "\u{7F}", "🙂", "e\u{301}",
  ]

  static func check(_ text: String, _ what: String) {
    let clock = ContinuousClock()
    let start = clock.now
    do {
      _ = try Parser.parse(SourceFile(name: "fuzz", text: text))
    } catch {
      let count = text.utf8.count
      if let span = error.span {
        // (A caret may stand just past the end, at the end of input: an unterminated `"\u{12`
        // is reported so.)
        #expect(span.start >= 0 && span.start <= span.end && span.end <= count + 1, "\(what): span \(span) outside 0…\(count): \(text.debugDescription)")
      }
      #expect(!error.message.isEmpty, "\(what): empty message for \(text.debugDescription)")
    }
    let elapsed = clock.now - start
    #expect(elapsed < .seconds(2), "\(what): took \(elapsed) on \(text.prefix(200).debugDescription)")
  }

  @Test func tokenSoup() {
    var g = SeededGenerator(seed: Self.seed)
    for i in 0..<Self.iterations {
      var text = ""
      for _ in 0..<Int.random(in: 1...40, using: &g) {
        text += Self.vocabulary[Int.random(in: 0..<Self.vocabulary.count, using: &g)]
        if Int.random(in: 0..<3, using: &g) > 0 { text += " " }
      }
      Self.check(text, "token soup #\(i)")
    }
  }

  @Test func mutatedQueries() {
    var g = SeededGenerator(seed: Self.seed &+ 1)
    let pieces = Self.vocabulary
    for i in 0..<Self.iterations {
      var scalars = Array(Self.seeds[Int.random(in: 0..<Self.seeds.count, using: &g)].unicodeScalars)
      for _ in 0..<Int.random(in: 1...6, using: &g) {
        let at = Int.random(in: 0...scalars.count, using: &g)
        switch Int.random(in: 0..<5, using: &g) {
        case 0: scalars.insert(contentsOf: pieces[Int.random(in: 0..<pieces.count, using: &g)].unicodeScalars, at: at)
        case 1: if at < scalars.count { scalars.remove(at: at) }
        case 2:
          // Delete a stretch.
          let end = min(scalars.count, at + Int.random(in: 1...12, using: &g))
          scalars.removeSubrange(at..<end)
        case 3:
          // Duplicate a stretch (nesting, repeated steps).
          let end = min(scalars.count, at + Int.random(in: 1...30, using: &g))
          scalars.insert(contentsOf: scalars[at..<end], at: at)
        default:
          if at < scalars.count, let s = Unicode.Scalar(UInt32.random(in: 0...0x1F6FF, using: &g)) { scalars[at] = s }
        }
      }
      var text = ""
      text.unicodeScalars.append(contentsOf: scalars)
      Self.check(text, "mutated query #\(i)")
    }
  }

  /// Shapes that break recursive parsers: each gives a located error (or parses), never a stack overflow.
  @Test func pathologicalShapes() {
    let n = 20_000
    let shapes: [(String, String)] = [
      ("parentheses", String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)),
      ("unclosed parentheses", "from t | derive x = " + String(repeating: "(", count: n)),
      ("braces", "from t | select " + String(repeating: "{", count: n)),
      ("brackets", "from " + String(repeating: "[", count: n)),
      ("unary minus", "from t | derive x = " + String(repeating: "-", count: n) + "1"),
      ("not", "from t | filter " + String(repeating: "!", count: n) + "true"),
      ("sum chain", "from t | derive x = 1" + String(repeating: " + 1", count: n)),
      ("power chain", "from t | derive x = 2" + String(repeating: " ** 2", count: n)),
      ("coalesce chain", "from t | derive x = a" + String(repeating: " ?? a", count: n)),
      ("and chain", "from t | filter a" + String(repeating: " && a", count: n)),
      ("pipeline", "from t" + String(repeating: " | take 1", count: n)),
      ("lines", "from t\n" + String(repeating: "filter a > 1\n", count: n)),
      ("wide tuple", "from t | select {" + (0..<n).map { "c\($0)" }.joined(separator: ", ") + "}"),
      ("calls", "from t | derive x = " + String(repeating: "math.abs (", count: n) + "1" + String(repeating: ")", count: n)),
      ("nested f-strings", "from t | derive x = " + String(repeating: "f\"{", count: 2_000) + "a" + String(repeating: "}\"", count: 2_000)),
      ("nested lets", (0..<2_000).map { "let r\($0) = (from r\($0 == 0 ? "t" : String($0 - 1)))" }.joined(separator: "\n") + "\nfrom r1999"),
      ("long string", "from t | filter a == \"" + String(repeating: "ạ", count: 1_000_000) + "\""),
      ("long identifier", "from " + String(repeating: "a", count: 1_000_000)),
      ("long number", "from t | take " + String(repeating: "9", count: 100_000)),
      ("many comments", String(repeating: "# comment\n", count: n) + "from t"),
      // (500, not 20,000: see `manyLineContinuations` below.)
      ("continuations", "from t" + String(repeating: "\n\\ ", count: 500)),
    ]
    for (name, text) in shapes { Self.check(text, name) }
  }
}

/// Crashers the fuzzer found, kept as tests now that they are fixed.
@Suite struct ParserKnownCrashers {
  /// `Lexer.next()` used to call itself once per `\` line continuation, so a few thousand of them
  /// overflowed the stack (signal 11); it now loops.
  @Test
  func manyLineContinuations() {
    ParserFuzzTests.check("from t" + String(repeating: "\n\\ ", count: 20_000), "continuations")
  }
}

