import ChisoCore
import ChisoEngine
import ChisoLocale
import ChisoRender
import ChisoSyntax

/// One query of a report, ready to run: its source with component names replaced by their ids
/// (`gia nhập thị trường` → `market_entry`), its parameters, and how its messages are said.
struct CellRun {
  let session: Session
  let cell: ScriptDocument.Cell
  let parameters: [String: String]
  let language: Language
  /// The source as run.
  let source: SourceFile
  let rewrite: ComponentNames.Rewrite

  init(session: Session, cell: ScriptDocument.Cell, parameters: [String: String], language: Language) {
    self.session = session
    self.cell = cell
    self.parameters = parameters
    self.language = language
    rewrite = ComponentNames.rewrite(cell.source.text, catalog: session.catalog)
    source = SourceFile(name: cell.source.name, text: rewrite.text)
  }

  enum Outcome {
    case success(QueryResult)
    /// The error as printed, caret and all.
    case failure(String)
  }

  func execute() -> Outcome {
    do throws(ChisoError) {
      return .success(try session.execute(source, parameters: parameters))
    } catch {
      return .failure(render(error))
    }
  }

  /// The relation `name` (a `let` of the script) as a table, for `--chart … --of name`.
  func relation(_ name: String) -> Result<Table, RelationError> {
    // Keep the definitions, drop the cell's main pipeline, and ask for `name` instead.
    var lines = ScriptDocument.lines(source.text)
    for i in cell.mainLines where i < lines.count { lines[i] = "" }
    let text = lines.joined(separator: "\n") + "\nfrom \(name)\n"
    let relationSource = SourceFile(name: source.name, text: text)
    do throws(ChisoError) {
      return .success(try session.execute(relationSource, parameters: parameters).table)
    } catch {
      return .failure(RelationError(text: render(error, relationSource)))
    }
  }

  struct RelationError: Error { var text: String }

  /// The `--param` values as sources of their own, so that an error in one is shown in it.
  var parameterSources: [SourceFile] {
    parameters.sorted { $0.key < $1.key }.map { Session.parameterSource(name: $0.key, value: $0.value) }
  }

  func render(_ diagnostic: Diagnostic) -> String {
    DiagnosticRenderer.render(diagnostic, source: source, colour: false, others: parameterSources, language: language)
  }

  func render(_ error: ChisoError, _ source: SourceFile? = nil) -> String {
    let source = source ?? self.source
    switch error {
    case .query(let diagnostic):
      return DiagnosticRenderer.render(diagnostic, source: source, colour: false, others: parameterSources, language: language)
    case .data(let dataError, let span):
      var out = DiagnosticRenderer.render(dataError, colour: false, language: language)
      if let span {
        out += DiagnosticRenderer.render(
          Diagnostic(.data, "while reading the table named here", span: span, severity: .error), source: source,
          colour: false, language: language
        ).split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
      }
      return out
    }
  }

  /// Notes on component names the query gave by name, as HTML.
  func renamings() -> String {
    var out = ""
    for r in rewrite.replacements {
      let name = language == .vi ? r.entry.nameVI : r.entry.nameEN
      out += "<p class=\"note\">" + Markdown.inline(L10n.text("component.rewritten", language, r.typed, r.entry.id, name)) + "</p>\n"
    }
    for a in rewrite.ambiguous {
      let ids = Set(a.entries.map(\.id)).sorted().map { "`\($0)`" }.joined(separator: ", ")
      out += "<p class=\"note\">" + Markdown.inline(L10n.text("component.ambiguous", language, a.typed, ids)) + "</p>\n"
    }
    return out
  }
}
