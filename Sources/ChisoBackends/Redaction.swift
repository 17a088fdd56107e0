/// Connection strings as they may be shown: the password of `user:password@` and of
/// `password=` replaced, so that no message, EXPLAIN or prompt ever prints it.
public enum Redaction {
  public static func redact(_ url: String) -> String {
    var text = url
    if let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@") {
      let userInfo = text[scheme.upperBound..<at]
      if let colon = userInfo.firstIndex(of: ":") {
        text.replaceSubrange(text.index(after: colon)..<at, with: "***")
      }
    }
    // `password=…` in a query string or a keyword/value string.
    var out = ""
    var rest = Substring(text)
    while let r = rest.range(of: "password=") {
      out += rest[..<r.upperBound] + "***"
      rest = rest[r.upperBound...]
      let end = rest.firstIndex { $0 == "&" || $0 == " " } ?? rest.endIndex
      rest = rest[end...]
    }
    return out + rest
  }
}
