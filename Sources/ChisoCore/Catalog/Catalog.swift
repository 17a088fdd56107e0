import ChisoEngine
import Foundation

/// The tables a session can name: every `*.csv`, `*.tsv`, `*.json` and `*.xlsx` directly inside
/// the data folders, named by file stem (a workbook's first sheet), read on first use and cached.
public final class Catalog: @unchecked Sendable {
  /// Table name → file path, in folder order (the first folder wins a name clash).
  public private(set) var files: [String: String] = [:]
  private var loaded: [String: Table] = [:]
  private var sheetNames: [String: [String]] = [:]
  /// Index manifests (`*.toml`), by the table they describe.
  public private(set) var manifests: [String: IndexManifest] = [:]
  /// Manifests that could not be read, with the reason (shown by `--describe`).
  public private(set) var manifestProblems: [String] = []
  private let lock = NSLock()

  public init(directories: [String]) {
    for directory in directories {
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      for entry in entries.sorted() {
        let lower = entry.lowercased()
        if lower.hasSuffix(".toml") {
          let path = (directory as NSString).appendingPathComponent(entry)
          guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
          do {
            let manifest = IndexManifest(toml: try TOML.parse(text), path: path)
            let table = manifest.table ?? manifest.id
            if manifests[table] == nil { manifests[table] = manifest }
          } catch {
            manifestProblems.append("\(path): \(error)")
          }
          continue
        }
        guard lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".json") || lower.hasSuffix(".xlsx")
        else { continue }
        // `~$book.xlsx` is the lock file Excel leaves beside an open workbook, not a workbook.
        if entry.hasPrefix("~$") { continue }
        let stem = String(entry[..<(entry.lastIndex(of: ".") ?? entry.endIndex)])
        if files[stem] == nil { files[stem] = (directory as NSString).appendingPathComponent(entry) }
      }
    }
  }

  /// Table names, sorted.
  public var tableNames: [String] { files.keys.sorted() }

  /// The table, loading it on first use.
  public func table(_ name: String) throws(DataError) -> Table? {
    lock.lock()
    if let table = loaded[name] { lock.unlock(); return table }
    lock.unlock()
    guard let path = files[name] else { return nil }
    let table = try Catalog.read(path: path)
    lock.lock()
    loaded[name] = table
    lock.unlock()
    return table
  }

  /// Reads a file by its extension (a workbook: its first sheet).
  public static func read(path: String) throws(DataError) -> Table {
    let lower = path.lowercased()
    if lower.hasSuffix(".json") { return try JSONReader.read(path: path) }
    if lower.hasSuffix(".xlsx") { return try XLSXReader.read(path: path) }
    return try CSVReader.read(path: path, options: CSVOptions.forPath(path))
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
}
