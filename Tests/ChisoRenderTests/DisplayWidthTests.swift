import Testing

@testable import ChisoRender

@Suite struct DisplayWidthTests {
  @Test func asciiCountsPrintableBytes() {
    #expect(DisplayWidth.of("") == 0)
    #expect(DisplayWidth.of("abc") == 3)
    #expect(DisplayWidth.of("Province index 2024") == 19)
    #expect(DisplayWidth.of("a\tb") == 2)  // control characters take no column
  }

  @Test func vietnameseMeasuresTheSameInNFCAndNFD() {
    let nfc = "Đắk Lắk"
    let nfd = "Đa\u{306}\u{301}k La\u{306}\u{301}k"
    #expect(!sameBytes(nfc, nfd))
    #expect(nfd.unicodeScalars.count == nfc.unicodeScalars.count + 4)
    #expect(DisplayWidth.of(nfc) == 7)
    #expect(DisplayWidth.of(nfd) == 7)
    #expect(DisplayWidth.of("Thừa Thiên Huế") == 14)
    #expect(DisplayWidth.of("Thu\u{31B}\u{300}a Thie\u{302}n Hue\u{302}\u{301}") == 14)
    #expect(DisplayWidth.of("Hà Nội") == 6)
    #expect(DisplayWidth.of("Ha\u{300} No\u{323}\u{302}i") == 6)
  }

  @Test func eastAsianWideAndFullwidthAreTwo() {
    #expect(DisplayWidth.of("中文") == 4)
    #expect(DisplayWidth.of("日本語abc") == 9)
    #expect(DisplayWidth.of("한국어") == 6)
    #expect(DisplayWidth.of("ＡＢ") == 4)
    #expect(DisplayWidth.of("カタカナ") == 8)
    #expect(DisplayWidth.of("\u{3000}") == 2)  // ideographic space
    // Conjoining Hangul jamo form one two-column cluster.
    #expect(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}") == 2)
  }

  @Test func emojiPresentationIsTwo() {
    #expect(DisplayWidth.of("😀") == 2)
    #expect(DisplayWidth.of("👍🏽") == 2)  // skin-tone modifier
    #expect(DisplayWidth.of("👨‍👩‍👧") == 2)  // ZWJ family
    #expect(DisplayWidth.of("🇻🇳") == 2)  // flag
    #expect(DisplayWidth.of("❤️") == 2)  // text-default heart with VS16
    #expect(DisplayWidth.of("❤") == 1)  // without it
    #expect(DisplayWidth.of("1️⃣") == 2)  // keycap
    #expect(DisplayWidth.of("ok 👍") == 5)
  }

  @Test func combiningAndZeroWidthAreZero() {
    #expect(DisplayWidth.of("e\u{301}") == 1)
    #expect(DisplayWidth.of("\u{301}") == 0)  // a lone combining mark
    #expect(DisplayWidth.of("a\u{200B}b") == 2)  // zero-width space
    #expect(DisplayWidth.of("\u{200D}") == 0)  // zero-width joiner
    #expect(DisplayWidth.of("\u{FEFF}") == 0)  // byte-order mark
    #expect(DisplayWidth.of("a\u{20DD}") == 1)  // enclosing mark
  }

  @Test func truncateCutsByClusterAndAddsEllipsis() {
    #expect(DisplayWidth.truncate("abc", toWidth: 5) == "abc")
    #expect(DisplayWidth.truncate("abcdef", toWidth: 4) == "abc…")
    #expect(DisplayWidth.truncate("abc", toWidth: 0) == "")
    #expect(DisplayWidth.truncate("abc", toWidth: 1) == "…")
    #expect(DisplayWidth.truncate("abcdef", toWidth: 5, ellipsis: "...") == "ab...")
    #expect(DisplayWidth.truncate("abcdef", toWidth: 2, ellipsis: "...") == "..")
    // A wide character never straddles the limit.
    #expect(DisplayWidth.truncate("中文字", toWidth: 4) == "中…")
    // Accents stay with their letters, in NFD as in NFC.
    let nfd = "Đa\u{306}\u{301}k La\u{306}\u{301}k"
    let cut = DisplayWidth.truncate(nfd, toWidth: 3)
    #expect(sameBytes(cut, "Đa\u{306}\u{301}…"))
    #expect(DisplayWidth.of(cut) == 3)
    #expect(DisplayWidth.truncate("Đắk Lắk", toWidth: 7) == "Đắk Lắk")
  }
}
