import ChisoCore
import ChisoEngine
import ChisoLocale
import ChisoRender
import ChisoSyntax

/// Builds a report: one self-contained HTML page (style and charts inline, no scripts, nothing
/// loaded from elsewhere) from one script, or a booklet from several.
///
/// For each query: its prose, its highlighted text, warnings, the charts its directives ask
/// for, its result table and, with `--steps`, each step with what it changed. Then the sources:
/// every table read, what its manifest says (publisher, licence, coverage) and the methodology
/// breaks, with those the queries crossed marked. Exercises ("your turn" files) appear as tasks
/// without their solutions unless `solutions` is set.
public struct ReportBuilder {
  let session: Session
  let options: ReportOptions
  var language: Language { options.language }

  /// What the queries used, for the sources section.
  var uses = SourceUses()
  var queryCount = 0
  var chartCount = 0
  var failures: [Report.Failure] = []

  public init(session: Session, options: ReportOptions) {
    self.session = session
    self.options = options
  }

  /// The report of `inputs` (one script, or several for a booklet).
  public static func build(_ inputs: [ReportInput], session: Session, options: ReportOptions) throws(ReportError) -> Report {
    var builder = ReportBuilder(session: session, options: options)
    return try builder.build(inputs)
  }

  mutating func build(_ inputs: [ReportInput]) throws(ReportError) -> Report {
    guard !inputs.isEmpty else { throw ReportError("no script to report on") }
    // A teacher's copy shows an exercise's solution file (its answer and a solved query) in
    // place of the student's starter.
    let documents = inputs.map { input in
      let key = options.solutions ? AnswerKey.find(for: input.name) : nil
      return ScriptDocument.parse(name: input.name, text: key?.source.text ?? input.text)
    }
    let parameters = try parameterRows(documents)
    let booklet = documents.count > 1
    let chapters = documents.map { Chapter(document: $0) }
    let anyExercise = chapters.contains(where: \.isExercise)

    let title =
      options.title
      ?? (booklet
        ? L10n.text(anyExercise ? "report.booklet" : "report.title", language)
        : chapters[0].title)

    var body = ""
    for (index, chapter) in chapters.enumerated() {
      body += render(chapter, number: index + 1, booklet: booklet)
    }

    var page = "<!DOCTYPE html>\n<html lang=\"\(language.tag)\">\n<head>\n<meta charset=\"utf-8\">\n"
    page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    page += "<meta name=\"generator\" content=\"chiso \(HTML.escape(options.version))\">\n"
    page += "<title>" + HTML.escape(title) + "</title>\n<style>\n" + ReportStyle.css + "\n</style>\n</head>\n<body>\n<main>\n"
    page += header(title: title, inputs: inputs)
    if !parameters.isEmpty { page += parametersSection(parameters) }
    if booklet { page += contents(chapters) }
    page += body
    page += SourcesSection(session: session, language: language).html(uses)
    page += "<footer class=\"report\"><p>" + HTML.escape(L10n.text("report.footer", language)) + "</p></footer>\n"
    page += "</main>\n</body>\n</html>\n"
    return Report(html: page, queries: queryCount, charts: chartCount, failures: failures)
  }

  // MARK: - Page parts

  func header(title: String, inputs: [ReportInput]) -> String {
    var out = "<header class=\"report\">\n<h1>" + HTML.escape(title) + "</h1>\n<p class=\"meta\">"
    let files = inputs.map { "<code>" + HTML.escape($0.name) + "</code>" }
    let fileList = files.count > 4 ? files.prefix(3).joined(separator: ", ") + ", … (\(files.count))" : files.joined(separator: ", ")
    out += HTML.fill(L10n.text("report.made", language), [HTML.escape(options.version), HTML.escape(options.day), fileList])
    if !options.dataFolders.isEmpty {
      let folders = options.dataFolders.map { "<code>" + HTML.escape($0) + "</code>" }.joined(separator: ", ")
      out += " " + HTML.fill(L10n.text("report.data", language), [folders])
    }
    out += " <a href=\"#sources\">" + HTML.escape(L10n.text("report.skip", language)) + "</a>"
    out += "</p>\n</header>\n"
    return out
  }

  struct ParameterRow {
    var name: String
    var value: String
    var defaultValue: String
    var given: Bool
    var files: [String]
  }

