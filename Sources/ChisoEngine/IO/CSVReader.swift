import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// How to read a delimited text file.
public struct CSVOptions: Sendable, Equatable {
  /// The field separator: `,` for CSV, tab for TSV. Any ASCII byte except `"`, CR and LF.
  public var delimiter: UInt8
  /// Whether the first row names the columns. Without a header, columns are named `column0`,
  /// `column1`, … (as DuckDB names them).
  public var header: Bool

  /// Comma-separated with a header row, unless told otherwise.
  public init(delimiter: UInt8 = UInt8(ascii: ","), header: Bool = true) {
    self.delimiter = delimiter
    self.header = header
  }

  /// The options a file's extension implies: tab-separated for `.tsv` and `.tab`, comma
  /// otherwise.
  public static func forPath(_ path: String) -> CSVOptions {
    let lower = path.lowercased()
    if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return CSVOptions(delimiter: Ascii.tab) }
    return CSVOptions()
  }
}

/// Reads RFC 4180 CSV into a typed `Table`.
///
/// The format: a header row; fields separated by the delimiter; a field may be quoted with `"`
/// (then it may hold delimiters, newlines and `""` for a quote); records end with LF or CRLF
/// (a bare CR also works); a UTF-8 byte order mark is skipped; the last record may lack its
/// newline; blank lines are skipped (with a single column, a blank line inside the data is a
/// null row); a header row with no data gives zero rows of text columns. Fields are taken
/// exactly as written: no spaces are trimmed.
///
/// Types are inferred per column over all rows, like DuckDB's sniffer: an empty unquoted field
/// is null, a quoted empty field (`""`) is the empty string; then the column is int if every
/// value is an integer that fits Int64, else float if every value is a decimal number, else
/// bool if every value is `true`/`false` (any case), else date if every value is `YYYY-MM-DD`,
/// else timestamp if every value is a date or `YYYY-MM-DD HH:MM[:SS[.fraction]]` (space or
/// `T`), else text. Quoted values are sniffed like unquoted ones (`"12"` is a number). One
/// rule differs from DuckDB: a zero-padded integer (`01`, `007`) makes its column text, so
/// codes such as province or postal codes keep their zeros. A column with no values at all is
/// text, all null.
///
/// Text columns are dictionary-encoded by exact bytes: NFC and NFD spellings stay distinct and
/// round-trip unchanged.
public enum CSVReader {
  /// Reads a CSV file; errors name the path as given.
  public static func read(path: String, options: CSVOptions = .init()) throws(DataError) -> Table {
    try read(path: path, options: options, columns: nil)
  }

  /// Reads only the columns at `columns` (positions in the file's header, in the order given;
  /// nil = all): every record is still tokenised (and checked for its field count), but the
  /// other columns' fields are never converted, so the table holds — and memory pays for — only
  /// what a query reads. Each column's type is inferred over all its rows, as in a full read.
  public static func read(path: String, options: CSVOptions = .init(), columns: [Int]?) throws(DataError) -> Table {
    // Mapped without pre-faulting, and pages dropped once parsed: the file never has to be
    // resident all at once, only the columns being built.
    try FileBytes.withContents(path: path, populate: false) { (buffer, mapped) throws(DataError) -> Table in
      var parser = try CSVParser(buffer: buffer, name: path, options: options)
      parser.dropParsedPages = mapped
      return try parser.readTable(columns: columns)
    }
  }

