import ChisoCore
import ChisoEngine
import ChisoLocale
import ChisoPlan
import ChisoSyntax

/// What the report's queries read: each table (in order of first use) with the queries that
/// read it, and the methodology breaks their warnings said they crossed.
struct SourceUses {
  struct Reference: Equatable {
    var label: String
    var anchor: String
  }

  var tables: [String] = []
  var readers: [String: [Reference]] = [:]
  /// "table|year|component" → the queries that crossed that break.
  var crossed: [String: [Reference]] = [:]

  mutating func note(_ names: [String], query: String, anchor: String) {
    for name in names {
      if readers[name] == nil { tables.append(name) }
      let reference = Reference(label: query, anchor: anchor)
      if !(readers[name] ?? []).contains(reference) { readers[name, default: []].append(reference) }
    }
  }

  /// Records the breaks named by `methodology-break` warnings (matched to the manifests'
  /// breaks by year and note).
  mutating func noteBreaks(_ warnings: [Diagnostic], query: String, anchor: String, catalog: Catalog) {
    for warning in warnings where warning.code == "methodology-break" {
      for (table, manifest) in catalog.manifests {
        guard warning.message.contains(" \(manifest.id) ") || warning.message.contains(" \(manifest.id) `") else { continue }
        // One break per warning (its year ends the message, its note is a hint), or several
        // in one listing warning (each hint `YEAR component: note`).
        for b in manifest.breaks
        where (warning.message.hasSuffix(" \(b.year)") && warning.hints.contains(b.note))
          || warning.hints.contains(where: { $0.hasPrefix("\(b.year) ") && $0.hasSuffix(": " + b.note) })
        {
          let key = "\(table)|\(b.year)|\(b.component)"
          let reference = Reference(label: query, anchor: anchor)
          if !(crossed[key] ?? []).contains(reference) { crossed[key, default: []].append(reference) }
          if readers[table] == nil {
            tables.append(table)
            readers[table] = [reference]
          }
        }
      }
    }
  }
}

/// The sources section: for each table, its file and what its manifest says — the index's
/// names, publisher, licence, where the data came from, coverage (from the manifest and from
/// the rows themselves) and the methodology breaks, those the queries crossed marked.
struct SourcesSection {
  let session: Session
  let language: Language

  func html(_ uses: SourceUses) -> String {
    var out = "<section class=\"sources\" id=\"sources\">\n<h2>" + text("report.sources") + "</h2>\n"
    guard !uses.tables.isEmpty else {
      return out + "<p>" + text("report.sources.none") + "</p>\n</section>\n"
    }
    out += "<p>" + text("report.sources.intro") + "</p>\n"
    for table in uses.tables {
      out += entry(table, uses)
    }
    return out + "</section>\n"
  }

  func text(_ id: String, _ arguments: CustomStringConvertible...) -> String {
    HTML.escape(Template(L10n.text(id, language)).fill(arguments.map(\.description)))
  }

