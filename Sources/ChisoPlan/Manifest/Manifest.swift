import ChisoEngine

/// What chiso knows about an index from its manifest (`Datasets/pci.toml`): names, scale,
/// components, bands and the years where the methodology changed.
public struct IndexManifest: Sendable {
  public struct Component: Sendable {
    public var id: String
    public var nameEN: String
    public var nameVI: String
    public var weight: Double?
    public var firstYear: Int?
    public var lastYear: Int?
    public var gapYears: [Int]
    public var isComposite: Bool
    public var note: String?
  }

  /// A methodology break: from `year`, `component` (or every component, `*`) means something else.
  public struct Break: Sendable {
    public var year: Int
    public var component: String
    public var note: String
  }

  /// A published band or group, optionally defined by a share of the maximum score.
  public struct Band: Sendable {
    public var id: String
    public var nameVI: String?
    public var nameEN: String?
    public var order: Int?
    public var minPercent: Double?
    public var minInclusive: Bool
    public var maxPercent: Double?
    public var maxInclusive: Bool
  }

  /// What the data holds of one year (`[[coverage]]`, written by the import from the data).
  public struct Coverage: Sendable {
    public var year: Int
    /// Units with a composite score that year.
    public var provinces: Int
    /// Units the publisher scored that year (63 for PCI 2009–2024).
    public var of: Int
    /// Units with each sub-index (the fewest of any).
    public var componentProvinces: Int
    /// Units with a published rank.
    public var ranked: Int
    public var complete: Bool
    public var components: [String]
    public var note: String?

    /// The units present for `component` (the composite, or a sub-index).
    public func units(component: String?, compositeID: String) -> Int {
      component == nil || component == compositeID ? provinces : componentProvinces
    }
  }

  public var id: String
  public var nameEN: String
  public var nameVI: String
  public var publisher: String
  /// The publisher's name in Vietnamese, when the manifest gives it (`publisher_vi`).
  public var publisherVI: String?
  public var table: String?
  /// Which rows of `table` the index is (`index = par_index` in `seed_figures`).
  public var tableFilter: String?
  public var years: [Int]
  public var componentMin: Double?
  public var componentMax: Double?
  public var compositeMin: Double?
  public var compositeMax: Double?
  public var compositeID: String
  public var components: [Component]
  public var breaks: [Break]
  public var bands: [Band]
  public var licence: String?
  /// The licence text's file, relative to the manifest's folder (`licence_file`).
  public var licenceFile: String?
  public var source: String?
  /// Per-year coverage, when the manifest records it.
  public var coverage: [Coverage]
  /// The table of published ranks (`[index] ranks_table`).
  public var ranksTable: String?
  /// The file it came from.
  public var path: String

  public init(toml: [String: TOMLValue], path: String) {
    let index = toml["index"]?.table ?? [:]
    let scale = toml["scale"]?.table ?? [:]
    let provenance = toml["provenance"]?.table ?? [:]
    id = index["id"]?.string ?? ""
    nameEN = index["name_en"]?.string ?? ""
    nameVI = index["name_vi"]?.string ?? ""
    publisher = index["publisher"]?.string ?? ""
    publisherVI = index["publisher_vi"]?.string
    table = index["table"]?.string
    tableFilter = index["table_filter"]?.string
    years = index["years"]?.array?.compactMap(\.int) ?? []
    compositeID = index["composite_id"]?.string ?? "total"
    componentMin = scale["component_min"]?.double
    componentMax = scale["component_max"]?.double
    compositeMin = scale["composite_min"]?.double
    compositeMax = scale["composite_max"]?.double
    components = (toml["components"]?.tables ?? []).map { c in
      Component(
        id: c["id"]?.string ?? "", nameEN: c["name_en"]?.string ?? "", nameVI: c["name_vi"]?.string ?? "",
        weight: c["weight"]?.double, firstYear: c["first_year"]?.int, lastYear: c["last_year"]?.int,
        gapYears: c["gap_years"]?.array?.compactMap(\.int) ?? [], isComposite: c["composite"]?.bool ?? false,
        note: c["note"]?.string)
    }
    breaks = (toml["breaks"]?.tables ?? []).compactMap { b in
      guard let year = b["year"]?.int else { return nil }
      return Break(year: year, component: b["component"]?.string ?? "*", note: b["note"]?.string ?? "")
    }
    bands = (toml["bands"]?.tables ?? []).map { b in
      Band(
        id: b["id"]?.string ?? "", nameVI: b["name_vi"]?.string, nameEN: b["name_en"]?.string, order: b["order"]?.int,
        minPercent: b["min_pct"]?.double, minInclusive: b["min_inclusive"]?.bool ?? true,
        maxPercent: b["max_pct"]?.double, maxInclusive: b["max_inclusive"]?.bool ?? false)
    }
    licence = provenance["licence"]?.string
    licenceFile = provenance["licence_file"]?.string
    source = provenance["source"]?.string
    ranksTable = index["ranks_table"]?.string
    coverage = (toml["coverage"]?.tables ?? []).compactMap { c in
      guard let year = c["year"]?.int, let provinces = c["provinces"]?.int, let of = c["of"]?.int else { return nil }
      return Coverage(
        year: year, provinces: provinces, of: of, componentProvinces: c["component_provinces"]?.int ?? provinces,
        ranked: c["ranked"]?.int ?? 0, complete: c["complete"]?.bool ?? (provinces == of),
        components: c["components"]?.array?.compactMap(\.string) ?? [], note: c["note"]?.string)
    }
    self.path = path
  }