  /// Reads the columns at `columns` of CSV held in memory (nil = all).
  public static func read(bytes: [UInt8], name: String, options: CSVOptions = .init(), columns: [Int]?) throws(DataError) -> Table {
    try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> Table in
      try CSVParser(buffer: buffer, name: name, options: options).readTable(columns: columns)
    }
  }

  /// Reads CSV held in memory; `name` stands for the file in errors.
  public static func read(bytes: [UInt8], name: String, options: CSVOptions = .init()) throws(DataError) -> Table {
    try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> Table in
      try CSVParser(buffer: buffer, name: name, options: options).readTable()
    }
  }

  /// Reads CSV held in memory with `threads` threads (1 = one pass), `batchFields` fields per
  /// batch, and no size threshold: for tests, which check that pipelined parsing reads exactly
  /// as one pass does.
  static func read(
    bytes: [UInt8], name: String, options: CSVOptions = .init(), threads: Int, batchFields: Int
  ) throws(DataError) -> Table {
    try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> Table in
      var parser = try CSVParser(buffer: buffer, name: name, options: options)
      parser.parallelThreshold = 0
      parser.parallelThreads = threads
      parser.batchFields = batchFields
      return try parser.readTable()
    }
  }

  /// The column names of a CSV file (made unique as `read` makes them), reading only as far
  /// as the end of the first record.
  public static func readHeader(path: String, options: CSVOptions = .init()) throws(DataError) -> [String] {
    let bytes = try FilePrefix.firstRecord(path: path)
    return try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> [String] in
      let parser = try CSVParser(buffer: buffer, name: path, options: options)
      var position = parser.dataStart
      return try parser.readNames(&position)
    }
  }
}

extension CSVReader {
  /// About the first `bytes` bytes of a file, cut after the last record that ends within them
  /// (a line break outside quotes), for sampling a large file's types.
  public static func prefix(path: String, bytes count: Int) throws(DataError) -> [UInt8] {
    let file = try FileBytes.openRegular(path)
    defer { fclose(file) }
    var bytes = [UInt8](repeating: 0, count: count)
    let got = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
      guard let base = buffer.baseAddress else { return 0 }
      return fread(base, 1, count, file)
    }
    bytes.removeLast(count - got)
    var inQuotes = false
    var lastBreak = -1
    for (i, byte) in bytes.enumerated() {
      if byte == Ascii.quote { inQuotes.toggle() } else if !inQuotes, byte == Ascii.lf { lastBreak = i }
    }
    return lastBreak >= 0 && got == count ? Array(bytes[...lastBreak]) : bytes
  }
}

/// Reads the start of a file up to the first complete record, so that `readHeader` does not
/// load a large file.
enum FilePrefix {
  static func firstRecord(path: String) throws(DataError) -> [UInt8] {
    let file = try FileBytes.openRegular(path)
    defer { fclose(file) }
    var bytes: [UInt8] = []
    let chunkSize = 1 << 16
    var inQuotes = false
    var sawContent = false
    var scanned = 0
    while true {
      let before = bytes.count
      bytes.append(contentsOf: repeatElement(0, count: chunkSize))
      let got = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        return fread(base + before, 1, chunkSize, file)
      }
      bytes.removeLast(chunkSize - got)
      if got == 0 { return bytes }
      // Find the first line break outside quotes after some content (leading blank lines are
      // skipped by the parser). Quote parity suffices: `""` toggles twice.
      while scanned < bytes.count {
        let byte = bytes[scanned]
        scanned += 1
        if byte == Ascii.quote {
          inQuotes.toggle()
          sawContent = true
        } else if !inQuotes, byte == Ascii.lf || byte == Ascii.cr {
          if sawContent { return Array(bytes[0..<scanned]) }
        } else {
          sawContent = true
        }
      }
    }
  }
}

/// Finds field boundaries in one pass over the bytes. All offsets are into `data`.
struct CSVScanner {
  let data: UnsafePointer<UInt8>
  /// Length of the whole input (for error locations).
  let count: Int
  /// End of the content: trailing line breaks are cut off, which is how blank trailing lines
  /// are ignored without a special case in the record loop.
  let end: Int
  let delimiter: UInt8
  let name: String

  /// The delimiter in every byte of a word.
  let delimiterWord: UInt64

  init(data: UnsafePointer<UInt8>, count: Int, end: Int, delimiter: UInt8, name: String) {
    self.data = data
    self.count = count
    self.end = end
    self.delimiter = delimiter
    self.name = name
    delimiterWord = Self.ones &* UInt64(delimiter)
  }

  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let lfWord = ones &* UInt64(Ascii.lf)
  private static let crWord = ones &* UInt64(Ascii.cr)
  private static let quoteWord = ones &* UInt64(Ascii.quote)

  /// High bit set in the lowest zero byte of `word` (and possibly in higher ones).
  @inline(__always)
  private static func zeroByte(_ word: UInt64) -> UInt64 {
    (word &- ones) & ~word & 0x8080_8080_8080_8080
  }

