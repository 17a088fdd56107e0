/// The Markdown of script comments, as HTML: headings (`# ## Heading` in a script is `## Heading`
/// here), paragraphs, lists, block quotes, indented or fenced code, and inline `code`,
/// **strong**, *emphasis* and [links](https://…). Raw HTML is not passed through: every
/// character of the text is escaped, so a comment can never inject markup.
enum Markdown {
  /// A heading found in the text: its level (1–6) and text.
  struct Heading: Equatable {
    var level: Int
    var text: String
  }

  /// The first heading of `lines`, if any.
  static func firstHeading(_ lines: [String]) -> Heading? {
    for line in lines { if let heading = heading(line) { return heading } }
    return nil
  }

  static func heading(_ line: String) -> Heading? {
    let trimmed = line.drop { $0 == " " }
    guard line.count - trimmed.count < 4 else { return nil }
    let hashes = trimmed.prefix { $0 == "#" }
    guard (1...6).contains(hashes.count) else { return nil }
    let rest = trimmed.dropFirst(hashes.count)
    guard rest.isEmpty || rest.first == " " else { return nil }
    var text = String(rest).trimmingSpaces
    while text.hasSuffix("#") { text.removeLast() }
    return Heading(level: hashes.count, text: text.trimmingSpaces)
  }

