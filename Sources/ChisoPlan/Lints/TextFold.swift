import Foundation

/// Folding for matching as people type Vietnamese on an English keyboard: `lang` finds `Lạng Sơn`,
/// `dak` finds `Đắk Lắk`. Decomposes to canonical parts, drops combining marks, maps `đ`/`Đ` to `d`
/// (a letter of its own, not a `d` with a mark, so decomposition leaves it alone) and lowercases.
public enum TextFold {
  public static func fold(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
      if isCombiningMark(scalar) { continue }
      switch scalar.value {
      case 0x0110, 0x0111, 0x0189: out.append("d")  // Đ đ Ɖ
      default:
        for lower in scalar.properties.lowercaseMapping.unicodeScalars { out.append(lower) }
      }
    }
    return String(out)
  }

  static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: return true
    default: return false
    }
  }
}