  func error(at offset: Int, _ message: String, hint: String? = nil) -> DataError {
    let (line, column) = TextLocation.locate(UnsafeBufferPointer(start: data, count: count), offset: offset)
    return DataError(file: name, line: line, column: column, message: message, hint: hint)
  }

  /// The first byte that is not UTF-8, as an error.
  func invalidUTF8() -> DataError {
    let offset = UTF8Check.firstInvalid(data, count) ?? 0
    return error(at: offset, "invalid UTF-8", hint: "the file must be UTF-8 encoded; convert it with `iconv -f <encoding> -t UTF-8`")
  }

  /// Scans the field at `position`, leaving `position` on the delimiter or line break after it
  /// (or at `end`).
  @inline(__always)
  func field(_ position: inout Int) throws(DataError) -> CSVSpan {
    let start = position
    if start < end, data[start] == Ascii.quote {
      var flags = CSVSpan.quoted
      var index = start + 1
      while true {
        guard index < end, let found = memchr(data + index, Int32(Ascii.quote), end - index) else {
          throw error(at: start, "unterminated quoted field", hint: "a field that starts with \" must end with \" (write a quote inside it as \"\")")
        }
        let close = UnsafeRawPointer(found) - UnsafeRawPointer(data)
        if close + 1 < end, data[close + 1] == Ascii.quote {
          flags |= CSVSpan.escaped
          index = close + 2
          continue
        }
        position = close + 1
        if position < end {
          let next = data[position]
          if next != delimiter, next != Ascii.lf, next != Ascii.cr {
            throw error(at: position, "unexpected text after a closing quote", hint: "write a quote inside a quoted field as \"\"")
          }
        }
        return CSVSpan(start: start + 1, end: close, flags: flags)
      }
    }
    var index = start
    // Eight bytes at a time: a word with none of the four special bytes is skipped whole.
    // (SWAR zero-byte test on the word XORed with each special byte repeated; the lowest flagged
    // byte is exact, which is the one used.)
    let raw = UnsafeRawPointer(data)
    while index + 8 <= end {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      let found =
        Self.zeroByte(word ^ delimiterWord) | Self.zeroByte(word ^ Self.lfWord) | Self.zeroByte(word ^ Self.crWord)
        | Self.zeroByte(word ^ Self.quoteWord)
      if found != 0 {
        index += found.trailingZeroBitCount >> 3
        break
      }
      index += 8
    }
    while index < end {
      let byte = data[index]
      if byte == delimiter || byte == Ascii.lf || byte == Ascii.cr { break }
      if byte == Ascii.quote {
        throw error(at: index, "stray quote in an unquoted field", hint: "quote the whole field and double the quotes inside it: \"a \"\"b\"\" c\"")
      }
      index += 1
    }
    position = index
    return CSVSpan(start: start, end: index, flags: 0)
  }

  @inline(__always)
  func skipLineBreak(_ position: inout Int) {
    guard position < end else { return }
    if data[position] == Ascii.cr {
      position += 1
      if position < end, data[position] == Ascii.lf { position += 1 }
    } else if data[position] == Ascii.lf {
      position += 1
    }
  }

  /// All fields of the record at `position` (which must not be at a blank line), leaving
  /// `position` after its line break. For the header, and for counting a ragged row's fields.
  func record(_ position: inout Int) throws(DataError) -> [CSVSpan] {
    var spans: [CSVSpan] = []
    while true {
      spans.append(try field(&position))
      if position < end, data[position] == delimiter {
        position += 1
        continue
      }
      break
    }
    skipLineBreak(&position)
    return spans
  }

  /// A field's text, quotes undone; fails on bytes that are not UTF-8.
  func text(_ span: CSVSpan) throws(DataError) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(span.end - span.start)
    var index = span.start
    while index < span.end {
      bytes.append(data[index])
      index += data[index] == Ascii.quote && span.flags & CSVSpan.escaped != 0 ? 2 : 1
    }
    let valid = bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return true }
      return UTF8Check.isValid(base, buffer.count)
    }
    guard valid else { throw invalidUTF8() }
    return String(decoding: bytes, as: UTF8.self)
  }
}

