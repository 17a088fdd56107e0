/// One field's place in the input: its content bytes (inside the quotes, if quoted).
struct CSVSpan {
  var start: Int
  var end: Int
  /// `quoted` and `escaped` bits.
  var flags: UInt8

  static let quoted: UInt8 = 1
  /// The content holds doubled quotes (`""`) that must be undone before use as text.
  static let escaped: UInt8 = 2

  /// An empty unquoted field is SQL null; a quoted empty field (`""`) is the empty string.
  @inline(__always) var isNull: Bool { start == end && flags == 0 }
}

/// The type a column is read as, in the sniffer's order of preference.
enum CSVKind: UInt8 {
  /// No non-null value seen yet.
  case unknown
  case int
  case float
  case bool
  case date
  case timestamp
  case text

  var bit: UInt8 {
    switch self {
    case .unknown: return 0
    case .int: return 1
    case .float: return 2
    case .bool: return 4
    case .date: return 8
    case .timestamp: return 16
    case .text: return 32
    }
  }

  /// The kinds every value seen so far still fits. The kinds form three chains
  /// (int → float, bool, date → timestamp) that all end in text, so the current kind alone
  /// says which others remain possible.
  var stillPossible: UInt8 {
    switch self {
    case .unknown: return 63
    case .int: return 1 | 2 | 32
    case .float: return 2 | 32
    case .bool: return 4 | 32
    case .date: return 8 | 16 | 32
    case .timestamp: return 16 | 32
    case .text: return 32
    }
  }

  /// The most specific kind in a set of kind bits.
  static func preferred(_ bits: UInt8) -> CSVKind {
    if bits & 1 != 0 { return .int }
    if bits & 2 != 0 { return .float }
    if bits & 4 != 0 { return .bool }
    if bits & 8 != 0 { return .date }
    if bits & 16 != 0 { return .timestamp }
    return .text
  }

  /// Every kind one non-null field fits.
  static func fits(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> UInt8 {
    if ByteParsing.parseInt(bytes, count) != nil { return 1 | 2 | 32 }
    // A zero-padded integer is a code: it makes the whole column text (see ByteParsing).
    if ByteParsing.isZeroPaddedInteger(bytes, count) { return 32 }
    if ByteParsing.parseDouble(bytes, count) != nil { return 2 | 32 }
    if ByteParsing.parseBool(bytes, count) != nil { return 4 | 32 }
    if ByteParsing.parseDate(bytes, count) != nil { return 8 | 16 | 32 }
    if ByteParsing.parseTimestamp(bytes, count) != nil { return 16 | 32 }
    return 32
  }
}

/// Builds one column while the file is read, inferring its type as it goes.
///
/// A column starts with the type of its first value and only ever widens: int → float and
/// date → timestamp convert the values already parsed (losslessly), and anything → text marks
/// the rows already parsed for a second, partial pass (`backfillUntil`), because their exact
/// text (`+5`, `1.50`) is gone. Columns settle on their type early in practice, so the second
/// pass rarely reads more than a few rows.
struct CSVColumnBuilder {
  private(set) var kind: CSVKind = .unknown
  private(set) var count = 0
  /// Rows below this index are non-null text that pass one parsed as another type.
  private(set) var backfillUntil = 0
  /// Bit set = null row (set bits are the rare ones to write).
  private var nullWords: [UInt64] = []
  private var nullCount = 0
  private var ints: [Int64] = []
  private var floats: [Double] = []
  private var bools: [Bool] = []
  private var days: [Int32] = []
  private var micros: [Int64] = []
  private var codes: [UInt32] = []
  private var interner = ByteInterner()

  init() {}

  @inline(__always)
  private mutating func markValid() {
    if count & 63 == 0 { nullWords.append(0) }
    count += 1
  }

  @inline(__always)
  private mutating func markNull() {
    if count & 63 == 0 { nullWords.append(0) }
    nullWords[count >> 6] |= UInt64(1) << UInt64(count & 63)
    nullCount += 1
    count += 1
  }

