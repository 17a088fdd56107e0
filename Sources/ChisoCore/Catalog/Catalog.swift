import ChisoEngine
import ChisoPlan
import Foundation

/// The tables a session can name: every `*.csv`, `*.tsv`, `*.json` and `*.xlsx` (a workbook's
/// first sheet) directly inside the data folders, named by file stem. It answers the resolver's
/// schema questions from a sample of each file (the whole file when small), and loads a table in
/// full only when a query runs. A file changed on disk since it was loaded is read again.
public final class Catalog: SchemaProvider, @unchecked Sendable {
  /// Table name → file path, in folder order (the first folder wins a name clash).
  public private(set) var files: [String: String] = [:]
  private var sheetNames: [String: [String]] = [:]
  private var aliasCache: [String: (official: String, code: String)]? = nil
  /// Index manifests (`*.toml`), by the table they describe.
  public private(set) var manifests: [String: IndexManifest] = [:]
  /// How each table's text sorts by default, from its folder's `chiso.toml`.
  private var collations: [String: Collation] = [:]
  /// Every text sort's collation for this session (`.collation`, `--collation`); nil: each
  /// table's own.
  public var sessionCollation: Collation? {
    get { lock.lock(); defer { lock.unlock() }; return chosenCollation }
    set { lock.lock(); chosenCollation = newValue; lock.unlock() }
  }
  private var chosenCollation: Collation?

  public func collation(ofTable name: String) -> Collation? {
    collations[name]
  }
  /// Every manifest read, in folder order (several may describe one table: PAR INDEX and SIPAS
  /// are both rows of `seed_figures`).
  public private(set) var allManifests: [IndexManifest] = []
  /// Manifests that could not be read, with the reason (shown by `--describe`).
  public private(set) var manifestProblems: [String] = []

  /// The columns of a table read so far (a query reads only the columns it needs), with the
  /// file's stamp when read.
  struct Loaded {
    var stamp: FileStamp
    var names: [String]
    var rowCount: Int?
    var columns: [Int: Column] = [:]

    var isComplete: Bool { columns.count == names.count && rowCount != nil }
    var table: Table? {
      guard isComplete, let rowCount else { return nil }
      return Table(names: names, columns: names.indices.compactMap { columns[$0] }, rowCount: rowCount)
    }
  }
  var loaded: [String: Loaded] = [:]
  /// Schemas learned from a sample, by path, with the file's stamp when sampled.
  private var sampled: [String: (TableSchema, FileStamp)] = [:]
  let lock = NSLock()
  /// The persistent columnar cache (nil: every read parses the file, as with `--no-cache`).
  public let cache: ColumnCache?

  /// Files at most this large are read whole to learn their schema (exact types at once).
  static let wholeFileLimit = 8 << 20
  /// How much of a larger file the schema sample reads.
  static let sampleBytes = 1 << 20

  public init(directories: [String], cache: ColumnCache? = nil) {
    self.cache = cache
    for directory in directories {
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      let settings = FolderSettings(directory: directory)
      if let problem = settings.problem { manifestProblems.append(problem) }
      for entry in entries.sorted() {
        let lower = entry.lowercased()
        let path = (directory as NSString).appendingPathComponent(entry)
        if lower == FolderSettings.fileName { continue }
        if lower.hasSuffix(".toml") {
          readManifest(path)
          continue
        }
        guard Catalog.format(of: lower) != nil else { continue }
        // `~$book.xlsx` is the lock file Excel leaves beside an open workbook, not a workbook.
        if entry.hasPrefix("~$") { continue }
        let stem = String(entry[..<(entry.lastIndex(of: ".") ?? entry.endIndex)])
        if files[stem] == nil {
          files[stem] = path
          if let collation = settings.collation { collations[stem] = collation }
        }
      }
    }
  }

  private func readManifest(_ path: String) {
    // Manifests are small; a pipe or device named `*.toml` is not read (it might never end).
    let text: String
    do { text = try TextFile.read(path: path, limit: 4 << 20) } catch {
      manifestProblems.append(error.description)
      return
    }
    do {
      let manifest = IndexManifest(toml: try TOML.parse(text), path: path)
      let table = manifest.table ?? manifest.id
      if manifests[table] == nil { manifests[table] = manifest }
      allManifests.append(manifest)
    } catch {
      manifestProblems.append("\(path): \(error)")
    }
  }

