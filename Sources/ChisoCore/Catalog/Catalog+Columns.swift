import ChisoEngine
import ChisoPlan

/// Column-wise reading: a scan asks for the columns it needs, which come from memory (read
/// earlier in the session), from the columnar cache (mapped, no parsing), or from the file —
/// where the other columns are tokenised but never converted. Each column read from a file is
/// then cached for the next run.
extension Catalog {
  /// The columns at `columns` (positions in the table's schema; nil = all) of a table, in that
  /// order, reading whatever is not in memory yet. A file changed since it was read is read again.
  public func scan(_ name: String, columns: [Int]?) throws(DataError) -> Table? {
    // A session table (`let` alone, `.save`) shadows a file of the same name.
    if let table = memoryTable(name) {
      guard let columns else { return table }
      guard columns.allSatisfy({ $0 >= 0 && $0 < table.columnCount }) else { return table }
      return Table(names: columns.map { table.names[$0] }, columns: columns.map { table.columns[$0] }, rowCount: table.rowCount)
    }
    guard let path = files[name] else { return nil }
    let stamp = FileStamp(path: path) ?? .none
    let format = Catalog.format(of: path) ?? .csv
    lock.lock()
    var entry = loaded[name].flatMap { $0.stamp == stamp ? $0 : nil }
    lock.unlock()
    guard format == .csv || format == .tsv else {
      // JSON and workbooks are read whole (they are small in practice), then picked from.
      if entry == nil || entry?.isComplete != true {
        let table = try Catalog.read(path: path, format: format)
        var whole = Loaded(stamp: stamp, names: table.names, rowCount: table.rowCount)
        for (i, column) in table.columns.enumerated() { whole.columns[i] = column }
        entry = whole
        remember(name, whole)
      }
      return entry.flatMap { pick($0, columns) }
    }
    let options = CSVOptions.forPath(path)
    if entry == nil { entry = Loaded(stamp: stamp, names: try CSVReader.readHeader(path: path, options: options), rowCount: nil) }
    guard var current = entry else { return nil }
    let wanted = columns ?? Array(current.names.indices)
    guard wanted.allSatisfy({ $0 >= 0 && $0 < current.names.count }) else { throw DataError(file: path, message: "the file has fewer columns than the query was planned with", hint: "run the query again") }
    let key = cacheKey(path, stamp, options)
    if let cache, let key {
      // Each cached column is copied out and checked on a core of its own (a warm run is
      // mostly this copy), then taken in order.
      let toLoad = wanted.filter { current.columns[$0] == nil }
      let hits = Parallel.map(toLoad.count) { k in cache.load(key, column: toLoad[k]) }
      for (i, found) in zip(toLoad, hits) {
        guard let hit = found else { continue }
        // A cached column must agree with the file's header and with the other columns.
        guard hit.name == current.names[i], current.rowCount.map({ $0 == hit.column.count }) ?? true else { continue }
        current.columns[i] = hit.column
        current.rowCount = hit.column.count
      }
    }
    let missing = wanted.filter { current.columns[$0] == nil }
    if !missing.isEmpty || current.rowCount == nil {
      let read = try CSVReader.read(path: path, options: options, columns: missing)
      if let rows = current.rowCount, rows != read.rowCount {
        // What was read earlier does not match the file now: start again from the file alone.
        current = Loaded(stamp: stamp, names: current.names, rowCount: nil)
        return try rescan(name, path, stamp, options, wanted)
      }
      current.rowCount = read.rowCount
      for (k, i) in missing.enumerated() {
        current.columns[i] = read.columns[k]
        if let cache, let key { cache.store(key, column: i, name: current.names[i], read.columns[k]) }
      }
    }
    remember(name, current)
    return pick(current, wanted)
  }

  /// Reads `wanted` from the file alone (nothing from memory or the cache).
  private func rescan(_ name: String, _ path: String, _ stamp: FileStamp, _ options: CSVOptions, _ wanted: [Int]) throws(DataError) -> Table? {
    let read = try CSVReader.read(path: path, options: options, columns: wanted)
    var fresh = Loaded(stamp: stamp, names: try CSVReader.readHeader(path: path, options: options), rowCount: read.rowCount)
    for (k, i) in wanted.enumerated() { fresh.columns[i] = read.columns[k] }
    remember(name, fresh)
    return pick(fresh, wanted)
  }