struct CSVParser {
  let scanner: CSVScanner
  let hasHeader: Bool
  /// Where the first record starts: after the byte order mark and any blank lines.
  let dataStart: Int
  /// Whether the input is a private file mapping whose pages may be released once parsed.
  var dropParsedPages = false
  /// Inputs at least this large are parsed by a pipeline of threads (tests lower it).
  var parallelThreshold = 1 << 22
  /// Fields tokenized per batch (tests lower it to cross many batch boundaries).
  var batchFields = 16_384

  /// Threads converting columns while the next batch is tokenized (tests set it).
  var parallelThreads = CSVParser.threads

  /// Threads for parsing: one per core (at most 8) when the machine is not already busy, or
  /// `CHISO_THREADS` when set (1 = one pass, for comparing).
  static let threads: Int = {
    if let text = getenv("CHISO_THREADS"), let n = Int(String(cString: text)), n >= 1 { return Swift.min(n, 64) }
    let cores = Swift.max(1, Swift.min(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 8))
    // Only when another core is free: on a machine already busy (the 1-minute load average near
    // the core count), a second thread waits for a core at every step and reading gets slower.
    var load = [0.0]
    if cores > 1, getloadavg(&load, 1) == 1, load[0] > Double(cores) - 0.5 { return 1 }
    return cores
  }()

  init(buffer: UnsafeBufferPointer<UInt8>, name: String, options: CSVOptions) throws(DataError) {
    let delimiter = options.delimiter
    guard delimiter < 0x80, delimiter != Ascii.quote, delimiter != Ascii.lf, delimiter != Ascii.cr else {
      throw DataError(file: name, message: "invalid delimiter: it must be one ASCII character other than a quote or a line break")
    }
    guard let base = buffer.baseAddress, !buffer.isEmpty else {
      throw DataError(file: name, line: 1, column: 1, message: "empty file", hint: "a CSV file needs at least a header row")
    }
    var end = buffer.count
    while end > 0, buffer[end - 1] == Ascii.lf || buffer[end - 1] == Ascii.cr { end -= 1 }
    var start = UTF8Check.hasBOM(buffer) ? 3 : 0
    while start < end, buffer[start] == Ascii.lf || buffer[start] == Ascii.cr { start += 1 }
    scanner = CSVScanner(data: base, count: buffer.count, end: end, delimiter: delimiter, name: name)
    hasHeader = options.header
    dataStart = start
    guard start < end else {
      throw scanner.error(at: start, "empty file", hint: "a CSV file needs at least a header row")
    }
  }

  /// The column names; with a header, `position` moves past it.
  func readNames(_ position: inout Int) throws(DataError) -> [String] {
    let first = position
    let spans = try scanner.record(&position)
    guard hasHeader else {
      position = first
      return (0..<spans.count).map { "column\($0)" }
    }
    var names: [String] = []
    names.reserveCapacity(spans.count)
    for span in spans { names.append(try scanner.text(span)) }
    return ColumnNames.uniquify(names)
  }

  func readTable(columns: [Int]? = nil) throws(DataError) -> Table {
    var position = dataStart
    let names = try readNames(&position)
    let selected = columns ?? Array(names.indices)
    guard selected.allSatisfy({ $0 >= 0 && $0 < names.count }) else {
      throw DataError(file: scanner.name, message: "the file has \(names.count) columns, fewer than the query reads", hint: "the file changed since it was planned; run the query again")
    }
    let (builders, rowCount) = try parseRecords(
      from: position, columnCount: names.count, selected: selected, estimateEnd: scanner.end)
    return Table(names: selected.map { names[$0] }, columns: builders.map { $0.finish() }, rowCount: rowCount)
  }

  /// Releases the pages wholly inside `from ..< to` (offsets) of a mapped input.
  private func dropPages(_ from: Int, _ to: Int) {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = (from + page - 1) / page * page
    let end = to / page * page
    guard dropParsedPages, end > start else { return }
    _ = madvise(UnsafeMutableRawPointer(mutating: scanner.data + start), end - start, MADV_DONTNEED)
  }

