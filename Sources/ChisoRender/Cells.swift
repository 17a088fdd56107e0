import ChisoEngine

/// How a writer spells cells: each flavour turns a column's values into final output tokens.
enum CellFlavour {
  /// Terminal display (table, line): control characters escaped, null = `null`.
  case display
  /// Markdown cells: display escaping plus `\|` and `<br>` for line breaks, null = `null`.
  case markdown
  /// RFC 4180 fields: quoted where needed, null = empty field.
  case csv
  /// TSV fields: backslash escapes, null = empty field.
  case tsv
  /// JSON values: strings quoted and escaped, nulls = `null`; NaN and infinities, which JSON
  /// has no number for, are the strings `"NaN"`, `"Infinity"` and `"-Infinity"` (DuckDB's and
  /// JavaScript's spellings), never `null`: a missing value and a NaN are different answers.
  case json

  var nullToken: String {
    switch self {
    case .display, .markdown, .json: return "null"
    case .csv, .tsv: return ""
    }
  }

  /// The token for one text value.
  func text(_ string: String) -> String {
    switch self {
    case .display: return Escape.controls(string)
    case .markdown: return Escape.markdown(string)
    case .csv: return Escape.csv(string, delimiter: UInt8(ascii: ","))
    case .tsv: return Escape.tsv(string)
    case .json: return Escape.json(string)
    }
  }

  /// The token for a date or timestamp already spelled as text (never needs escaping).
  func temporal(_ string: String) -> String {
    self == .json ? "\"" + string + "\"" : string
  }

  /// The token for a float.
  func float(_ value: Double) -> String {
    if self == .json && !value.isFinite { return value.isNaN ? "\"NaN\"" : (value < 0 ? "\"-Infinity\"" : "\"Infinity\"") }
    return FloatFormat.shortest(value)
  }
}

/// Null tests that tolerate inconsistent columns (short bitmaps, short storage).
enum Cells {
  /// Whether row `rowIndex` of `column` is null; rows past the column's end count as null.
  @inline(__always)
  static func isNull(_ column: Column, _ rowIndex: Int) -> Bool {
    if case .null = column.storage { return true }
    if rowIndex < 0 || rowIndex >= column.count { return true }
    guard let validity = column.validity else { return false }
    return rowIndex >= validity.count || !validity.isValid(rowIndex)
  }

  /// The tokens of `column` at `rows`, in order, spelled by `flavour`.
  ///
  /// Switches on the storage once per column; text values are escaped once per distinct
  /// dictionary entry when the dictionary is small relative to the rows asked for.
  static func tokens<Rows: Collection>(
    _ column: Column, rows: Rows, flavour: CellFlavour, numbers: ColumnNumbers = .full
  ) -> [String] where Rows.Element == Int {
    var out: [String] = []
    out.reserveCapacity(rows.count)
    let null = flavour.nullToken
    switch column.storage {
    case .null:
      for _ in rows { out.append(null) }
    case .bool(let values):
      for row in rows {
        out.append(isNull(column, row) ? null : (values[row] ? "true" : "false"))
      }
    case .int(let values):
      for row in rows { out.append(isNull(column, row) ? null : String(values[row])) }
    case .float(let values) where numbers.isFull:
      for row in rows { out.append(isNull(column, row) ? null : flavour.float(values[row])) }
    case .float(let values):
      // JSON has no NaN or infinity: those stay null there, whatever the precision.
      let json = flavour == .json
      out = numbers.tokens(values, rows: rows, isNull: { isNull(column, $0) || (json && !values[$0].isFinite) }, null: null)
    case .date(let values):
      for row in rows {
        out.append(isNull(column, row) ? null : flavour.temporal(CivilDate.formatDate(values[row])))
      }
    case .timestamp(let values):
      for row in rows {
        out.append(
          isNull(column, row) ? null : flavour.temporal(CivilDate.formatTimestamp(values[row])))
      }
    case .text(let buffer):
      let dictionary = buffer.dictionary
      let useCache = dictionary.count <= 2 * rows.count + 64
      var cache = [String?](repeating: nil, count: useCache ? dictionary.count : 0)
      for row in rows {
        guard !isNull(column, row), row < buffer.codes.count,
          Int(buffer.codes[row]) < dictionary.count
        else {
          out.append(null)
          continue
        }
        let code = Int(buffer.codes[row])
        if useCache {
          if let cached = cache[code] {
            out.append(cached)
          } else {
            let token = flavour.text(dictionary[code])
            cache[code] = token
            out.append(token)
          }
        } else {
          out.append(flavour.text(dictionary[code]))
        }
      }
    }
    return out
  }

