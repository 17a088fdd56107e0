import ChisoSyntax
import Testing

struct SourceFileTests {
  @Test func locationCountsCharactersNotBytes() {
    let nfc = SourceFile(name: "q", text: "from p\nfilter province == \"Đắk Lắk\" && x")
    let offset = nfc.text.utf8.count - 1
    let (line, column) = nfc.location(of: offset)
    #expect(line == 2)
    #expect(column == 33)
  }

  @Test func editDistanceSuggests() {
    #expect(EditDistance.closest(to: "provnice", among: ["province", "year", "score"]) == "province")
    #expect(EditDistance.closest(to: "zzz", among: ["province"]) == nil)
  }
}