  /// The scripts' parameters with the values used; a `--param` no script declares is an error.
  func parameterRows(_ documents: [ScriptDocument]) throws(ReportError) -> [ParameterRow] {
    var rows: [ParameterRow] = []
    for document in documents {
      for (name, value) in document.parameters {
        if let i = rows.firstIndex(where: { $0.name == name }) {
          rows[i].files.append(document.name)
        } else {
          let given = options.parameters[name]
          rows.append(ParameterRow(name: name, value: given ?? value, defaultValue: value, given: given != nil, files: [document.name]))
        }
      }
    }
    let declared = Set(rows.map(\.name))
    for name in options.parameters.keys.sorted() where !declared.contains(name) {
      let list = declared.sorted().map { "`\($0)`" }.joined(separator: ", ")
      throw ReportError(
        "--param \(name): the scripts declare no parameter `\(name)`"
          + (declared.isEmpty ? " (they declare none)" : "; they declare \(list)"))
    }
    return rows
  }

  func parametersSection(_ rows: [ParameterRow]) -> String {
    var out = "<section class=\"parameters\" id=\"parameters\">\n<h2>" + HTML.escape(L10n.text("report.parameters", language)) + "</h2>\n"
    out += "<p>" + Markdown.inline(L10n.text("report.parameters.intro", language)) + "</p>\n"
    out += "<div class=\"table-wrap\"><table class=\"data params\"><thead><tr>"
    for id in ["report.parameter.name", "report.parameter.value", "report.parameter.default", "report.parameter.file"] {
      out += "<th scope=\"col\">" + HTML.escape(L10n.text(id, language)) + "</th>"
    }
    out += "</tr></thead><tbody>\n"
    for row in rows {
      out += "<tr><td><code>" + HTML.escape(row.name) + "</code></td><td><code>" + HTML.escape(row.value) + "</code>"
      if row.given { out += " <span class=\"note\">(" + HTML.escape(L10n.text("report.parameter.given", language)) + ")</span>" }
      out += "</td><td><code>" + HTML.escape(row.defaultValue) + "</code></td><td>"
      out += row.files.map { "<code>" + HTML.escape($0) + "</code>" }.joined(separator: ", ") + "</td></tr>\n"
    }
    out += "</tbody></table></div>\n</section>\n"
    return out
  }

  func contents(_ chapters: [Chapter]) -> String {
    var out = "<nav class=\"contents\" aria-label=\"\(HTML.escape(L10n.text("report.contents", language)))\">\n<h2>"
      + HTML.escape(L10n.text("report.contents", language)) + "</h2>\n<ol>\n"
    for (index, chapter) in chapters.enumerated() {
      out += "<li><a href=\"#\(chapterID(index + 1))\">"
      if chapter.isExercise { out += "<span class=\"badge\">" + HTML.escape(L10n.text("report.exercise", language)) + "</span>" }
      out += Markdown.inline(chapter.title) + "</a></li>\n"
    }
    out += "<li><a href=\"#sources\">" + HTML.escape(L10n.text("report.sources", language)) + "</a></li>\n</ol>\n</nav>\n"
    return out
  }

  func chapterID(_ number: Int) -> String { "chapter-\(number)" }

  // MARK: - Chapters

  /// One script of the report, with its title and whether it is an exercise.
  struct Chapter {
    var document: ScriptDocument
    var title: String
    var titleHeading: Markdown.Heading?
    var minLevel: Int
    var isExercise: Bool

    init(document: ScriptDocument) {
      self.document = document
      let prose = document.blocks.flatMap { block -> [String] in
        if case .prose(let p) = block { return p.lines } else { return [] }
      }
      titleHeading = Markdown.firstHeading(prose)
      let file = document.name.split(separator: "/").last.map(String.init) ?? document.name
      title = titleHeading?.text ?? file
      minLevel = prose.compactMap { Markdown.heading($0)?.level }.min() ?? 1
      isExercise =
        document.name.lowercased().contains("your_turn")
        || document.cells.contains { $0.directives.contains(.exercise) }
    }
  }

