import ChisoEngine
import Foundation
import Testing

/// `~=`'s engine: RE2's syntax on code points, linear time whatever the pattern.
@Suite struct LinearRegexTests {
  func matches(_ pattern: String, _ text: String) throws -> Bool { try LinearRegex(pattern).search(text) }

  @Test func syntax() throws {
    let cases: [(String, String, Bool)] = [
      ("^abc$", "abc", true), ("abc", "xabcx", true), ("^abc", "xabc", false), ("(?i)abc", "ABC", true),
      ("a.c", "abc", true), ("a.c", "a\nc", false), ("(?s)a.c", "a\nc", true), ("a\\.c", "abc", false),
      ("\\d+", "x12", true), ("^\\w+$", "Lạng", false), ("\\w+", "Lạng", true), ("a\\sb", "a b", true),
      ("\\bbar", "foo bar", true), ("\\bbar", "foobar", false), ("\\Bbar", "foobar", true),
      ("a{3}", "aa", false), ("^a{2,3}$", "aaa", true), ("^a{2,}$", "aaaaa", true), ("^a{2,3}$", "aaaa", false),
      ("a|b|c", "zzc", true), ("(ab)+$", "xabab", true), ("(?:ab)*c", "c", true), ("^$", "", true),
      ("[a-cx]", "x", true), ("[^a-c]", "abc", false), ("[]]", "]", true), ("[a\\-z]", "-", true),
      ("[[:digit:]]{2}", "a12", true), ("[[:^alpha:]]", "ab", false), ("\\p{Lu}", "hà Nội", true),
      ("^\\P{L}+$", "12 3", true), ("\\x{1EA1}", "ạ", true), ("\\x41", "A", true), ("\\Qa+b\\E", "a+b", true),
      ("(?i)đắk", "ĐẮK LẮK", true), ("(?i)k", "\u{212A}", true), ("e", "e\u{301}", true), ("e", "é", false),
      ("(?m)^y$", "x\ny", true), ("^y", "x\ny", false), ("x(?P<name>y)z", "xyz", true), ("a\\z", "ba", true),
      ("a??b", "b", true), ("a*?", "", true), ("(a|ab)(c|bcd)(d*)", "abcd", true),
    ]
    for (pattern, text, expected) in cases {
      #expect(try matches(pattern, text) == expected, "\(pattern) on \(text.debugDescription)")
    }
  }

  @Test func refusesWhatNeedsBacktracking() {
    for pattern in ["(a)\\1", "a(?=b)", "a(?!b)", "(?<=a)b", "(?<!a)b", "(?>a)", "a++", "a{1001}", "((a{1000}){1000}){1000}",
                    "(a", "a)", "[a", "*a", "a**", "\\q", "[z-a]", "\\p{Nope}", "(?x)a"] {
      #expect(throws: LinearRegex.SyntaxError.self, "\(pattern)") { try LinearRegex(pattern) }
    }
  }

  @Test func catastrophicPatternsRunInLinearTime() throws {
    let text = String(repeating: "a", count: 100_000) + "!"
    let clock = ContinuousClock()
    let start = clock.now
    for pattern in ["(a+)+$", "(a|aa)*$", "(a*)*b", "^(a|a?)+$", "(.*a){20}"] {
      _ = try LinearRegex(pattern).search(text)
    }
    #expect(clock.now - start < .seconds(30))
    #expect(try !LinearRegex("(a+)+$").search(text))
    #expect(try LinearRegex("(a|aa)*!$").search(text))
  }

  @Test func deepGroupsAreRefusedNotOverflowed() {
    let pattern = String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)
    #expect(throws: LinearRegex.SyntaxError.self) { try LinearRegex(pattern) }
  }
}
