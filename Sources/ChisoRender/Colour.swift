/// Tiny ANSI styling helpers. With `enabled == false` every helper returns its text unchanged,
/// so callers can style unconditionally and let one flag decide.
///
/// Styling never changes display width: escape sequences are zero-width on a terminal, and the
/// renderers pad before styling.
public struct Colour: Sendable, Equatable {
  /// Whether escape sequences are emitted.
  public var enabled: Bool

  /// A styler that emits escape sequences only when `enabled`.
  public init(enabled: Bool) { self.enabled = enabled }

  /// The escape sequence that ends any styling.
  public static let reset = "\u{1B}[0m"

  /// `text` wrapped in the SGR parameters `code` (e.g. `"1"` for bold), when enabled.
  public func apply(_ code: String, _ text: String) -> String {
    guard enabled, !text.isEmpty else { return text }
    return "\u{1B}[" + code + "m" + text + Colour.reset
  }

  /// Bold: column headers.
  public func bold(_ text: String) -> String { apply("1", text) }
  /// Dim: nulls, type rows, secondary text.
  public func dim(_ text: String) -> String { apply("2", text) }
  /// Red: errors.
  public func red(_ text: String) -> String { apply("31", text) }
  /// Bold red: error headlines.
  public func boldRed(_ text: String) -> String { apply("1;31", text) }
  /// Yellow: warnings.
  public func yellow(_ text: String) -> String { apply("33", text) }
  /// Cyan: notes and hints.
  public func cyan(_ text: String) -> String { apply("36", text) }
  /// Blue: gutters and line numbers in source excerpts.
  public func blue(_ text: String) -> String { apply("34", text) }
}