  mutating func render(_ chapter: Chapter, number: Int, booklet: Bool) -> String {
    // Single report: the title is the page's h1 and the file's top headings are h2. Booklet: a
    // chapter's title is h2, its top headings h3.
    let base = booklet ? 3 : 2
    let shift = base - chapter.minLevel
    let handout = chapter.isExercise && !options.solutions
    // An exercise's `check answer` finds the answer in its solution file.
    let installed = handout ? ((try? AnswerKey.find(for: chapter.document.name)?.install(in: session)) ?? []) : []
    defer { AnswerKey.remove(installed, from: session) }
    var out = "<section class=\"chapter\(handout ? " exercise" : "")\" id=\"\(chapterID(number))\">\n"
    let badge = "<span class=\"badge\">" + HTML.escape(L10n.text("report.exercise", language)) + "</span>"
    if booklet {
      // A chapter's title; in a single report it is the page's h1 instead.
      out += "<h2>" + (chapter.isExercise ? badge : "") + Markdown.inline(chapter.title) + "</h2>\n"
    } else if handout {
      out += "<p>" + badge + "</p>\n"
    }
    var skipTitle = chapter.titleHeading != nil
    for block in chapter.document.blocks {
      switch block {
      case .prose(let prose):
        let hasHeading = Markdown.firstHeading(prose.lines) != nil
        out += "<div class=\"prose\">\n" + Markdown.html(prose.lines, shift: shift, skipFirstHeading: skipTitle && hasHeading) + "</div>\n"
        if hasHeading { skipTitle = false }
      case .cell(let cell):
        if handout {
          out += exercise(cell, chapter.document)
        } else {
          out += render(cell, chapter.document)
        }
      }
    }
    out += "</section>\n"
    return out
  }

  // MARK: - Queries

  /// The label and anchor of the next query.
  mutating func nextQuery() -> (label: String, id: String) {
    queryCount += 1
    return (L10n.text("report.query", language, queryCount), "q\(queryCount)")
  }

  func codeFigure(_ code: String, label: String, id: String, document: ScriptDocument, line: Int) -> String {
    var out = "<figure class=\"code\">\n<figcaption><a href=\"#\(id)\">" + HTML.escape(label) + "</a> · "
    out += HTML.escape(L10n.text("report.query.where", language, document.name, line)) + "</figcaption>\n"
    out += "<pre><code class=\"prql\">" + QueryHighlighter.html(code) + "</code></pre>\n</figure>\n"
    return out
  }

  mutating func render(_ cell: ScriptDocument.Cell, _ document: ScriptDocument) -> String {
    let (label, id) = nextQuery()
    var out = "<section class=\"query\" id=\"\(id)\">\n"
    out += codeFigure(cell.code, label: label, id: id, document: document, line: cell.firstLine)
    out += problems(cell)
    let parameters = document.parameters(options.parameters, for: cell)
    let references = TableReferences.find(cell.source.text, tables: knownTables, bound: cell.boundNames)
    uses.note(references, query: label, anchor: id)
    guard cell.hasMain else {
      out += "<p class=\"note\">" + HTML.escape(L10n.text("report.no-result", language)) + "</p>\n</section>\n"
      return out
    }
    let run = CellRun(session: session, cell: cell, parameters: parameters, language: language)
    out += run.renamings()
    switch run.execute() {
    case .failure(let text):
      out += "<div class=\"diagnostic error\" role=\"alert\"><p><strong>" + HTML.escape(L10n.text("report.error", language))
        + "</strong></p><pre>" + HTML.escape(text) + "</pre></div>\n"
      failures.append(Report.Failure(location: "\(document.name):\(cell.firstLine)", text: text))
    case .success(let result):
      uses.noteBreaks(result.warnings, query: label, anchor: id, catalog: session.catalog)
      for warning in result.warnings {
        out += "<div class=\"diagnostic warning\"><pre>" + HTML.escape(run.render(warning)) + "</pre></div>\n"
      }
      if result.table.rowCount == 0 {
        let why = EmptyResult.explain(session, run.source, parameters: parameters, language: language)
        out += "<p class=\"note\">" + HTML.escape(why ?? L10n.text("report.empty", language)) + "</p>\n"
      }
      for (index, directive) in cell.chartDirectives.enumerated() {
        out += chart(directive, result: result.table, run: run, id: "\(id)-chart-\(index + 1)")
      }
      let rows = cell.rowsDirective ?? options.rows
      out += ResultTable(headRows: rows, language: language, decimalComma: options.decimalComma)
        .html(result.table, id: "\(HTML.identifier(document.name))-\(id)", decimals: result.columnDecimals)
      if options.steps || cell.directives.contains(.steps) { out += steps(run) }
    }
    out += "</section>\n"
    return out
  }

  var knownTables: Set<String> { Set(session.catalog.tableNames).union(session.catalog.manifests.keys) }