  /// `lines` as HTML. Headings of level L become `h(L + shift)` (at most h6); `skipFirstHeading`
  /// leaves out the first heading (already shown as a title).
  static func html(_ lines: [String], shift: Int = 0, skipFirstHeading: Bool = false) -> String {
    var out = ""
    var paragraph: [String] = []
    var list: (ordered: Bool, items: [String])? = nil
    var quote: [String] = []
    var code: [String]? = nil
    var fence: String? = nil
    var skipped = !skipFirstHeading

    func flushParagraph() {
      guard !paragraph.isEmpty else { return }
      out += "<p>" + inline(paragraph.joined(separator: " ")) + "</p>\n"
      paragraph = []
    }
    func flushList() {
      guard let current = list else { return }
      let tag = current.ordered ? "ol" : "ul"
      out += "<\(tag)>" + current.items.map { "<li>" + inline($0) + "</li>" }.joined() + "</\(tag)>\n"
      list = nil
    }
    func flushQuote() {
      guard !quote.isEmpty else { return }
      out += "<blockquote>" + html(quote, shift: shift) + "</blockquote>\n"
      quote = []
    }
    func flushCode() {
      guard let lines = code else { return }
      var trimmed = lines
      while let last = trimmed.last, last.trimmingSpaces.isEmpty { trimmed.removeLast() }
      out += "<pre class=\"prose-code\"><code>" + HTML.escape(trimmed.joined(separator: "\n")) + "</code></pre>\n"
      code = nil
    }
    func flushAll() {
      flushParagraph()
      flushList()
      flushQuote()
      flushCode()
    }

    for line in lines {
      if let marker = fence {
        if line.trimmingSpaces.hasPrefix(marker) {
          fence = nil
          flushCode()
        } else {
          code?.append(line)
        }
        continue
      }
      let trimmed = line.trimmingSpaces
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        flushAll()
        fence = String(trimmed.prefix(3))
        code = []
        continue
      }
      if code != nil {
        if line.hasPrefix("    ") || trimmed.isEmpty {
          code?.append(String(line.dropFirst(min(4, line.prefix { $0 == " " }.count))))
          continue
        }
        flushCode()
      }
      if trimmed.isEmpty {
        flushAll()
        continue
      }
      if line.hasPrefix("    "), paragraph.isEmpty, list == nil {
        flushAll()
        code = [String(line.dropFirst(4))]
        continue
      }
      if let heading = heading(line) {
        flushAll()
        if !skipped {
          skipped = true
          continue
        }
        let level = min(6, max(1, heading.level + shift))
        out += "<h\(level)>" + inline(heading.text) + "</h\(level)>\n"
        continue
      }
      if trimmed.hasPrefix(">") {
        flushParagraph()
        flushList()
        quote.append(String(trimmed.dropFirst()).trimmingSpaces)
        continue
      }
      flushQuote()
      if let item = listItem(trimmed) {
        flushParagraph()
        if let current = list, current.ordered != item.ordered { flushList() }
        if list == nil { list = (item.ordered, []) }
        list?.items.append(item.text)
        continue
      }
      if list != nil, line.hasPrefix("  "), var current = list, !current.items.isEmpty {
        current.items[current.items.count - 1] += " " + trimmed
        list = current
        continue
      }
      flushList()
      paragraph.append(trimmed)
    }
    flushAll()
    return out
  }

  /// `- item`, `* item`, `+ item`, `1. item`, `1) item`.
  static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
    if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
      return (false, String(line.dropFirst(2)).trimmingSpaces)
    }
    let digits = line.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, digits.count <= 3 else { return nil }
    let rest = line.dropFirst(digits.count)
    guard let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " else { return nil }
    return (true, String(rest.dropFirst(2)).trimmingSpaces)
  }

  /// Inline markup: `code` first (nothing inside it is markup), then links, strong, emphasis.
  static func inline(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    while let tick = rest.firstIndex(of: "`") {
      let after = rest[rest.index(after: tick)...]
      guard let close = after.firstIndex(of: "`") else { break }
      out += spans(String(rest[..<tick]))
      out += "<code>" + HTML.escape(String(after[..<close])) + "</code>"
      rest = after[after.index(after: close)...]
    }
    return out + spans(String(rest))
  }

  /// Links, **strong** and *emphasis* (or _emphasis_) in text without code.
  static func spans(_ text: String) -> String {
    var out = ""
    var chars = Array(text)[...]
    while !chars.isEmpty {
      if chars.first == "[", let link = link(chars) {
        out += link.html
        chars = chars.dropFirst(link.length)
        continue
      }
      if chars.starts(with: ["*", "*"]), let end = closing(chars.dropFirst(2), "**") {
        let inner = String(chars.dropFirst(2).prefix(end))
        out += "<strong>" + spans(inner) + "</strong>"
        chars = chars.dropFirst(2 + end + 2)
        continue
      }
      if let first = chars.first, first == "*" || first == "_", chars.dropFirst().first.map({ !$0.isWhitespace }) == true,
        wordBoundaryBefore(out), let end = closing(chars.dropFirst(), String(first)), end > 0
      {
        let inner = String(chars.dropFirst().prefix(end))
        let afterIndex = chars.index(chars.startIndex, offsetBy: 1 + end + 1)
        let nextIsWord = afterIndex < chars.endIndex && (chars[afterIndex].isLetter || chars[afterIndex].isNumber)
        if !(first == "_" && nextIsWord) && inner.last.map({ !$0.isWhitespace }) == true {
          out += "<em>" + spans(inner) + "</em>"
          chars = chars.dropFirst(1 + end + 1)
          continue
        }
      }
      out += HTML.escape(String(chars.removeFirst()))
    }
    return out
  }

  static func wordBoundaryBefore(_ html: String) -> Bool {
    guard let last = html.last else { return true }
    return !(last.isLetter || last.isNumber)
  }

  /// The offset of `marker` in `chars`, if it closes something non-empty.
  static func closing(_ chars: ArraySlice<Character>, _ marker: String) -> Int? {
    let m = Array(marker)
    var i = 0
    let items = Array(chars)
    while i + m.count <= items.count {
      if Array(items[i..<(i + m.count)]) == m, i > 0 { return i }
      i += 1
    }
    return nil
  }

  /// `[text](url)`: a link when the address is `http(s):`, `mailto:`, `#…` or a relative path;
  /// anything else (`javascript:`, `data:`) is shown as text.
  static func link(_ chars: ArraySlice<Character>) -> (html: String, length: Int)? {
    let items = Array(chars)
    guard let closeText = items.firstIndex(of: "]"), closeText + 1 < items.count, items[closeText + 1] == "(",
      let closeURL = items[(closeText + 2)...].firstIndex(of: ")")
    else { return nil }
    let text = String(items[1..<closeText])
    let url = String(items[(closeText + 2)..<closeURL]).trimmingSpaces
    guard !text.isEmpty, safeURL(url) else { return nil }
    return ("<a href=\"" + HTML.escape(url) + "\">" + spans(text) + "</a>", closeURL + 1)
  }

  static func safeURL(_ url: String) -> Bool {
    let lower = url.lowercased()
    if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") || lower.hasPrefix("#") {
      return true
    }
    // A relative path: no scheme before the first slash.
    guard !url.isEmpty, !url.contains(where: { $0.isWhitespace }) else { return false }
    let head = url.split(separator: "/", maxSplits: 1).first.map(String.init) ?? url
    return !head.contains(":")
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" || c == "\r" { s = s.dropFirst() }
    while let c = s.last, c == " " || c == "\t" || c == "\r" { s = s.dropLast() }
    return String(s)
  }
}
