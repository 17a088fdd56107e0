import ChisoEngine
import Testing

@testable import ChisoReport

/// Script comments as HTML: structure, inline markup, and no way to inject markup.
struct MarkdownTests {
  @Test func headingsParagraphsAndLists() {
    let html = Markdown.html(["## Title", "", "One line", "and the next.", "", "- a", "- `b`", "", "1. first", "2. second"], shift: 0)
    #expect(html == """
      <h2>Title</h2>
      <p>One line and the next.</p>
      <ul><li>a</li><li><code>b</code></li></ul>
      <ol><li>first</li><li>second</li></ol>

      """)
  }

  @Test func headingLevelsShiftAndTheTitleCanBeSkipped() {
    #expect(Markdown.html(["## Lesson", "### Part"], shift: 1) == "<h3>Lesson</h3>\n<h4>Part</h4>\n")
    #expect(Markdown.html(["## Lesson", "text", "## Next"], shift: 0, skipFirstHeading: true) == "<p>text</p>\n<h2>Next</h2>\n")
    #expect(Markdown.heading("#hashtag") == nil)
    #expect(Markdown.heading("### Three ###") == Markdown.Heading(level: 3, text: "Three"))
  }

  @Test func inlineMarkup() {
    #expect(Markdown.inline("**bold** and *em* and _em_ in snake_case_name") == "<strong>bold</strong> and <em>em</em> and <em>em</em> in snake_case_name")
    #expect(Markdown.inline("2 * 3 * 4") == "2 * 3 * 4")
    #expect(Markdown.inline("`a < b` & c") == "<code>a &lt; b</code> &amp; c")
    #expect(Markdown.inline("see [the docs](https://example.org/x?a=1&b=2)") == "see <a href=\"https://example.org/x?a=1&amp;b=2\">the docs</a>")
    #expect(Markdown.inline("[local](docs/charts.md)") == "<a href=\"docs/charts.md\">local</a>")
  }

  @Test func markupAndDangerousLinksStayText() {
    #expect(Markdown.inline("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
    #expect(Markdown.inline("[x](javascript:alert(1))").contains("href") == false)
    #expect(Markdown.inline("[x](data:text/html,hi)").contains("href") == false)
    #expect(Markdown.inline("a \"quote\" and 'apostrophe'") == "a &quot;quote&quot; and &#39;apostrophe&#39;")
    #expect(Markdown.html(["    <b>code</b>"]) == "<pre class=\"prose-code\"><code>&lt;b&gt;code&lt;/b&gt;</code></pre>\n")
  }

  @Test func fencedCodeAndQuotes() {
    #expect(Markdown.html(["```", "from pci", "```", "> quoted"]) == "<pre class=\"prose-code\"><code>from pci</code></pre>\n<blockquote><p>quoted</p>\n</blockquote>\n")
  }
}

/// Query text highlighted from chiso's lexer.
struct QueryHighlighterTests {
  @Test func tokensGetClasses() {
    let html = QueryHighlighter.html("let y = 2016\nfrom pci # the index\nfilter year == y && province == \"Lai Châu\"")
    #expect(html.contains("<span class=\"k\">let</span>"))
    #expect(html.contains("<span class=\"t\">from</span> <span class=\"i\">pci</span> <span class=\"c\"># the index</span>"))
    #expect(html.contains("<span class=\"t\">filter</span>"))
    #expect(html.contains("<span class=\"n\">2016</span>"))
    #expect(html.contains("<span class=\"s\">&quot;Lai Châu&quot;</span>"))
    #expect(html.contains("<span class=\"o\">==</span>"))
  }

  @Test func everythingIsEscaped() {
    let html = QueryHighlighter.html("from t | filter name == \"</code><script>x()</script>\" # <b>")
    #expect(!html.contains("<script>"))
    #expect(!html.contains("<b>"))
    #expect(html.contains("&lt;/code&gt;&lt;script&gt;"))
  }

  @Test func textThatDoesNotLexIsMarked() {
    let html = QueryHighlighter.html("from t | filter x == \"<open")
    #expect(html.hasPrefix("<span class=\"t\">from</span> <span class=\"i\">t</span>"))
    #expect(html.hasSuffix("<span class=\"x\">&quot;&lt;open</span>"))
  }

  @Test func theTextComesBackWhole() {
    let query = "from pci\n\\ | take 3   # c\n  derive {a = f\"{x}\"}"
    let html = QueryHighlighter.html(query)
    let text = html.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
    #expect(text == query)
  }
}

/// Display precision of numbers in result tables.
struct NumberDisplayTests {
  func shown(_ values: [Double]) -> [String] {
    let column = ChisoEngine.Column.from(values.map { .float($0) }, type: .float)
    let format = NumberDisplay(column)
    return values.map(format.text)
  }

  @Test func scoresShowTwoDecimals() {
    #expect(shown([70.001396, 53.459099]) == ["70.00", "53.46"])
    #expect(shown([0.691830000000003]) == ["0.69"])
  }

  @Test func exactValuesShowAsTheyAre() {
    #expect(shown([0.5, 2.0]) == ["0.5", "2.0"])
    #expect(shown([1.0, 3.0]) == ["1", "3"])
    #expect(shown([-0.0015, 0.0004]) == ["-0.0015", "0.0004"])
  }

  @Test func smallValuesKeepTwoSignificantDigits() {
    #expect(shown([0.000123456]) == ["0.00012"])
    #expect(shown([0.069]) == ["0.069"])
    #expect(shown([0.06912345]) == ["0.069"])
  }

  @Test func noNegativeZero() {
    #expect(NumberDisplay.fixed(-0.0001, decimals: 2) == "0.00")
    #expect(NumberDisplay.fixed(-1.005, decimals: 1) == "-1.0")
  }
}

struct HTMLTests {
  @Test func escapesEverythingThatCouldBeMarkup() {
    #expect(HTML.escape("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;")
    #expect(HTML.escape("a\u{0}b\u{7}c\u{85}d") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
    #expect(HTML.escape("Đắk Lắk\ttab\nline") == "Đắk Lắk\ttab\nline")
  }

  @Test func fillsTemplatesWithHTML() {
    #expect(HTML.fill("crossed by {0} & more", ["<a href=\"#q1\">Query 1</a>"]) == "crossed by <a href=\"#q1\">Query 1</a> &amp; more")
    #expect(HTML.fill("{1} then {0}", ["a", "b"]) == "b then a")
    #expect(HTML.fill("{5} <x>", ["a"]) == "{5} &lt;x&gt;")
  }

  @Test func identifiersAreSafe() {
    #expect(HTML.identifier("Queries/lessons/04_x.prql") == "Queries-lessons-04-x-prql")
    #expect(HTML.identifier("\"><script>") == "script")
    #expect(HTML.identifier("Đắk") == "k")
  }
}