  /// Parses rows `from ..< rows` of a batch into `values` until one does not parse (nulls as
  /// `zero`): the values go to a temporary buffer and are appended once, so the loop does no
  /// per-row append checks. Returns the row it stopped at and the offsets of the null rows.
  @inline(__always)
  private static func strip<T>(
    _ values: inout [T], zero: T, _ spans: UnsafePointer<CSVSpan>, _ column: Int, _ stride: Int, _ from: Int,
    _ rows: Int, _ data: UnsafePointer<UInt8>, _ parse: (UnsafePointer<UInt8>, Int) -> T?
  ) -> (Int, [Int]) {
    var nulls: [Int] = []
    let stop = withUnsafeTemporaryAllocation(of: T.self, capacity: rows - from) { buffer -> Int in
      var row = from
      var k = 0
      while row < rows {
        let span = spans[row * stride + column]
        if span.isNull {
          buffer.initializeElement(at: k, to: zero)
          nulls.append(k)
        } else if let value = parse(data + span.start, span.end - span.start) {
          buffer.initializeElement(at: k, to: value)
        } else {
          break
        }
        row += 1
        k += 1
      }
      values.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<k]))
      _ = buffer[0..<k].deinitialize()
      return row
    }
    return (stop, nulls)
  }

  /// Counts `added` rows appended by `strip`, nulls at the given offsets among them.
  @inline(__always)
  private mutating func record(_ added: Int, _ nulls: [Int]) {
    let base = count
    count += added
    let words = (count + 63) >> 6
    if nullWords.count < words { nullWords.append(contentsOf: repeatElement(0, count: words - nullWords.count)) }
    for offset in nulls {
      let row = base + offset
      nullWords[row >> 6] |= UInt64(1) << UInt64(row & 63)
    }
    nullCount += nulls.count
  }

  /// Makes room for the rows a file is expected to hold, to avoid repeated regrowth.
  mutating func reserve(rows: Int) {
    nullWords.reserveCapacity(rows / 64 + 1)
    switch kind {
    case .unknown: break
    case .int: ints.reserveCapacity(rows)
    case .float: floats.reserveCapacity(rows)
    case .bool: bools.reserveCapacity(rows)
    case .date: days.reserveCapacity(rows)
    case .timestamp: micros.reserveCapacity(rows)
    case .text: codes.reserveCapacity(rows)
    }
  }

  /// Appends one batch of rows: field `column` of each row of `spans` (row-major, `stride`
  /// fields a row). Fails only on text that is not UTF-8 or on an absurd number of distinct
  /// values.
  mutating func consume(
    _ spans: UnsafePointer<CSVSpan>, column: Int, stride: Int, rows: Int, data: UnsafePointer<UInt8>,
    scratch: inout [UInt8]
  ) -> ByteInterner.Failure? {
    var row = 0
    while row < rows {
      switch kind {
      case .unknown:
        while row < rows, spans[row * stride + column].isNull {
          markNull()
          row += 1
        }
      case .int:
        var values: [Int64] = []
        swap(&values, &ints)  // moved out and back, so the array stays uniquely referenced
        let (stop, nulls) = Self.strip(&values, zero: 0, spans, column, stride, row, rows, data) {
          ByteParsing.parseInt($0, $1)
        }
        swap(&values, &ints)
        record(stop - row, nulls)
        row = stop
      case .float:
        var values: [Double] = []
        swap(&values, &floats)
        let (stop, nulls) = Self.strip(&values, zero: 0, spans, column, stride, row, rows, data) {
          ByteParsing.parseDouble($0, $1)
        }
        swap(&values, &floats)
        record(stop - row, nulls)
        row = stop
      case .bool:
        while row < rows {
          let span = spans[row * stride + column]
          if span.isNull {
            bools.append(false)
            markNull()
          } else if let value = ByteParsing.parseBool(data + span.start, span.end - span.start) {
            bools.append(value)
            markValid()
          } else {
            break
          }
          row += 1
        }
      case .date:
        while row < rows {
          let span = spans[row * stride + column]
          if span.isNull {
            days.append(0)
            markNull()
          } else if let value = ByteParsing.parseDate(data + span.start, span.end - span.start) {
            days.append(value)
            markValid()
          } else {
            break
          }
          row += 1
        }
      case .timestamp:
        while row < rows {
          let span = spans[row * stride + column]
          if span.isNull {
            micros.append(0)
            markNull()
          } else if let value = ByteParsing.parseTimestamp(data + span.start, span.end - span.start) {
            micros.append(value)
            markValid()
          } else {
            break
          }
          row += 1
        }
      case .text:
        // Repeats of the previous row's value (a province over its components, a code) skip the
        // hash table: same length and same bytes, compared in words. Codes go to a temporary
        // buffer, appended once per strip.
        var lastStart = -1
        var lastLength = -1
        var lastCode: UInt32 = 0
        var nulls: [Int] = []
        var failed: ByteInterner.Failure? = nil
        var localInterner = ByteInterner.empty
        swap(&localInterner, &interner)
        let first = row
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: rows - row) { buffer in
          var k = 0
          while row < rows {
            let span = spans[row * stride + column]
            if span.isNull {
              buffer[k] = 0
              nulls.append(k)
            } else {
              let length = span.end - span.start
              if length == lastLength, span.flags == 0, Self.sameBytes(data + span.start, data + lastStart, length) {
                buffer[k] = lastCode
              } else {
                switch Self.intern(span, data, &localInterner, &scratch) {
                case .success(let code):
                  buffer[k] = code
                  if span.flags == 0 {
                    lastStart = span.start
                    lastLength = length
                    lastCode = code
                  }
                case .failure(let failure):
                  failed = failure
                }
              }
            }
            if failed != nil { break }
            row += 1
            k += 1
          }
          codes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<k]))
        }
        swap(&localInterner, &interner)
        record(row - first, nulls)
        if let failed { return failed }
      }
      if row < rows {
        let span = spans[row * stride + column]
        widen(toFit: span, data)
      }
    }
    return nil
  }

  /// Changes `kind` to the most specific one that fits both the values so far and `span` (a
  /// non-null field the current kind rejected), converting what has been parsed.
  private mutating func widen(toFit span: CSVSpan, _ data: UnsafePointer<UInt8>) {
    let fits = span.start == span.end ? 32 : CSVKind.fits(data + span.start, span.end - span.start)
    var target = CSVKind.preferred(kind.stillPossible & fits)
    // Defensive: the loops and `fits` use the same parsers, so this cannot happen, but a kind
    // that stayed put would loop forever.
    if target == kind { target = .text }
    switch (kind, target) {
    case (.unknown, _):
      // Every row so far is null, so any type can take them as zeros.
      switch target {
      case .unknown: break
      case .int: ints = [Int64](repeating: 0, count: count)
      case .float: floats = [Double](repeating: 0, count: count)
      case .bool: bools = [Bool](repeating: false, count: count)
      case .date: days = [Int32](repeating: 0, count: count)
      case .timestamp: micros = [Int64](repeating: 0, count: count)
      case .text: codes = [UInt32](repeating: 0, count: count)
      }
    case (.int, .float):
      // Exact: Double(Int64) rounds to nearest, as parsing the same digits would.
      floats = ints.map { Double($0) }
      ints = []
    case (.date, .timestamp):
      micros = days.map { Int64($0) * CivilDate.microsPerDay }
      days = []
    default:
      // To text: the non-null rows so far are re-read from the file after this pass.
      backfillUntil = count
      codes = [UInt32](repeating: 0, count: count)
      ints = []
      floats = []
      bools = []
      days = []
      micros = []
    }
    kind = target
  }

  /// Second pass: the text of rows `firstRow ..< firstRow + rows` that lie below
  /// `backfillUntil`.
  mutating func backfill(
    _ spans: UnsafePointer<CSVSpan>, column: Int, stride: Int, rows: Int, firstRow: Int,
    data: UnsafePointer<UInt8>, scratch: inout [UInt8]
  ) -> ByteInterner.Failure? {
    let last = min(rows, backfillUntil - firstRow)
    var row = 0
    while row < last {
      let span = spans[row * stride + column]
      if !span.isNull {
        switch Self.intern(span, data, &interner, &scratch) {
        case .success(let code): codes[firstRow + row] = code
        case .failure(let failure): return failure
        }
      }
      row += 1
    }
    return nil
  }

  /// Whether `length` bytes at `a` and `b` are equal (eight at a time, the tail overlapping).
  @inline(__always)
  static func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
    let x = UnsafeRawPointer(a)
    let y = UnsafeRawPointer(b)
    if length >= 8 {
      var index = 0
      while index + 8 <= length {
        if x.loadUnaligned(fromByteOffset: index, as: UInt64.self) != y.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
          return false
        }
        index += 8
      }
      return index == length
        || x.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
          == y.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
    }
    for index in 0..<length where a[index] != b[index] { return false }
    return true
  }

  @inline(__always)
  private static func intern(
    _ span: CSVSpan, _ data: UnsafePointer<UInt8>, _ interner: inout ByteInterner, _ scratch: inout [UInt8]
  ) -> Result<UInt32, ByteInterner.Failure> {
    if span.flags & CSVSpan.escaped == 0 {
      return interner.intern(data + span.start, span.end - span.start)
    }
    // Undo the doubled quotes: each `""` inside a quoted field stands for one `"`.
    scratch.removeAll(keepingCapacity: true)
    var index = span.start
    while index < span.end {
      let byte = data[index]
      scratch.append(byte)
      index += byte == Ascii.quote ? 2 : 1
    }
    return scratch.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return interner.intern(data, 0) }
      return interner.intern(base, buffer.count)
    }
  }

  /// The finished column. A column with no non-null value is text, all null (as DuckDB reads
  /// an empty column as VARCHAR).
  func finish() -> Column {
    var validity: NullBitmap? = nil
    if nullCount > 0 {
      var bitmap = NullBitmap(count: count, allValid: true)
      for (wordIndex, word) in nullWords.enumerated() where word != 0 {
        var rest = word
        while rest != 0 {
          bitmap.set(wordIndex << 6 + rest.trailingZeroBitCount, false)
          rest &= rest &- 1
        }
      }
      validity = bitmap
    }
    switch kind {
    case .unknown:
      let buffer = TextBuffer(codes: [UInt32](repeating: 0, count: count), dictionary: [])
      return Column(.text(buffer), validity: validity)
    case .int: return Column(.int(ints), validity: validity)
    case .float: return Column(.float(floats), validity: validity)
    case .bool: return Column(.bool(bools), validity: validity)
    case .date: return Column(.date(days), validity: validity)
    case .timestamp: return Column(.timestamp(micros), validity: validity)
    case .text:
      return Column(.text(TextBuffer(codes: codes, dictionary: interner.strings())), validity: validity)
    }
  }
}
