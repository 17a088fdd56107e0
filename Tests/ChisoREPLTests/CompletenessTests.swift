import ChisoREPL
import Testing

struct CompletenessTests {
  @Test(arguments: [
    ("from pci", true),
    ("from pci |", false),
    ("from pci |  # a comment", false),
    ("from pci | select {a,", false),
    ("from pci | filter (a", false),
    ("from pci | filter p == \"Lai", false),
    ("from pci | filter p == 'Lai", false),
    ("from pci | select {a}", true),
    ("from pci | derive {x = [1, 2", false),
    ("from pci\nfilter year == 2016", true),
    ("from pci | filter year ==", false),
    ("from pci | filter a &&", false),
    ("from pci | derive x =", false),
    ("from pci | filter p == \"a (b\"", true),
    ("from pci | filter p == \"a \\\" (b\"", true),
    ("from pci # a comment with ( and \"", true),
    ("from_text \"\"\"a,b", false),
    ("from_text \"\"\"a,b\n1,2\"\"\"", true),
    ("from pci | take 6..", true),
    ("from pci)", true),
    ("from pci | select {a)", true),
    ("from pci | filter `odd (name` == 1", true),
    ("", true),
  ])
  func completeness(_ text: String, _ complete: Bool) {
    #expect(Completeness.isComplete(text) == complete)
  }

  @Test func multilineStrings() {
    #expect(Completeness.isInsideMultilineString("from_text \"\"\"a,b\n"))
    #expect(!Completeness.isInsideMultilineString("from pci | filter p == \"x"))
  }
}

struct EntryReaderTests {
  @Test func oneLineQueryRunsAtOnce() {
    var reader = EntryReader()
    #expect(reader.feed("from pci | take 3") == .query("from pci | take 3"))
    #expect(reader.isEmpty)
  }

  @Test func continuationUntilComplete() {
    var reader = EntryReader()
    #expect(reader.feed("from pci |") == .more)
    #expect(reader.feed("filter year == 2016 |") == .more)
    #expect(reader.pending == "from pci |\nfilter year == 2016 |")
    #expect(reader.feed("take 3") == .query("from pci |\nfilter year == 2016 |\ntake 3"))
  }

  @Test func bracketsKeepTheQueryOpen() {
    var reader = EntryReader()
    #expect(reader.feed("from pci | group {year} (") == .more)
    #expect(reader.feed("  aggregate {n = count this}") == .more)
    #expect(reader.feed(")") == .query("from pci | group {year} (\n  aggregate {n = count this}\n)"))
  }

  @Test func blankLineRunsWhatIsThere() {
    var reader = EntryReader()
    #expect(reader.feed("from pci | select {year,") == .more)
    #expect(reader.feed("") == .query("from pci | select {year,"))
    #expect(reader.feed("") == .nothing)
  }

  @Test func blankLineInsideATripleQuotedStringIsContent() {
    var reader = EntryReader()
    #expect(reader.feed("from_text \"\"\"a,b") == .more)
    #expect(reader.feed("") == .more)
    #expect(reader.feed("1,2\"\"\"") == .query("from_text \"\"\"a,b\n\n1,2\"\"\""))
  }

  @Test func commands() {
    var reader = EntryReader()
    #expect(reader.feed("  .tables  ") == .command(".tables", pending: nil))
    #expect(reader.feed("from pci |") == .more)
    // A command in the middle of a query runs and leaves the query pending…
    #expect(reader.feed(".schema pci") == .command(".schema pci", pending: "from pci |"))
    #expect(reader.pending == "from pci |")
    // …except .edit, which takes it.
    #expect(reader.feed(".edit") == .command(".edit", pending: "from pci |"))
    #expect(reader.isEmpty)
  }

  @Test func recalledMultiLineEntryIsOneBlock() {
    var reader = EntryReader()
    #expect(reader.feed("from pci\nfilter year == 2016\ntake 2") == .query("from pci\nfilter year == 2016\ntake 2"))
  }

  @Test func rangeAtTheStartOfALineIsNotACommand() {
    var reader = EntryReader()
    #expect(reader.feed("from pci | take (") == .more)
    #expect(reader.feed("..5)") == .query("from pci | take (\n..5)"))
  }
}