  /// Directives that could not be read, shown where they were meant to act.
  func problems(_ cell: ScriptDocument.Cell) -> String {
    var out = ""
    for case .problem(let message) in cell.directives {
      out += "<div class=\"diagnostic warning\"><p>" + HTML.escape(L10n.text("report.directive.bad", language, message)) + "</p></div>\n"
    }
    return out
  }

  mutating func chart(_ directive: ChartDirective, result: Table, run: CellRun, id: String) -> String {
    var table = result
    var out = "<figure class=\"chart\">\n"
    if let name = directive.of {
      switch run.relation(name) {
      case .failure(let error):
        return "<div class=\"diagnostic warning\"><p>" + HTML.escape(L10n.text("report.chart.failed", language, "--of " + name))
          + "</p><pre>" + HTML.escape(error.text) + "</pre></div>\n"
      case .success(let relation): table = relation
      }
    }
    do throws(ChartError) {
      out += try SVGChart.embedded(table, directive.spec(language), id: id) + "\n"
      chartCount += 1
    } catch {
      return "<div class=\"diagnostic warning\"><p>" + HTML.escape(L10n.text("report.chart.failed", language, error.message)) + "</p></div>\n"
    }
    if let name = directive.of {
      out += "<figcaption>" + Markdown.inline(L10n.text("report.chart.of", language, name)) + "</figcaption>\n"
      out += "<details class=\"chart-data\"><summary>" + HTML.escape(L10n.text("report.chart.data", language)) + "</summary>\n"
      out += ResultTable(headRows: 1_000, language: language, decimalComma: options.decimalComma).html(table, id: id) + "</details>\n"
    }
    return out + "</figure>\n"
  }

  func steps(_ run: CellRun) -> String {
    guard let steps = try? session.steps(run.source, parameters: run.parameters) else { return "" }
    var out = "<details class=\"steps\"><summary>" + HTML.escape(L10n.count("report.steps", steps.count, language)) + "</summary>\n<ol>\n"
    for step in steps {
      out += "<li><p class=\"meta\">" + HTML.escape(L10n.text("report.step", language, step.index, step.count)) + "</p>"
      out += "<pre><code class=\"prql\">" + QueryHighlighter.html(step.step) + "</code></pre>"
      out += "<p class=\"summary\">" + Markdown.inline(Phrasebook.stepSummary(step.summary, to: language)) + "</p>"
      out += ResultTable(headRows: 6, fold: false, csv: false, precisionNote: false, language: language, decimalComma: options.decimalComma).html(step.table, id: "step")
      out += "</li>\n"
    }
    return out + "</ol>\n</details>\n"
  }

  // MARK: - Exercises

  /// An exercise in a handout: the task (its prose) is shown; of the code, only an attempt that
  /// `check` finds wrong (a starter to fix), never the answer.
  mutating func exercise(_ cell: ScriptDocument.Cell, _ document: ScriptDocument) -> String {
    let references = TableReferences.find(cell.source.text, tables: knownTables, bound: cell.boundNames)
    guard cell.hasMain else { return "" }
    let (label, id) = nextQuery()
    uses.note(references, query: label, anchor: id)
    let run = CellRun(session: session, cell: cell, parameters: document.parameters(options.parameters, for: cell), language: language)
    var out = "<section class=\"query task\" id=\"\(id)\">\n"
    if case .success(let result) = run.execute(), Self.isWrongAttempt(result.table), !cell.mainCode.isEmpty {
      out += "<p>" + Markdown.inline(L10n.text("report.exercise.starter", language)) + "</p>\n"
      out += codeFigure(cell.mainCode, label: label, id: id, document: document, line: cell.firstLine)
    }
    out += "<p>" + Markdown.inline(L10n.text("report.exercise.run", language, "`" + document.name + "`")) + "</p>\n"
    return out + "</section>\n"
  }

  /// A `check` verdict saying the attempt is wrong: a `correct` column whose first value is false.
  static func isWrongAttempt(_ table: Table) -> Bool {
    guard let index = table.index(of: "correct"), table.rowCount > 0, case .bool(let ok) = table.columns[index].value(at: 0) else {
      return false
    }
    return !ok
  }
}

extension ScriptDocument.Cell {
  var chartDirectives: [ChartDirective] {
    directives.compactMap { if case .chart(let c) = $0 { return c } else { return nil } }
  }

  var rowsDirective: Int? {
    for case .rows(let n) in directives { return n }
    return nil
  }
}