  private func remember(_ name: String, _ entry: Loaded) {
    lock.lock()
    loaded[name] = entry
    lock.unlock()
  }

  private func pick(_ entry: Loaded, _ columns: [Int]?) -> Table? {
    let wanted = columns ?? Array(entry.names.indices)
    var picked: [Column] = []
    for i in wanted {
      guard let column = entry.columns[i] else { return nil }
      picked.append(column)
    }
    return Table(names: wanted.map { entry.names[$0] }, columns: picked, rowCount: entry.rowCount ?? 0)
  }

  /// The cache key of a data file as it is now; nil when there is no cache or the file is too
  /// small to be worth one.
  func cacheKey(_ path: String, _ stamp: FileStamp, _ options: CSVOptions) -> ColumnCache.Key? {
    guard let cache, stamp != .none, stamp.size >= cache.minimumFileSize else { return nil }
    let text = "csv delimiter=\(options.delimiter) header=\(options.header)"
    return ColumnCache.Key(path: path, size: stamp.size, modified: stamp.modified, options: text)
  }

  /// The schema when every column is known exactly (in memory or cached) — no sample needed.
  func exactSchema(_ name: String, path: String) -> TableSchema? {
    guard let format = Catalog.format(of: path), format == .csv || format == .tsv,
      let names = try? CSVReader.readHeader(path: path, options: CSVOptions.forPath(path))
    else { return nil }
    let known = knownTypes(name, path: path)
    guard known.count == names.count, names.indices.allSatisfy({ known[$0] != nil }) else { return nil }
    return TableSchema(names: names, types: names.indices.map { known[$0]!.type }, nullable: names.indices.map { known[$0]!.nullable })
  }

  /// The exact types of a table's columns that are in memory or in the cache, by position.
  func knownTypes(_ name: String, path: String) -> [Int: (type: DataType, nullable: Bool)] {
    let stamp = FileStamp(path: path) ?? .none
    var out: [Int: (type: DataType, nullable: Bool)] = [:]
    lock.lock()
    let entry = loaded[name].flatMap { $0.stamp == stamp ? $0 : nil }
    lock.unlock()
    for (i, column) in entry?.columns ?? [:] { out[i] = (column.type, column.validity != nil || column.type == .null) }
    let options = CSVOptions.forPath(path)
    guard let cache, let key = cacheKey(path, stamp, options),
      let names = entry?.names ?? (try? CSVReader.readHeader(path: path, options: options))
    else { return out }
    for i in names.indices where out[i] == nil {
      if let hit = cache.statistics(key, column: i), hit.name == names[i] {
        out[i] = (hit.statistics.type, hit.statistics.nullCount > 0 || hit.statistics.type == .null)
      }
    }
    return out
  }

  /// Statistics of the columns at `columns` (table positions) that the cache holds, for
  /// skipping a scan whose predicate cannot match.
  public func statistics(_ name: String, columns: [Int]) -> [Int: ColumnStatistics] {
    guard let path = files[name], let cache else { return [:] }
    let stamp = FileStamp(path: path) ?? .none
    let options = CSVOptions.forPath(path)
    guard let format = Catalog.format(of: path), format == .csv || format == .tsv, let key = cacheKey(path, stamp, options) else { return [:] }
    var out: [Int: ColumnStatistics] = [:]
    for i in columns { if let hit = cache.statistics(key, column: i) { out[i] = hit.statistics } }
    return out
  }

  /// A loaded column by name, if that table is in memory and unchanged (for lints: no reading).
  func loadedColumn(_ table: String, named column: String) -> Column? {
    guard let path = files[table] else { return nil }
    let stamp = FileStamp(path: path) ?? .none
    lock.lock()
    defer { lock.unlock() }
    guard let entry = loaded[table], entry.stamp == stamp, let i = entry.names.firstIndex(of: column) else { return nil }
    return entry.columns[i]
  }

  /// Forgets every column read so far (after `.cache clear`: the next query reads the files).
  public func forgetLoaded() {
    lock.lock()
    loaded = [:]
    lock.unlock()
  }

  /// Warnings about cache files that were ignored, since last asked.
  public func drainCacheWarnings() -> [String] { cache?.drainWarnings() ?? [] }
}