  /// Maps the pages of `from ..< to` (offsets) of a mapped input in one call
  /// (`MADV_POPULATE_READ`, Linux 5.14+; elsewhere the pages fault in as they are read).
  private func populatePages(_ from: Int, _ to: Int) {
    #if os(Linux)
      let page = Int(sysconf(Int32(_SC_PAGESIZE)))
      let start = from / page * page
      guard to > start else { return }
      _ = madvise(UnsafeMutableRawPointer(mutating: scanner.data + start), to - start, 22 /* MADV_POPULATE_READ */)
    #endif
  }

  /// Parses the records from `position` to the scanner's end into one builder per column.
  /// `estimateEnd` is where the rows to reserve room for end.
  /// Builders exist only for the `selected` columns (positions among `columnCount`); the others
  /// are tokenised and skipped.
  private func parseRecords(
    from start: Int, columnCount: Int, selected: [Int], estimateEnd: Int
  ) throws(DataError) -> ([CSVColumnBuilder], Int) {
    let builderCount = selected.count
    var position = start
    let firstRecord = start
    // Parsed pages are released in steps of this many bytes (never the page holding `start`,
    // which an earlier part may still be reading).
    let releaseStep = 1 << 23
    var released = start
    // Pages are mapped ahead of the parser a window at a time (one call instead of a fault
    // per page).
    var populated = start
    @inline(__always) func populateAhead(_ position: Int) {
      guard dropParsedPages, populated < scanner.end, position + releaseStep > populated else { return }
      let to = Swift.min(scanner.end, Swift.max(populated, position) + 2 * releaseStep)
      populatePages(populated, to)
      populated = to
    }
    populateAhead(start)
    // Rows are tokenized a batch at a time into a small reusable span buffer, then each column
    // converts its strip of the batch in a loop specialised to its type.
    let rowsPerBatch = max(1, batchFields / columnCount)
    let spans = UnsafeMutablePointer<CSVSpan>.allocate(capacity: rowsPerBatch * columnCount)
    defer { spans.deallocate() }
    // With several threads, a second span buffer: the next batch is tokenized into one while
    // the columns of the current batch are converted from the other.
    let pipelined = parallelThreads > 1 && builderCount >= 1 && columnCount > 1 && scanner.end - start >= parallelThreshold
    let nextSpans = UnsafeMutablePointer<CSVSpan>.allocate(capacity: pipelined ? rowsPerBatch * columnCount : 1)
    defer { nextSpans.deallocate() }
    var builders = [CSVColumnBuilder](repeating: CSVColumnBuilder(), count: builderCount)
    var scratch: [UInt8] = []
    var rowCount = 0
    var reserved = false
    var converted = start  // where the rows being converted end (pipelined: before the next batch)
    var pending = pipelined ? try batch(&position, into: spans, capacity: rowsPerBatch, columnCount: columnCount) : 0
    // The builders live in the step while pipelining (moved, so their arrays stay uniquely
    // referenced and grow in place).
    let step = PipelineStep(columnCount: builderCount, spans: spans, upcoming: nextSpans)
    if pipelined {
      step.adopt(builders)
      builders = []
    }
    defer { if pipelined { _ = step.release() } }
    while true {
      let rows: Int
      if pipelined {
        // One step: thread 0 tokenizes the next batch, then both threads take the current
        // batch's columns one at a time. Each column's builder sees its rows in order, as in
        // one pass; failures are reported in one pass's order (conversion before the next
        // batch's syntax).
        rows = pending
        if rows == 0 {
          builders = step.release()
          break
        }
        step.begin(rows: rows, position: position)
        converted = position
        let parser = self
        DispatchQueue.concurrentPerform(iterations: Swift.min(parallelThreads, builderCount + 1)) { k in
          if k == 0 {
            var at = step.position
            do throws(DataError) {
              step.nextRows = try parser.batch(&at, into: step.upcoming, capacity: rowsPerBatch, columnCount: columnCount)
              step.position = at
            } catch {
              step.syntaxError = error
            }
          }
          var scratch: [UInt8] = []
          while let b = step.claim() {
            if step.builders[b].consume(
              step.spans, column: selected[b], stride: columnCount, rows: step.rows, data: parser.scanner.data, scratch: &scratch)
              != nil
            {
              step.failed = true
            }
          }
        }
        if step.failed { throw failure(step.release()) }
        if let error = step.syntaxError { throw error }
        position = step.position
        pending = step.nextRows
        step.swapBuffers()
        if !reserved, position < scanner.end {
          reserved = true
          let consumed = max(1, position - firstRecord)
          let estimate = Double(estimateEnd - firstRecord) / Double(consumed) * Double(rows) * 1.05
          let expected = Int(min(estimate, Double(estimateEnd))) + 1
          for b in 0..<builderCount { step.builders[b].reserve(rows: expected) }
        }
      } else {
        rows = try batch(&position, into: spans, capacity: rowsPerBatch, columnCount: columnCount)
        if rows == 0 { break }
        for b in 0..<builderCount {
          if builders[b].consume(
            spans, column: selected[b], stride: columnCount, rows: rows, data: scanner.data, scratch: &scratch) != nil
          {
            throw failure(builders)
          }
        }
      }
      rowCount += rows
      if !reserved, position < scanner.end {
        // Estimate the row count from the first batch so that 10-million-row files do not
        // regrow every column array twenty-odd times.
        reserved = true
        let consumed = max(1, position - firstRecord)
        let estimate = Double(estimateEnd - firstRecord) / Double(consumed) * Double(rows) * 1.05
        let expected = Int(min(estimate, Double(estimateEnd))) + 1
        for b in 0..<builderCount { builders[b].reserve(rows: expected) }
      }
      if !pipelined { converted = position }
      if dropParsedPages, converted - released >= releaseStep {
        dropPages(released, converted)
        released = converted
      }
      populateAhead(position)
    }
    // Second, partial pass: columns that became text after having parsed some values as
    // another type get those rows' text.
    let backfillRows = builders.map(\.backfillUntil).max() ?? 0
    if backfillRows > 0 {
      position = firstRecord
      var firstRow = 0
      while firstRow < backfillRows {
        let rows = try batch(&position, into: spans, capacity: rowsPerBatch, columnCount: columnCount)
        if rows == 0 { break }
        for b in 0..<builderCount where builders[b].backfillUntil > firstRow {
          if builders[b].backfill(
            spans, column: selected[b], stride: columnCount, rows: rows, firstRow: firstRow, data: scanner.data,
            scratch: &scratch) != nil
          {
            throw failure(builders)
          }
        }
        firstRow += rows
      }
    }
    return (builders, rowCount)
  }