  /// The manifest of an index by its id (`par_index`) or of a table by its name (`pci`).
  public func manifest(named name: String) -> IndexManifest? {
    allManifests.first { $0.id == name } ?? manifests[name]
  }

  /// What `--describe` and `.schema` can describe: index ids and described tables.
  public var describedNames: [String] { Array(Set(allManifests.map(\.id) + manifests.keys)).sorted() }

  /// The format a file name implies.
  static func format(of name: String) -> FileFormat? {
    let lower = name.lowercased()
    if lower.hasSuffix(".csv") { return .csv }
    if lower.hasSuffix(".tsv") { return .tsv }
    if lower.hasSuffix(".json") { return .json }
    if lower.hasSuffix(".xlsx") { return .xlsx(XLSXOptions()) }
    return nil
  }

  /// Table names, sorted.
  public var tableNames: [String] {
    lock.lock()
    defer { lock.unlock() }
    return Array(Set(files.keys).union(memory.keys)).sorted()
  }

  // MARK: - Session tables

  /// Tables kept in memory for the session (`.save NAME`, `_` for the last result), by name;
  /// they hide a file table of the same name while they exist.
  private var memory: [String: Table] = [:]

  /// Keeps a table in memory under a name for the rest of the session.
  public func register(_ name: String, _ table: Table) {
    lock.lock()
    memory[name] = table
    lock.unlock()
  }

  public func unregister(_ name: String) {
    lock.lock()
    memory[name] = nil
    lock.unlock()
  }

  /// The session's own tables, sorted.
  public var sessionTableNames: [String] {
    lock.lock()
    defer { lock.unlock() }
    return memory.keys.sorted()
  }

  func memoryTable(_ name: String) -> Table? {
    lock.lock()
    defer { lock.unlock() }
    return memory[name]
  }

  // MARK: - Schemas (no rows read beyond a sample)

  public func schema(ofTable name: String) throws(DataError) -> TableSchema? {
    if let table = memoryTable(name) { return TableSchema(of: table) }
    guard let path = files[name] else { return nil }
    if let table = loadedTable(name, path: path) { return TableSchema(of: table) }
    // Columns read already, or cached, have exact types; the others come from the sample.
    if let exact = exactSchema(name, path: path) { return exact }
    var schema = try schema(ofFile: path, format: Catalog.format(of: path) ?? .csv)
    for (i, type) in knownTypes(name, path: path) where i < schema.types.count {
      schema.types[i] = type.type
      schema.nullable[i] = type.nullable
    }
    return schema
  }

  public func schema(ofFile path: String, format: FileFormat) throws(DataError) -> TableSchema {
    let stamp = FileStamp(path: path)
    lock.lock()
    if case .xlsx = format {} else if let (schema, seen) = sampled[path], seen == stamp, stamp != nil {
      lock.unlock()
      return schema
    }
    lock.unlock()
    let schema = try Catalog.sampleSchema(path: path, format: format, stamp: stamp)
    lock.lock()
    // A workbook's sheets and ranges have schemas of their own.
    if case .xlsx = format {} else { sampled[path] = (schema, stamp ?? FileStamp.none) }
    lock.unlock()
    return schema
  }

  public func schema(ofText text: String, format: FileFormat) throws(DataError) -> TableSchema {
    TableSchema(of: try Catalog.read(text: text, format: format))
  }

  /// Types from the first part of a large file (cut at a line break), or from all of a small
  /// one. A sample can be wrong about a later row; the executor then finds the loaded table's
  /// types differ and the session plans again with them (never runs with a wrong type).
  static func sampleSchema(path: String, format: FileFormat, stamp: FileStamp?) throws(DataError) -> TableSchema {
    guard format == .csv || format == .tsv, let stamp, stamp.size > wholeFileLimit else {
      return TableSchema(of: try read(path: path, format: format))
    }
    let prefix = try CSVReader.prefix(path: path, bytes: sampleBytes)
    if let table = try? CSVReader.read(bytes: prefix, name: path, options: CSVOptions.forPath(path)) {
      return TableSchema(of: table)
    }
    return TableSchema(of: try read(path: path, format: format))
  }

  // MARK: - Tables (rows)

  /// The table in full, loading (or reloading, if the file changed) it.
  public func table(_ name: String) throws(DataError) -> Table? {
    try scan(name, columns: nil)
  }

