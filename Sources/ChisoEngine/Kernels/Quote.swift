/// User text quoted in a message, cut to a readable length: an error about a 100,000-character
/// value must not repeat the value.
public enum Quote {
  /// Longest quoted text, in characters.
  public static let limit = 60

  /// `text` in backticks, as code.
  public static func code(_ text: String) -> String { "`" + clip(text) + "`" }

  /// `text` in double quotes, as a value.
  public static func text(_ text: String) -> String { "\"" + clip(text) + "\"" }

  /// The first characters of `text`, with the count of the rest.
  public static func clip(_ text: String, limit: Int = Quote.limit) -> String {
    var count = 0
    var end = text.startIndex
    while end < text.endIndex, count < limit {
      end = text.index(after: end)
      count += 1
    }
    guard end < text.endIndex else { return text }
    return String(text[..<end]) + "… (\(text.count) characters)"
  }
}
