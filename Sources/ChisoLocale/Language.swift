import Foundation

/// The languages chiso speaks to its users. English is the default; Vietnamese is chosen with
/// `--lang vi` or a `vi_*` locale.
public enum Language: String, Sendable, CaseIterable, Equatable {
  case en
  case vi

  /// The language a `--lang` value names: `en`, `vi`, `vi_VN`, `vi-VN.UTF-8`, `english`,
  /// `vietnamese`, `tiếng việt`; nil for anything else.
  public static func parse(_ text: String) -> Language? {
    let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
    let head = lower.split(whereSeparator: { "_-.@".contains($0) }).first.map(String.init) ?? lower
    switch head {
    case "en", "english", "c", "posix": return .en
    case "vi", "vn", "vietnamese", "tiếng việt", "tieng viet": return .vi
    default: return lower == "tiếng việt" || lower == "tieng viet" ? .vi : nil
    }
  }

  /// The language of the locale in `environment`: the first of `LC_ALL`, `LC_MESSAGES` and
  /// `LANG` that is set and not empty decides (POSIX order); `vi…` is Vietnamese, anything else
  /// (or nothing) English.
  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      guard let value = environment[key], !value.isEmpty else { continue }
      return value.lowercased().hasPrefix("vi") ? .vi : .en
    }
    return .en
  }

  /// The `--lang` value if given, else the locale's language. A value that names no language is
  /// returned as an error message for the user.
  public static func choose(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
    -> Result<Language, LanguageError>
  {
    guard let option else { return .success(fromEnvironment(environment)) }
    guard let language = parse(option) else { return .failure(LanguageError(value: option)) }
    return .success(language)
  }

  /// The BCP 47 tag for HTML's `lang` attribute.
  public var tag: String { rawValue }
}

/// A `--lang` value that names no language chiso speaks.
public struct LanguageError: Error, Sendable, Equatable, CustomStringConvertible {
  public var value: String
  public var description: String { "--lang takes en or vi, not `\(value)`" }
}