  /// The tokens of `column` at `rows` with their display widths, each distinct text value
  /// escaped and measured once.
  static func measured<Rows: Collection>(
    _ column: Column, rows: Rows, flavour: CellFlavour, numbers: ColumnNumbers = .full
  ) -> (tokens: [String], widths: [Int]) where Rows.Element == Int {
    guard case .text(let buffer) = column.storage else {
      // Numbers, booleans, dates and `null` are ASCII: width is length.
      let tokens = tokens(column, rows: rows, flavour: flavour, numbers: numbers)
      return (tokens, tokens.map { $0.utf8.count })
    }
    let dictionary = buffer.dictionary
    let useCache = dictionary.count <= 2 * rows.count + 64
    var cache = [(String, Int)?](repeating: nil, count: useCache ? dictionary.count : 0)
    var tokens: [String] = []
    var widths: [Int] = []
    tokens.reserveCapacity(rows.count)
    widths.reserveCapacity(rows.count)
    let null = flavour.nullToken
    let nullWidth = null.utf8.count
    for row in rows {
      guard !isNull(column, row), Int(buffer.codes[row]) < dictionary.count else {
        tokens.append(null)
        widths.append(nullWidth)
        continue
      }
      let code = Int(buffer.codes[row])
      if useCache, let (token, width) = cache[code] {
        tokens.append(token)
        widths.append(width)
        continue
      }
      let token = flavour.text(dictionary[code])
      let width = DisplayWidth.of(token)
      if useCache { cache[code] = (token, width) }
      tokens.append(token)
      widths.append(width)
    }
    return (tokens, widths)
  }

  /// Whether a column's values are right-aligned (numbers).
  static func isNumeric(_ column: Column) -> Bool { column.type.isNumeric }
}