  private func failure(_ builders: [CSVColumnBuilder]) -> DataError {
    if UTF8Check.firstInvalid(scanner.data, scanner.count) != nil { return scanner.invalidUTF8() }
    return DataError(file: scanner.name, message: "too many distinct text values (more than 4 billion)")
  }

  /// Tokenizes up to `capacity` records into `spans` (row-major); returns how many.
  @inline(__always)
  private func batch(
    _ position: inout Int, into spans: UnsafeMutablePointer<CSVSpan>, capacity: Int, columnCount: Int
  ) throws(DataError) -> Int {
    let data = scanner.data
    let end = scanner.end
    let delimiter = scanner.delimiter
    var rows = 0
    var mask = StructuralMask()
    while rows < capacity, position < end {
      let recordStart = position
      let first = data[position]
      if first == Ascii.lf || first == Ascii.cr {
        // A blank line: a null row when there is one column, nothing otherwise.
        if columnCount == 1 {
          spans[rows] = CSVSpan(start: position, end: position, flags: 0)
          rows += 1
        }
        scanner.skipLineBreak(&position)
        continue
      }
      let rowBase = rows * columnCount
      if quickRecord(&position, spans + rowBase, columnCount, &mask) {
        rows += 1
        continue
      }
      // A quote somewhere in the record, or the wrong number of fields: field by field, exactly.
      position = recordStart
      var fieldIndex = 0
      while true {
        let span = try field(&position, &mask)
        if fieldIndex == columnCount { throw try ragged(recordStart, columnCount) }
        spans[rowBase + fieldIndex] = span
        fieldIndex += 1
        if position < end, data[position] == delimiter {
          position += 1
          continue
        }
        break
      }
      if fieldIndex != columnCount { throw try ragged(recordStart, columnCount) }
      scanner.skipLineBreak(&position)
      rows += 1
    }
    return rows
  }

