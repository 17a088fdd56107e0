import ChisoREPL
import Testing

struct CompletenessTests {
  @Test(arguments: [
    ("from pci", true),
    ("from pci |", false),
    ("from pci | select {a,", false),
    ("from pci | filter (a", false),
    ("from pci | filter p == \"Lai", false),
    ("from pci | select {a}", true),
  ])
  func completeness(_ text: String, _ complete: Bool) {
    #expect(Completeness.isComplete(text) == complete)
  }
}