  /// The coverage of `year`, when the manifest records coverage.
  public func coverage(year: Int) -> Coverage? { coverage.first { $0.year == year } }

  /// Breaks that fall strictly after `from` and at or before `to` for a component.
  public func breaks(component: String?, from: Int, to: Int) -> [Break] {
    breaks.filter { b in
      b.year > from && b.year <= to && (b.component == "*" || component == nil || b.component == component)
    }
  }

  /// A human-readable description: the index, its scale, components and breaks.
  public var description: String {
    var out = "\(id) — \(nameEN) (\(nameVI))\n"
    if !publisher.isEmpty { out += "publisher: \(publisher)\n" }
    if years.count == 2 { out += "years: \(years[0])–\(years[1])\n" }
    if let lo = componentMin, let hi = componentMax { out += "components scored \(FloatFormat.shortest(lo))–\(FloatFormat.shortest(hi))" }
    if let lo = compositeMin, let hi = compositeMax { out += ", composite `\(compositeID)` \(FloatFormat.shortest(lo))–\(FloatFormat.shortest(hi))" }
    out += "\n\ncomponents:\n"
    let width = components.map(\.id.count).max() ?? 0
    for c in components {
      var span = ""
      if let a = c.firstYear, let b = c.lastYear { span = a == b ? " [\(a)]" : " [\(a)–\(b)\(c.gapYears.isEmpty ? "" : ", none in \(c.gapYears.map(String.init).joined(separator: ", "))")]" }
      let weight = c.weight.map { " weight \(FloatFormat.shortest($0))" } ?? ""
      out += "  \(c.id.padding(toLength: width))  \(c.nameEN) — \(c.nameVI)\(span)\(weight)\n"
    }
    if !breaks.isEmpty {
      out += "\nmethodology breaks:\n"
      for b in breaks.sorted(by: { $0.year < $1.year }) {
        out += "  \(b.year) \(b.component == "*" ? "(all)" : b.component): \(b.note)\n"
      }
    }
    let partial = coverage.filter { !$0.complete }
    if !coverage.isEmpty {
      out += "\ncoverage: \(coverage.count) years"
      out += partial.isEmpty ? ", all complete\n" : "; incomplete years:\n"
      for c in partial {
        out += "  \(c.year): composite for \(c.provinces) of \(c.of), sub-indices for \(c.componentProvinces), ranks for \(c.ranked)\n"
      }
    }
    if !bands.isEmpty {
      out += "\nbands: " + bands.map { b in
        var text = b.nameVI ?? b.id
        if let lo = b.minPercent, let hi = b.maxPercent { text += " (\(FloatFormat.shortest(lo))–\(FloatFormat.shortest(hi))% of max)" }
        return text
      }.joined(separator: ", ") + "\n"
    }
    if let licence { out += "\nlicence: \(licence)\n" }
    return out
  }
}

extension String {
  func padding(toLength length: Int) -> String {
    count >= length ? self : self + String(repeating: " ", count: length - count)
  }
}
