/// One fixed text of the interface in every language chiso speaks, under a stable id.
///
/// Templates number their holes (`{0}`, `{1}`); a translation may use them in another order.
/// `enOne` is the English singular for messages about a count (`{0} row` beside `{0} rows`);
/// Vietnamese nouns do not change with number.
public struct Message: Sendable, Equatable {
  public let id: String
  public let en: String
  public let vi: String
  public let enOne: String?

  public init(_ id: String, en: String, vi: String, enOne: String? = nil) {
    self.id = id
    self.en = en
    self.vi = vi
    self.enOne = enOne
  }

  /// The text in `language`; the singular English form when `count` is 1.
  public func text(_ language: Language, count: Int? = nil) -> String {
    switch language {
    case .en: return count == 1 ? (enOne ?? en) : en
    case .vi: return vi
    }
  }
}

/// The interface's texts by id: `L10n.text("repl.banner", .vi, version, tables)`.
///
/// Every message lives in the catalog (`L10n.messages`), English beside Vietnamese, so a test can
/// check that none lacks a translation. An id missing from the catalog shows as the id itself,
/// which a test also rules out by reading the sources for every id they use.
public enum L10n {
  /// Every message, from the sections of the catalog.
  public static let messages: [Message] =
    ReplMessages.all + ReportMessages.all + ChartMessages.all + TableMessages.all + CommandMessages.all
    + GradingMessages.all

  static let byID: [String: Message] = {
    var table: [String: Message] = [:]
    for message in messages where table[message.id] == nil { table[message.id] = message }
    return table
  }()

  /// The message `id` in `language` with its holes filled by `arguments` in order.
  public static func text(_ id: String, _ language: Language, _ arguments: CustomStringConvertible...) -> String {
    guard let message = byID[id] else { return id }
    return Template(message.text(language)).fill(arguments.map(\.description))
  }

  /// A message about a count: `{0}` is `count`, and English picks the singular for 1
  /// (`1 row`, `2 rows`).
  public static func count(_ id: String, _ count: Int, _ language: Language, _ arguments: CustomStringConvertible...)
    -> String
  {
    guard let message = byID[id] else { return id }
    return Template(message.text(language, count: count)).fill([String(count)] + arguments.map(\.description))
  }

  /// Whether the catalog has `id`.
  public static func has(_ id: String) -> Bool { byID[id] != nil }
}
