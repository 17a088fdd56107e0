import ChisoPlan
import Testing

struct TextFoldTests {
  @Test(arguments: [
    ("Lạng Sơn", "lang son"), ("Đắk Lắk", "dak lak"), ("ĐIỆN BIÊN", "dien bien"),
    ("Thừa Thiên Huế", "thua thien hue"), ("plain", "plain"),
  ])
  func folds(_ text: String, _ folded: String) {
    #expect(TextFold.fold(text) == folded)
  }

  @Test func foldsDecomposedText() {
    let nfd = "La\u{0323}ng So\u{031B}n"  // Lạng Sơn, decomposed
    #expect(TextFold.fold(nfd) == "lang son")
  }
}