  /// A record without quotes, split at the set bits of the special-byte bitmap in one loop;
  /// on success `position` is after its line break. Returns false — having written nothing that
  /// counts — for a record with a quote or the wrong number of fields, which the caller then
  /// reads field by field (and reports exactly).
  @inline(__always)
  private func quickRecord(
    _ position: inout Int, _ out: UnsafeMutablePointer<CSVSpan>, _ columnCount: Int, _ mask: inout StructuralMask
  ) -> Bool {
    let end = scanner.end
    let data = scanner.data
    let delimiter = scanner.delimiter
    var fieldStart = position
    var fieldIndex = 0
    var p = position
    while true {
      // The next special byte at or after p (or the end).
      var stop = end
      while p < end {
        let base = p & ~63
        if mask.base != base { mask.base = base; mask.bits = specialBytes(at: base) }
        let bits = mask.bits & (~UInt64(0) << UInt64(p - base))
        if bits != 0 {
          stop = Swift.min(base + bits.trailingZeroBitCount, end)
          break
        }
        p = base + 64
      }
      guard fieldIndex < columnCount else { return false }
      let byte = stop < end ? data[stop] : Ascii.lf
      if byte == Ascii.quote { return false }
      out[fieldIndex] = CSVSpan(start: fieldStart, end: stop, flags: 0)
      fieldIndex += 1
      if byte == delimiter {
        fieldStart = stop + 1
        p = fieldStart
        continue
      }
      guard fieldIndex == columnCount else { return false }
      position = stop
      scanner.skipLineBreak(&position)
      return true
    }
  }

  /// The field at `position`, as `CSVScanner.field` scans it, but found with a bitmap of the
  /// special bytes (delimiter, CR, LF, quote) made 64 bytes at a time: an unquoted field ends at
  /// the next set bit. Quoted fields, and a quote inside an unquoted field (an error), take the
  /// scanner's own path.
  @inline(__always)
  private func field(_ position: inout Int, _ mask: inout StructuralMask) throws(DataError) -> CSVSpan {
    let start = position
    let end = scanner.end
    let data = scanner.data
    if start < end, data[start] == Ascii.quote { return try scanner.field(&position) }
    var p = start
    var stop = end
    while p < end {
      let base = p & ~63
      if mask.base != base { mask.base = base; mask.bits = specialBytes(at: base) }
      let bits = mask.bits & (~UInt64(0) << UInt64(p - base))
      if bits != 0 {
        stop = Swift.min(base + bits.trailingZeroBitCount, end)
        break
      }
      p = base + 64
    }
    if stop < end, data[stop] == Ascii.quote { return try scanner.field(&position) }
    position = stop
    return CSVSpan(start: start, end: stop, flags: 0)
  }

  /// Bit i set when byte `base + i` is the delimiter, CR, LF or a quote (bytes at or past the
  /// end are never set).
  @inline(__always)
  private func specialBytes(at base: Int) -> UInt64 {
    let end = scanner.end
    let data = scanner.data
    if base + 64 > end {
      var bits: UInt64 = 0
      var i = 0
      while base + i < end {
        let byte = data[base + i]
        if byte == scanner.delimiter || byte == Ascii.lf || byte == Ascii.cr || byte == Ascii.quote {
          bits |= UInt64(1) << UInt64(i)
        }
        i += 1
      }
      return bits
    }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let delimiterWord = scanner.delimiterWord
    let raw = UnsafeRawPointer(data)
    // Exact zero-byte test (no false positives): 0x80 in each byte of x that is 0.
    @inline(__always) func zeros(_ x: UInt64) -> UInt64 { ~(((x & low) &+ low) | x | low) }
    var bits: UInt64 = 0
    for w in 0..<8 {
      let word = raw.loadUnaligned(fromByteOffset: base + 8 * w, as: UInt64.self)
      let found =
        zeros(word ^ delimiterWord) | zeros(word ^ (ones &* UInt64(Ascii.lf)))
        | zeros(word ^ (ones &* UInt64(Ascii.cr))) | zeros(word ^ (ones &* UInt64(Ascii.quote)))
      // Gather the eight high bits into one byte.
      bits |= (((found >> 7) &* 0x0102_0408_1020_4080) >> 56) << UInt64(8 * w)
    }
    return bits
  }