/// Escaping rules, each with a fast path that returns the input when nothing needs changing.
enum Escape {
  /// Escapes C0 controls, DEL and C1 controls as `\n`, `\r`, `\t` or `\xHH`, so that cell text
  /// can neither break a table's lines nor drive the terminal.
  static func controls(_ string: String) -> String {
    var needs = false
    for byte in string.utf8 where byte < 0x20 || byte == 0x7F || byte == 0xC2 {
      needs = true
      break
    }
    guard needs else { return string }
    var out = ""
    out.reserveCapacity(string.utf8.count + 8)
    for scalar in string.unicodeScalars {
      switch scalar.value {
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x09: out += "\\t"
      case 0x00..<0x20, 0x7F, 0x80..<0xA0: out += "\\x" + hex(scalar.value, digits: 2)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Markdown cell text: pipes as `\|`, line breaks as `<br>`, other controls escaped.
  static func markdown(_ string: String) -> String {
    var needs = false
    for byte in string.utf8
    where byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == UInt8(ascii: "|") {
      needs = true
      break
    }
    guard needs else { return string }
    var out = ""
    out.reserveCapacity(string.utf8.count + 8)
    var previousCR = false
    for scalar in string.unicodeScalars {
      let value = scalar.value
      defer { previousCR = value == 0x0D }
      switch value {
      case 0x7C: out += "\\|"
      case 0x0A: if !previousCR { out += "<br>" }
      case 0x0D: out += "<br>"
      case 0x09: out += "\\t"
      case 0x00..<0x20, 0x7F, 0x80..<0xA0: out += "\\x" + hex(value, digits: 2)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// An RFC 4180 field: quoted when it contains the delimiter, a quote, CR or LF, when it
  /// starts or ends with a space or tab, or when it is empty (so that the empty string differs
  /// from null, which is written as an empty field); quotes inside are doubled.
  static func csv(_ string: String, delimiter: UInt8) -> String {
    let utf8 = string.utf8
    guard let first = utf8.first, let last = utf8.last else { return "\"\"" }
    var needs =
      first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || last == UInt8(ascii: " ")
      || last == UInt8(ascii: "\t")
    var hasQuote = false
    for byte in utf8 {
      if byte == UInt8(ascii: "\"") {
        hasQuote = true
        needs = true
        break
      }
      if byte == delimiter || byte == 0x0A || byte == 0x0D { needs = true }
    }
    guard needs else { return string }
    guard hasQuote else { return "\"" + string + "\"" }
    var out = "\""
    out.reserveCapacity(utf8.count + 8)
    for character in string.unicodeScalars {
      if character == "\"" { out += "\"\"" } else { out.unicodeScalars.append(character) }
    }
    out += "\""
    return out
  }

  /// A TSV field: backslash, tab, LF and CR as `\\`, `\t`, `\n`, `\r`; no quoting.
  static func tsv(_ string: String) -> String {
    var needs = false
    for byte in string.utf8
    where byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "\\") {
      needs = true
      break
    }
    guard needs else { return string }
    var out = ""
    out.reserveCapacity(string.utf8.count + 8)
    for scalar in string.unicodeScalars {
      switch scalar.value {
      case 0x5C: out += "\\\\"
      case 0x09: out += "\\t"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A JSON string literal, quotes included: `"` and `\` escaped, controls as short escapes or
  /// `\u00XX`, everything else (non-ASCII included) kept as UTF-8.
  static func json(_ string: String) -> String {
    var needs = false
    for byte in string.utf8
    where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
      needs = true
      break
    }
    guard needs else { return "\"" + string + "\"" }
    var out = "\""
    out.reserveCapacity(string.utf8.count + 8)
    for scalar in string.unicodeScalars {
      switch scalar.value {
      case 0x22: out += "\\\""
      case 0x5C: out += "\\\\"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x09: out += "\\t"
      case 0x08: out += "\\b"
      case 0x0C: out += "\\f"
      case 0x00..<0x20: out += "\\u" + hex(scalar.value, digits: 4)
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
    return out
  }

  /// Upper-case hexadecimal, zero-padded to `digits`.
  static func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return text.count >= digits ? text : String(repeating: "0", count: digits - text.count) + text
  }
}

/// Accumulates output and hands it to a sink in chunks, or keeps it all for `render`.
struct Emitter {
  /// Bytes buffered before a chunk is handed to the sink.
  static let chunkSize = 1 << 16

  /// The text so far, as UTF-8 bytes: appending bytes is a copy, where appending to a `String`
  /// also checks grapheme boundaries (most of the cost of writing a large CSV).
  private(set) var bytes: [UInt8] = []
  let sink: ((String) -> Void)?

  init(sink: ((String) -> Void)?, capacity: Int = 0) {
    self.sink = sink
    bytes.reserveCapacity(sink == nil ? capacity : min(capacity, Emitter.chunkSize + 4096))
  }

  @inline(__always)
  mutating func append(_ text: String) {
    // A pointer to the string's UTF-8 (inline or native storage), then one copy.
    let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
    if done == nil { bytes.append(contentsOf: text.utf8) }
  }

  /// Makes room for `count` more bytes.
  mutating func reserve(_ count: Int) { bytes.reserveCapacity(bytes.count + count) }

  /// Appends `count` spaces.
  mutating func spaces(_ count: Int) {
    if count > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count)) }
  }

  /// Appends `count` copies of `piece`.
  mutating func repeating(_ piece: String, _ count: Int) {
    for _ in 0..<max(0, count) { append(piece) }
  }

  /// Hands the buffer to the sink once it is large.
  @inline(__always)
  mutating func flushIfLarge() {
    if let sink, bytes.count >= Emitter.chunkSize {
      sink(String(decoding: bytes, as: UTF8.self))
      bytes.removeAll(keepingCapacity: true)
    }
  }

  /// Hands any remainder to the sink; returns the whole text when there is no sink.
  mutating func finish() -> String {
    if let sink {
      if !bytes.isEmpty { sink(String(decoding: bytes, as: UTF8.self)) }
      bytes = []
      return ""
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Runs `body` with an emitter feeding `sink` (nil: collect) and returns the collected text.
  static func run(sink: ((String) -> Void)?, capacity: Int, _ body: (inout Emitter) -> Void)
    -> String
  {
    var emitter = Emitter(sink: sink, capacity: capacity)
    body(&emitter)
    return emitter.finish()
  }
}

/// Row indices processed per batch by the streaming writers, bounding memory for big tables.
let streamBatchRows = 4096

/// One name per column: extra names dropped, missing ones empty.
func columnNames(_ table: Table) -> [String] {
  var names = Array(table.names.prefix(table.columnCount))
  while names.count < table.columnCount { names.append("") }
  return names
}

/// JSON object keys for `names`: unique names kept, later duplicates become `name_1`, `name_2`,
/// … skipping any spelling already taken.
func disambiguatedNames(_ names: [String]) -> [String] {
  var taken = Set(names)
  var seen: Set<String> = []
  var out: [String] = []
  out.reserveCapacity(names.count)
  for name in names {
    if seen.insert(name).inserted {
      out.append(name)
      continue
    }
    var suffix = 1
    while taken.contains(name + "_" + String(suffix)) { suffix += 1 }
    let renamed = name + "_" + String(suffix)
    taken.insert(renamed)
    out.append(renamed)
  }
  return out
}