  /// The loaded table, if it is still what the file holds and all its columns are in memory.
  private func loadedTable(_ name: String, path: String) -> Table? {
    lock.lock()
    defer { lock.unlock() }
    guard let entry = loaded[name] else { return nil }
    if let now = FileStamp(path: path), now != entry.stamp {
      loaded[name] = nil
      return nil
    }
    return entry.table
  }

  /// A table already in memory, without reading anything (for lints and completion).
  public func loadedTable(_ name: String) -> Table? {
    if let table = memoryTable(name) { return table }
    guard let path = files[name] else { return nil }
    return loadedTable(name, path: path)
  }

  /// The sheet names of a table read from a workbook (the table is its first sheet); nil for
  /// other tables, or when the workbook cannot be opened (reading the table then says why).
  public func sheets(of name: String) -> [String]? {
    guard let path = files[name], path.lowercased().hasSuffix(".xlsx") else { return nil }
    lock.lock()
    if let cached = sheetNames[name] { lock.unlock(); return cached }
    lock.unlock()
    guard let names = try? XLSXReader.sheetNames(path: path) else { return nil }
    lock.lock()
    sheetNames[name] = names
    lock.unlock()
    return names
  }
  /// Records the exact schema of a file the executor read in full (`read_csv "…"`), so that a
  /// plan made from a sample that guessed wrong is made again with it.
  func learned(path: String, table: Table) {
    lock.lock()
    sampled[path] = (TableSchema(of: table), FileStamp(path: path) ?? .none)
    lock.unlock()
  }

  /// Reads a file by its format.
  public static func read(path: String, format: FileFormat) throws(DataError) -> Table {
    switch format {
    case .json: return try JSONReader.read(path: path)
    case .csv, .tsv: return try CSVReader.read(path: path, options: CSVOptions.forPath(path))
    case .xlsx(let o): return try XLSXReader.read(path: path, sheet: o.sheet, range: o.range, header: o.header)
    }
  }

  /// Reads a file by its extension.
  public static func read(path: String) throws(DataError) -> Table {
    try read(path: path, format: format(of: path) ?? .csv)
  }

  static func read(text: String, format: FileFormat) throws(DataError) -> Table {
    format == .json
      ? try JSONReader.read(bytes: Array(text.utf8), name: "from_text")
      : try CSVReader.read(bytes: Array(text.utf8), name: "from_text")
  }
}

extension Catalog: LintData {
  /// `province_aliases` (alias, province, gso_code), when the data folders have it: read once.
  public func aliases() -> [String: (official: String, code: String)] {
    lock.lock()
    if let cached = aliasCache { lock.unlock(); return cached }
    lock.unlock()
    var out: [String: (official: String, code: String)] = [:]
    if let table = try? table("province_aliases"), let a = table.index(of: "alias"), let p = table.index(of: "province"),
      let g = table.index(of: "gso_code")
    {
      for row in 0..<table.rowCount {
        guard case .text(let alias) = table.columns[a].value(at: row), case .text(let official) = table.columns[p].value(at: row),
          case .text(let code) = table.columns[g].value(at: row)
        else { continue }
        out[Aliases.key(alias)] = (official, code)
      }
    }
    lock.lock()
    aliasCache = out
    lock.unlock()
    return out
  }

  /// The distinct values of a loaded table's column (a text column's dictionary, or the
  /// distinct whole numbers of a small-range int column such as `year`); nil for a table not in
  /// memory, so lints never read a file.
  public func distinctValues(of origin: ColumnOrigin) -> [Value]? {
    guard let column = loadedColumn(origin.table, named: origin.column) else { return nil }
    switch column.storage {
    case .text(let buffer):
      return buffer.dictionary.map { .text($0) }
    case .int(let values):
      var seen = Set<Int64>()
      for (row, v) in values.enumerated() where !column.isNull(row) {
        seen.insert(v)
        if seen.count > 10_000 { return nil }
      }
      return seen.sorted().map { .int($0) }
    default:
      return nil
    }
  }
}

/// What identifies a file's contents cheaply: its size and modification time.
struct FileStamp: Equatable, Sendable {
  var size: Int
  var modified: Int64

  static let none = FileStamp(size: -1, modified: -1)

  init(size: Int, modified: Int64) {
    self.size = size
    self.modified = modified
  }

  init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    size = Int(info.st_size)
    #if os(Linux)
      modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    #else
      modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
    #endif
  }


}