  func entry(_ table: String, _ uses: SourceUses) -> String {
    let manifest = session.catalog.manifests[table]
    var out = "<article class=\"source\" id=\"source-\(HTML.identifier(table))\">\n<h3><code>" + HTML.escape(table) + "</code>"
    if let manifest {
      let name = language == .vi ? manifest.nameVI : manifest.nameEN
      let other = language == .vi ? manifest.nameEN : manifest.nameVI
      out += " — " + HTML.escape(name)
      if !other.isEmpty, other != name { out += " <span class=\"note\">(" + HTML.escape(other) + ")</span>" }
    }
    out += "</h3>\n<dl>\n"
    func row(_ label: String, _ html: String) { out += "<dt>" + text(label) + "</dt><dd>" + html + "</dd>\n" }
    if let file = session.catalog.files[table] { row("report.source.file", "<code>" + HTML.escape(file) + "</code>") }
    let data = try? session.catalog.table(table)
    if let manifest {
      let publisher = language == .vi ? (manifest.publisherVI ?? manifest.publisher) : manifest.publisher
      row("report.source.publisher", HTML.escape(publisher.isEmpty ? L10n.text("report.source.unknown", language) : publisher))
      var licence = HTML.escape(manifest.licence ?? L10n.text("report.source.unknown", language))
      if let file = manifest.licenceFile {
        let folder = manifest.path.split(separator: "/").dropLast().joined(separator: "/")
        licence += " <span class=\"note\">(<code>" + HTML.escape(folder.isEmpty ? file : folder + "/" + file) + "</code>)</span>"
      }
      row("report.source.licence", licence)
      if let source = manifest.source { row("report.source.origin", HTML.escape(source)) }
    } else {
      row("report.source.manifest", text("report.source.no-manifest"))
    }
    row("report.source.coverage", coverage(manifest, data))
    if let readers = uses.readers[table] { row("report.source.used-by", links(readers)) }
    out += "</dl>\n"
    if let manifest { out += breaks(table, manifest, uses) }
    return out + "</article>\n"
  }

  func links(_ references: [SourceUses.Reference]) -> String {
    references.map { "<a href=\"#\($0.anchor)\">" + HTML.escape($0.label) + "</a>" }.joined(separator: ", ")
  }

  /// `7824 rows · years 2005–2016 · 64 provinces · 12 components`, from the rows where the table
  /// has them, else from the manifest.
  func coverage(_ manifest: IndexManifest?, _ data: Table?) -> String {
    var parts: [String] = []
    if let data {
      parts.append(L10n.count("report.rows", data.rowCount, language))
      if let years = distinct(data, "year").map({ $0.compactMap(Int.init) }), let lo = years.min(), let hi = years.max() {
        parts.append(L10n.text("report.source.years", language, lo, hi))
      } else if let manifest, manifest.years.count == 2 {
        parts.append(L10n.text("report.source.years", language, manifest.years[0], manifest.years[1]))
      }
      if let units = distinct(data, "province") { parts.append(L10n.count("report.source.units", units.count, language)) }
      if let components = distinct(data, "component") {
        parts.append(L10n.count("report.source.components", components.count, language))
      }
    } else if let manifest, manifest.years.count == 2 {
      parts.append(L10n.text("report.source.years", language, manifest.years[0], manifest.years[1]))
    }
    return HTML.escape(parts.joined(separator: " · "))
  }

  func distinct(_ table: Table, _ name: String) -> Set<String>? {
    guard let index = table.index(of: name) else { return nil }
    let column = table.columns[index]
    var values = Set<String>()
    for row in 0..<column.count where !column.isNull(row) { values.insert(column.value(at: row).description) }
    return values
  }

  func breaks(_ table: String, _ manifest: IndexManifest, _ uses: SourceUses) -> String {
    var out = "<h4>" + text("report.breaks") + "</h4>\n"
    guard !manifest.breaks.isEmpty else { return out + "<p>" + text("report.breaks.none") + "</p>\n" }
    out += "<p class=\"note\">" + text("report.breaks.note") + "</p>\n<ul class=\"breaks\">\n"
    for b in manifest.breaks.sorted(by: { ($0.year, $0.component) < ($1.year, $1.component) }) {
      let crossedBy = uses.crossed["\(table)|\(b.year)|\(b.component)"] ?? []
      out += "<li\(crossedBy.isEmpty ? "" : " class=\"crossed\"")><strong>\(b.year)</strong> · "
      out += b.component == "*" ? text("report.breaks.all") : "<code>" + HTML.escape(b.component) + "</code>"
      out += ": " + HTML.escape(b.note)
      if !crossedBy.isEmpty {
        out += " <span class=\"crossed-by\">(" + HTML.fill(L10n.text("report.breaks.crossed", language), [links(crossedBy)]) + ")</span>"
      }
      out += "</li>\n"
    }
    return out + "</ul>\n"
  }
}
