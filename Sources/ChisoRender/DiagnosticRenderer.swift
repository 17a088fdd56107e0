import ChisoEngine
import ChisoLocale
import ChisoSyntax

/// Renders diagnostics the way compilers do: the message, the location, the source line and a
/// caret line under the span (measured in display width, so carets line up under Vietnamese
/// text in NFC or NFD), then hints.
///
/// In another `language` the message, label and hints are re-said from the phrasebook by the
/// diagnostic's id (the core writes English); what the phrasebook does not know stays English.
public enum DiagnosticRenderer {
  /// Longest message, label or hint printed, in characters (a message quoting a 100,000-character
  /// value is cut).
  public static let maxText = 500
  /// A source line longer than this (in characters) is quoted as a window around the caret.
  public static let maxLine = 160

  /// The diagnostic and its follow-ups (further errors the parser found), each located in the
  /// source its span points into: `source`, or one of `others` (a `--param` value's text).
  public static func render(
    _ diagnostic: Diagnostic, source: SourceFile?, colour: Bool = false, others: [SourceFile] = [],
    language: Language = .en
  ) -> String {
    diagnostic.all.map { d in
      let file = d.span.flatMap { span in
        source.map { $0.contains(span) } == true ? source : others.first { $0.contains(span) && $0.id == span.source }
      }
      return renderOne(d, source: file ?? (d.span == nil ? source : nil), colour: colour, language: language)
    }.joined()
  }

  /// One line: `warning: message (file:line:col)` — how warnings show by default, so several
  /// warnings never bury a small result (`.warnings` or `--warnings full` shows the detail).
  public static func brief(_ diagnostic: Diagnostic, source: SourceFile?, colour: Bool = false, language: Language = .en) -> String {
    let paint = Colour(enabled: colour)
    let severity =
      diagnostic.severity == .error
      ? paint.boldRed(L10n.text("severity.error", language)) : paint.yellow(L10n.text("severity.warning", language))
    let message = Phrasebook.message(diagnostic.message, id: diagnostic.code, to: language)
    var place = ""
    if let source, let span = diagnostic.span, source.contains(span) {
      let (line, column) = source.location(of: span.start)
      place = paint.dim(" (\(source.name):\(line):\(column))")
    }
    return "\(severity): \(message)\(place)\n"
  }

  static func renderOne(_ diagnostic: Diagnostic, source: SourceFile?, colour: Bool, language: Language) -> String {
    let paint = Colour(enabled: colour)
    let severity =
      diagnostic.severity == .error
      ? paint.boldRed(L10n.text("severity.error", language)) : paint.yellow(L10n.text("severity.warning", language))
    let message = Phrasebook.message(diagnostic.message, id: diagnostic.code, to: language)
    let label = diagnostic.label.map { Quote.clip(Phrasebook.fragment($0, to: language), limit: maxText) }
    let help = L10n.text("severity.help", language)
    var out = "\(severity): \(paint.bold(Quote.clip(message, limit: maxText)))\n"
    if let source, let span = diagnostic.span {
      let (line, column) = source.location(of: span.start)
      let (endLine, _) = source.location(of: max(span.start, span.end - 1))
      let gutter = String(repeating: " ", count: String(line).count)
      out += "\(gutter)\(paint.blue("-->")) \(source.name):\(line):\(column)\n"
      out += "\(gutter) \(paint.blue("|"))\n"
      let text = source.line(line)
      let lineEndOffset = source.lineStarts[line - 1] + text.utf8.count
      let covered = String(source.text(of: Span(span.start, endLine == line ? span.end : lineEndOffset)))
      let window = Window(text, caretColumn: column, coveredCount: covered.count)
      out += "\(paint.blue(String(line))) \(paint.blue("|")) \(window.text)\n"
      let pad = String(repeating: " ", count: DisplayWidth.of(window.beforeCaret))
      let carets = String(repeating: "^", count: max(1, DisplayWidth.of(window.covered)))
      var caretLine = "\(gutter) \(paint.blue("|")) \(pad)\(paint.boldRed(carets))"
      if let label { caretLine += " " + paint.boldRed(label) }
      out += caretLine + "\n"
    } else if let label {
      out += "  \(label)\n"
    }
    for hint in diagnostic.hints {
      out += "  \(paint.blue("=")) \(help): \(Quote.clip(Phrasebook.fragment(hint, to: language), limit: maxText))\n"
    }
    return out
  }

  /// The part of a source line that is quoted: all of it, or for a very long line (a generated
  /// query, a 100,000-character string) a window around the caret with `…` at the cuts.
  struct Window {
    var text: String
    /// What the line shows before the caret, and under it.
    var beforeCaret: String
    var covered: String

    init(_ line: Substring, caretColumn: Int, coveredCount: Int) {
      let characters = Array(line)
      let caret = max(0, min(characters.count, caretColumn - 1))
      let end = min(characters.count, caret + coveredCount)
      guard characters.count > DiagnosticRenderer.maxLine else {
        text = String(line)
        beforeCaret = String(characters[0..<caret])
        covered = String(characters[caret..<end])
        return
      }
      let first = max(0, caret - 40)
      let last = min(characters.count, first + 120)
      let lead = first > 0 ? "…" : ""
      text = lead + String(characters[first..<last]) + (last < characters.count ? "…" : "")
      beforeCaret = lead + String(characters[first..<min(caret, last)])
      covered = caret < last ? String(characters[caret..<min(end, last)]) : ""
    }
  }

  /// A data-file error: `error: file:line:col: message` plus the hint.
  public static func render(_ error: DataError, colour: Bool = false, language: Language = .en) -> String {
    let paint = Colour(enabled: colour)
    var out = "\(paint.boldRed(L10n.text("severity.error", language))): \(paint.bold(error.description))\n"
    if let hint = error.hint { out += "  \(paint.blue("=")) \(L10n.text("severity.help", language)): \(hint)\n" }
    return out
  }
}
