import ChisoEngine
import Foundation

/// The tables a session can name: every `*.csv`, `*.tsv` and `*.json` directly inside the data
/// folders, named by file stem, read on first use and cached.
public final class Catalog: @unchecked Sendable {
  /// Table name → file path, in folder order (the first folder wins a name clash).
  public private(set) var files: [String: String] = [:]
  private var loaded: [String: Table] = [:]
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
        guard lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".json") else { continue }
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

  /// Reads a file by its extension.
  public static func read(path: String) throws(DataError) -> Table {
    if path.lowercased().hasSuffix(".json") { return try JSONReader.read(path: path) }
    return try CSVReader.read(path: path, options: CSVOptions.forPath(path))
  }
}
