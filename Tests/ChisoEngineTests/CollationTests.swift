import Foundation
import Testing

@testable import ChisoEngine

/// Vietnamese order as ICU's `vi` collation gives it (the expected lists were produced by
/// DuckDB's `ORDER BY … COLLATE vi`).
struct CollationTests {
  static func sorted(_ names: [String], _ collation: Collation) -> [String] {
    let ranks = collation.ranks(names)
    return names.indices.sorted { (ranks[$0], $0) < (ranks[$1], $1) }.map { names[$0] }
  }

  @Test func lettersThenTonesThenCase() {
    let input = ["z", "Đ", "b", "ạ", "A", "á", "ã", "â", "1", "ả", "à", "ă", "a", "d", " a", "đ", "e", "ê", "Z"]
    let expected = [" a", "1", "a", "A", "à", "ả", "ã", "á", "ạ", "ă", "â", "b", "d", "đ", "Đ", "e", "ê", "z", "Z"]
    #expect(Self.sorted(input, .vietnamese) == expected)
  }

  @Test func provincesInDictionaryOrder() {
    let input = ["Yên Bái", "Đồng Tháp", "Đà Nẵng", "Cần Thơ", "Cao Bằng", "Cà Mau", "Bắc Giang", "Bạc Liêu", "Bà Rịa - Vũng Tàu", "An Giang", "TP. Hồ Chí Minh", "Tiền Giang", "Thừa Thiên Huế", "Trà Vinh"]
    let expected = ["An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đồng Tháp", "Thừa Thiên Huế", "Tiền Giang", "TP. Hồ Chí Minh", "Trà Vinh", "Yên Bái"]
    #expect(Self.sorted(input, .vietnamese) == expected)
    // Byte order puts every name starting with Đ after Yên Bái.
    #expect(Self.sorted(input, .binary).suffix(2) == ["Đà Nẵng", "Đồng Tháp"])
  }

  @Test func nfcAndNfdAreOneName() {
    let nfc = "Đắk Lắk".precomposedStringWithCanonicalMapping
    let nfd = "Đắk Lắk".decomposedStringWithCanonicalMapping
    #expect(nfc.utf8.count != nfd.utf8.count)
    let ranks = Collation.vietnamese.ranks([nfc, "Đắk Nông", nfd, "Cần Thơ"])
    #expect(ranks[0] == ranks[2])
    #expect(ranks[3] < ranks[0] && ranks[0] < ranks[1])
  }

  @Test func punctuationFollowsTheRootCollation() {
    // ICU: `,` before `)`, spaces before punctuation, punctuation before digits.
    #expect(Self.sorted(["x (%)", "x (%, y)"], .vietnamese) == ["x (%, y)", "x (%)"])
    #expect(Self.sorted(["x1", "x-", "x "], .vietnamese) == ["x ", "x-", "x1"])
  }
}