  /// The error for a record with the wrong number of fields, pointing at the first extra field
  /// or at the end of a short row.
  private func ragged(_ recordStart: Int, _ columnCount: Int) throws(DataError) -> DataError {
    var position = recordStart
    var fields = 0
    var extraStart = recordStart
    while true {
      if fields == columnCount { extraStart = position }
      _ = try scanner.field(&position)
      fields += 1
      if position < scanner.end, scanner.data[position] == scanner.delimiter {
        position += 1
        continue
      }
      break
    }
    let offset = fields > columnCount ? extraStart : position
    let has = fields == 1 ? "1 field" : "\(fields) fields"
    let expected = columnCount == 1 ? "1" : "\(columnCount)"
    let message =
      hasHeader ? "row has \(has), header has \(expected)" : "row has \(has), the first row has \(expected)"
    let hint =
      fields > columnCount
      ? "quote fields that contain the delimiter" : "every row needs a value (possibly empty) for each column"
    return scanner.error(at: offset, message, hint: hint)
  }
}

/// A mutable value shared with worker threads that each touch their own part of it (or take the
/// lock), for `DispatchQueue.concurrentPerform`.
final class UncheckedBox<Value>: @unchecked Sendable {
  var value: Value
  let lock = PthreadLock()
  init(_ value: Value) { self.value = value }
}

/// A plain pthread mutex (no Foundation in the engine).
final class PthreadLock: @unchecked Sendable {
  private var mutex = pthread_mutex_t()
  init() { pthread_mutex_init(&mutex, nil) }
  deinit { pthread_mutex_destroy(&mutex) }
  func lock() { pthread_mutex_lock(&mutex) }
  func unlock() { pthread_mutex_unlock(&mutex) }
}

/// The special-byte bitmap of one 64-byte block of the input (`CSVParser.field`).
struct StructuralMask {
  var base = -1
  var bits: UInt64 = 0
}

/// The shared state of pipelined parsing: the builders (each column converted by exactly one
/// thread per step, which claims it under the lock), the current batch's spans, and the next
/// batch's tokenizing result.
final class PipelineStep: @unchecked Sendable {
  private(set) var builders: UnsafeMutableBufferPointer<CSVColumnBuilder>
  private(set) var spans: UnsafeMutablePointer<CSVSpan>
  private(set) var upcoming: UnsafeMutablePointer<CSVSpan>
  private(set) var rows = 0
  var position = 0
  var nextRows = 0
  var syntaxError: DataError? = nil
  var failed = false
  private var nextColumn = 0
  private let columnCount: Int
  private let lock = PthreadLock()

  init(columnCount: Int, spans: UnsafeMutablePointer<CSVSpan>, upcoming: UnsafeMutablePointer<CSVSpan>) {
    builders = UnsafeMutableBufferPointer(start: nil, count: 0)
    self.columnCount = columnCount
    self.spans = spans
    self.upcoming = upcoming
  }

  func adopt(_ builders: [CSVColumnBuilder]) {
    self.builders = UnsafeMutableBufferPointer.allocate(capacity: builders.count)
    _ = self.builders.initialize(from: builders)
  }

  /// The builders, moved out; the step holds none after.
  func release() -> [CSVColumnBuilder] {
    guard let base = builders.baseAddress else { return [] }
    let out = Array(builders)
    base.deinitialize(count: builders.count)
    builders.deallocate()
    builders = UnsafeMutableBufferPointer(start: nil, count: 0)
    return out
  }

  func begin(rows: Int, position: Int) {
    self.rows = rows
    self.position = position
    nextRows = 0
    nextColumn = 0
  }

  func swapBuffers() { swap(&spans, &upcoming) }

  /// The next column no thread has taken in this step, if any.
  func claim() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard nextColumn < columnCount else { return nil }
    nextColumn += 1
    return nextColumn - 1
  }
}

// A parser only reads its input; pipelined parsing shares it between the threads of a step.
extension CSVParser: @unchecked Sendable {}
