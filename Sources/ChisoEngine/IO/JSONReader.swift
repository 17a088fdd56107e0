/// Reads JSON tables into a typed `Table`, in either of two shapes:
///
/// - an array of objects, one per row: `[{"a": 1, "b": "x"}, {"a": 2}]`. The columns are the
///   union of the keys in first-seen order; a missing key is null. A key repeated within one
///   object keeps its last value.
/// - an object with `columns` and `data`: `{"columns": ["a", "b"], "data": [[1, "x"], [2, null]]}`
///   (PRQL's `from_text format:json`). Every row must have one value per column.
///
/// Column types come from the JSON values: all integers (that fit Int64) → int; integers and
/// other numbers → float; all booleans → bool; all strings → text (strings that look like dates
/// stay text: JSON says they are strings); nested arrays and objects → their compact JSON text;
/// a column mixing kinds → text, each value written as in JSON (numbers exactly as in the
/// input). Null and missing values are null; a column with no values is text, all null.
///
/// The parser is a small one over bytes (Foundation's boxes every value). It accepts strict
/// RFC 8259 JSON only (no comments, trailing commas or `NaN`), checks UTF-8, and refuses nesting
/// deeper than 512 levels rather than risking the stack. Errors carry line and column.
public enum JSONReader {
  /// Reads a JSON file; errors name the path as given.
  public static func read(path: String) throws(DataError) -> Table {
    try FileBytes.withContents(path: path) { (buffer) throws(DataError) -> Table in
      try table(buffer, name: path)
    }
  }

  /// Reads JSON held in memory; `name` stands for the file in errors.
  public static func read(bytes: [UInt8], name: String) throws(DataError) -> Table {
    try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> Table in try table(buffer, name: name) }
  }

  private static func table(_ buffer: UnsafeBufferPointer<UInt8>, name: String) throws(DataError) -> Table {
    guard let base = buffer.baseAddress, !buffer.isEmpty else {
      throw DataError(
        file: name, line: 1, column: 1, message: "empty file",
        hint: "expected a JSON array of objects, or {\"columns\": [...], \"data\": [[...], ...]}")
    }
    var parser = JSONParser(data: base, count: buffer.count, name: name)
    return try parser.table()
  }
}

/// One value of a JSON table column, as parsed. Numbers keep their source range so that a
/// column that ends up text shows them exactly as written.
enum JSONCell {
  case null
  case bool(Bool)
  case int(Int64, start: Int, end: Int)
  case float(Double, start: Int, end: Int)
  /// A code in the column's interner.
  case string(UInt32)
  /// A code in the column's interner, for the value's compact JSON text.
  case nested(UInt32)
}

struct JSONColumnBuilder {
  var cells: [JSONCell] = []
  var interner = ByteInterner()

  init() {}

  mutating func set(_ cell: JSONCell, row: Int) {
    if cells.count < row { cells.append(contentsOf: repeatElement(.null, count: row - cells.count)) }
    if cells.count == row {
      cells.append(cell)
    } else {
      cells[row] = cell  // a key repeated in one object: the last value wins
    }
  }

  func finish(rowCount: Int, data: UnsafePointer<UInt8>) -> Result<Column, ByteInterner.Failure> {
    var sawInt = false
    var sawFloat = false
    var sawBool = false
    var sawText = false
    var valid = [Bool](repeating: false, count: rowCount)
    for (row, cell) in cells.enumerated() {
      switch cell {
      case .null: continue
      case .bool: sawBool = true
      case .int: sawInt = true
      case .float: sawFloat = true
      case .string, .nested: sawText = true
      }
      valid[row] = true
    }
    let validity = NullBitmap(valid)
    @inline(__always) func cell(_ row: Int) -> JSONCell { row < cells.count ? cells[row] : .null }
    let kinds = (sawInt || sawFloat ? 1 : 0) + (sawBool ? 1 : 0) + (sawText ? 1 : 0)
    if kinds == 0 {
      return .success(
        Column(.text(TextBuffer(codes: [UInt32](repeating: 0, count: rowCount), dictionary: [])), validity: validity))
    }
    if kinds == 1, sawInt, !sawFloat {
      let values = (0..<rowCount).map { row -> Int64 in
        if case .int(let value, _, _) = cell(row) { return value }
        return 0
      }
      return .success(Column(.int(values), validity: validity))
    }
    if kinds == 1, sawFloat {
      let values = (0..<rowCount).map { row -> Double in
        switch cell(row) {
        case .int(let value, _, _): return Double(value)
        case .float(let value, _, _): return value
        default: return 0
        }
      }
      return .success(Column(.float(values), validity: validity))
    }
    if kinds == 1, sawBool {
      let values = (0..<rowCount).map { row -> Bool in
        if case .bool(let value) = cell(row) { return value }
        return false
      }
      return .success(Column(.bool(values), validity: validity))
    }
    // Text, possibly mixed: numbers and booleans become their JSON spelling.
    var interner = self.interner
    var codes = [UInt32](repeating: 0, count: rowCount)
    for row in 0..<rowCount {
      let result: Result<UInt32, ByteInterner.Failure>
      switch cell(row) {
      case .null: continue
      case .string(let code), .nested(let code): result = .success(code)
      case .bool(let value): result = interner.intern(value ? "true" : "false")
      case .int(_, let start, let end), .float(_, let start, let end): result = interner.intern(data + start, end - start)
      }
      switch result {
      case .success(let code): codes[row] = code
      case .failure(let failure): return .failure(failure)
      }
    }
    return .success(Column(.text(TextBuffer(codes: codes, dictionary: interner.strings())), validity: validity))
  }
}

struct JSONParser {
  let data: UnsafePointer<UInt8>
  let count: Int
  let name: String
  var position = 0
  /// The bytes of the last string parsed, escapes undone.
  var scratch: [UInt8] = []

  static let maxDepth = 512

  private static let openBrace = UInt8(ascii: "{")
  private static let closeBrace = UInt8(ascii: "}")
  private static let openBracket = UInt8(ascii: "[")
  private static let closeBracket = UInt8(ascii: "]")
  private static let comma = UInt8(ascii: ",")
  private static let colon = UInt8(ascii: ":")
  private static let backslash = UInt8(ascii: "\\")
  private static let shapeHint = "expected a JSON array of objects, or {\"columns\": [...], \"data\": [[...], ...]}"

  init(data: UnsafePointer<UInt8>, count: Int, name: String) {
    self.data = data
    self.count = count
    self.name = name
  }

  func error(at offset: Int, _ message: String, hint: String? = nil) -> DataError {
    let (line, column) = TextLocation.locate(UnsafeBufferPointer(start: data, count: count), offset: offset)
    return DataError(file: name, line: line, column: column, message: message, hint: hint)
  }

  /// "unexpected …" naming what is at `position`.
  func unexpected(expecting what: String) -> DataError {
    guard position < count else { return error(at: position, "unexpected end of input, expected \(what)") }
    let byte = data[position]
    let shown: String
    if byte >= 0x20, byte < 0x7F {
      shown = "'" + String(UnicodeScalar(byte)) + "'"
    } else if byte < 0x80 {
      shown = "control character 0x" + String(byte, radix: 16)
    } else {
      var end = position + 1
      while end < count, end < position + 4, data[end] & 0xC0 == 0x80 { end += 1 }
      let buffer = UnsafeBufferPointer(start: data + position, count: end - position)
      shown = "'" + String(decoding: buffer, as: UTF8.self) + "'"
    }
    return error(at: position, "unexpected \(shown), expected \(what)")
  }

  @inline(__always)
  mutating func skipSpace() {
    while position < count {
      let byte = data[position]
      guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
      position += 1
    }
  }

  @inline(__always)
  private func at(_ byte: UInt8) -> Bool { position < count && data[position] == byte }

  private mutating func expect(_ byte: UInt8, _ what: String) throws(DataError) {
    skipSpace()
    guard at(byte) else { throw unexpected(expecting: what) }
    position += 1
  }

  // MARK: Tables

  mutating func table() throws(DataError) -> Table {
    if UTF8Check.hasBOM(UnsafeBufferPointer(start: data, count: count)) { position = 3 }
    skipSpace()
    guard position < count else {
      throw error(at: position, "empty file", hint: Self.shapeHint)
    }
    let table: Table
    switch data[position] {
    case Self.openBracket: table = try arrayOfObjects()
    case Self.openBrace: table = try columnsAndData()
    default: throw error(at: position, "expected a JSON array or object", hint: Self.shapeHint)
    }
    skipSpace()
    guard position == count else { throw unexpected(expecting: "the end of the input after the JSON value") }
    return table
  }

  private mutating func arrayOfObjects() throws(DataError) -> Table {
    position += 1
    var builders: [JSONColumnBuilder] = []
    // Key bytes → column index: the interner's codes are the first-seen order.
    var keys = ByteInterner()
    var rowCount = 0
    skipSpace()
    if at(Self.closeBracket) {
      position += 1
    } else {
      while true {
        skipSpace()
        guard at(Self.openBrace) else { throw unexpected(expecting: "an object (one per row)") }
        position += 1
        skipSpace()
        if at(Self.closeBrace) {
          position += 1
        } else {
          while true {
            skipSpace()
            guard at(Ascii.quote) else { throw unexpected(expecting: "a key (a string in double quotes)") }
            try string()
            let column = try intern(scratchInto: &keys)
            if column == builders.count { builders.append(JSONColumnBuilder()) }
            try expect(Self.colon, "':' after the key")
            let cell = try cell(depth: 2, &builders[column].interner)
            builders[column].set(cell, row: rowCount)
            skipSpace()
            if at(Self.comma) {
              position += 1
              continue
            }
            guard at(Self.closeBrace) else { throw unexpected(expecting: "',' or '}'") }
            position += 1
            break
          }
        }
        rowCount += 1
        skipSpace()
        if at(Self.comma) {
          position += 1
          continue
        }
        guard at(Self.closeBracket) else { throw unexpected(expecting: "',' or ']'") }
        position += 1
        break
      }
    }
    return try finish(names: keys.strings(), builders: builders, rowCount: rowCount)
  }

  private mutating func columnsAndData() throws(DataError) -> Table {
    let objectStart = position
    position += 1
    var names: [String]? = nil
    var namesStart = 0
    var builders: [JSONColumnBuilder] = []
    var rowCount = 0
    var width: Int? = nil
    var sawData = false
    skipSpace()
    if at(Self.closeBrace) {
      position += 1
    } else {
      while true {
        skipSpace()
        guard at(Ascii.quote) else { throw unexpected(expecting: "a key (a string in double quotes)") }
        let keyStart = position
        try string()
        let key = String(decoding: scratch, as: UTF8.self)
        try expect(Self.colon, "':' after the key")
        skipSpace()
        switch key {
        case "columns":
          guard names == nil else { throw error(at: keyStart, "duplicate key \"columns\"") }
          namesStart = position
          guard at(Self.openBracket) else { throw unexpected(expecting: "an array of column names") }
          position += 1
          var list: [String] = []
          skipSpace()
          if at(Self.closeBracket) {
            position += 1
          } else {
            while true {
              skipSpace()
              guard at(Ascii.quote) else { throw unexpected(expecting: "a column name (a string)") }
              try string()
              list.append(String(decoding: scratch, as: UTF8.self))
              skipSpace()
              if at(Self.comma) {
                position += 1
                continue
              }
              guard at(Self.closeBracket) else { throw unexpected(expecting: "',' or ']'") }
              position += 1
              break
            }
          }
          if let width, width != list.count {
            throw error(at: namesStart, "\"columns\" has \(plural(list.count, "name")), but rows have \(plural(width, "value"))")
          }
          names = list
        case "data":
          guard !sawData else { throw error(at: keyStart, "duplicate key \"data\"") }
          sawData = true
          guard at(Self.openBracket) else { throw unexpected(expecting: "an array of rows") }
          position += 1
          skipSpace()
          if at(Self.closeBracket) {
            position += 1
            break
          }
          while true {
            skipSpace()
            let rowStart = position
            guard at(Self.openBracket) else { throw unexpected(expecting: "a row (an array of values)") }
            position += 1
            var index = 0
            skipSpace()
            if at(Self.closeBracket) {
              position += 1
            } else {
              while true {
                if index == builders.count { builders.append(JSONColumnBuilder()) }
                let cell = try cell(depth: 3, &builders[index].interner)
                builders[index].set(cell, row: rowCount)
                index += 1
                skipSpace()
                if at(Self.comma) {
                  position += 1
                  continue
                }
                guard at(Self.closeBracket) else { throw unexpected(expecting: "',' or ']'") }
                position += 1
                break
              }
            }
            if let width, width != index {
              throw error(at: rowStart, "row has \(plural(index, "value")), the first row has \(width)")
            }
            if let names, names.count != index {
              throw error(at: rowStart, "row has \(plural(index, "value")), \"columns\" has \(plural(names.count, "name"))")
            }
            width = index
            rowCount += 1
            skipSpace()
            if at(Self.comma) {
              position += 1
              continue
            }
            guard at(Self.closeBracket) else { throw unexpected(expecting: "',' or ']'") }
            position += 1
            break
          }
        default:
          throw error(
            at: keyStart, "unexpected key \"\(key)\" in a columns/data table",
            hint: "expected {\"columns\": [...], \"data\": [[...], ...]}; for rows as objects, use an array of objects")
        }
        skipSpace()
        if at(Self.comma) {
          position += 1
          continue
        }
        guard at(Self.closeBrace) else { throw unexpected(expecting: "',' or '}'") }
        position += 1
        break
      }
    }
    guard let names else {
      throw error(at: objectStart, "missing \"columns\"", hint: Self.shapeHint)
    }
    while builders.count < names.count { builders.append(JSONColumnBuilder()) }
    return try finish(names: names, builders: builders, rowCount: rowCount)
  }

  private func plural(_ count: Int, _ noun: String) -> String {
    count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
  }

  private func finish(names: [String], builders: [JSONColumnBuilder], rowCount: Int) throws(DataError) -> Table {
    var columns: [Column] = []
    columns.reserveCapacity(builders.count)
    for builder in builders {
      switch builder.finish(rowCount: rowCount, data: data) {
      case .success(let column): columns.append(column)
      case .failure: throw DataError(file: name, message: "too many distinct text values (more than 4 billion)")
      }
    }
    return Table(names: ColumnNames.uniquify(names), columns: columns, rowCount: rowCount)
  }

  private func intern(scratchInto interner: inout ByteInterner) throws(DataError) -> Int {
    let result = scratch.withUnsafeBufferPointer { buffer -> Result<UInt32, ByteInterner.Failure> in
      guard let base = buffer.baseAddress else { return interner.intern("") }
      return interner.intern(base, buffer.count)
    }
    switch result {
    case .success(let code): return Int(code)
    case .failure: throw DataError(file: name, message: "too many distinct text values (more than 4 billion)")
    }
  }

  // MARK: Values

  /// The value at `position`, which sits inside `depth` levels of arrays and objects.
  private mutating func cell(depth: Int, _ interner: inout ByteInterner) throws(DataError) -> JSONCell {
    skipSpace()
    guard position < count else { throw unexpected(expecting: "a value") }
    switch data[position] {
    case Ascii.quote:
      try string()
      return .string(UInt32(try intern(scratchInto: &interner)))
    case Self.openBrace, Self.openBracket:
      let start = position
      try skipContainer(depth: depth)
      compact(start, position)
      return .nested(UInt32(try intern(scratchInto: &interner)))
    default:
      return try scalar()
    }
  }

  /// A number, `true`, `false` or `null`.
  private mutating func scalar() throws(DataError) -> JSONCell {
    let byte = data[position]
    if byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
      return try number()
    }
    if matches("true") { return .bool(true) }
    if matches("false") { return .bool(false) }
    if matches("null") { return .null }
    throw unexpected(expecting: "a value")
  }

  /// Consumes `word` if the input continues with it.
  private mutating func matches(_ word: StaticString) -> Bool {
    let length = word.utf8CodeUnitCount
    guard count - position >= length else { return false }
    let bytes = word.utf8Start
    for index in 0..<length where data[position + index] != bytes[index] { return false }
    position += length
    return true
  }

  private mutating func number() throws(DataError) -> JSONCell {
    let start = position
    @inline(__always) func isDigit(_ at: Int) -> Bool {
      at < count && data[at] >= UInt8(ascii: "0") && data[at] <= UInt8(ascii: "9")
    }
    if at(UInt8(ascii: "-")) { position += 1 }
    guard isDigit(position) else { throw error(at: start, "invalid number") }
    if data[position] == UInt8(ascii: "0") {
      position += 1
    } else {
      while isDigit(position) { position += 1 }
    }
    var integer = true
    if at(UInt8(ascii: ".")) {
      integer = false
      position += 1
      guard isDigit(position) else { throw error(at: start, "invalid number: a digit must follow '.'") }
      while isDigit(position) { position += 1 }
    }
    if at(UInt8(ascii: "e")) || at(UInt8(ascii: "E")) {
      integer = false
      position += 1
      if at(UInt8(ascii: "+")) || at(UInt8(ascii: "-")) { position += 1 }
      guard isDigit(position) else { throw error(at: start, "invalid number: a digit must follow the exponent") }
      while isDigit(position) { position += 1 }
    }
    let length = position - start
    if integer, let value = ByteParsing.parseInt(data + start, length) {
      return .int(value, start: start, end: position)
    }
    // Too big for Int64, or not an integer: a double (the grammar is already checked).
    guard let value = ByteParsing.parseDouble(data + start, length) else { throw error(at: start, "invalid number") }
    return .float(value, start: start, end: position)
  }

  /// Parses the string at `position` (on its opening quote) into `scratch`.
  private mutating func string() throws(DataError) {
    let open = position
    position += 1
    scratch.removeAll(keepingCapacity: true)
    while true {
      let runStart = position
      var sawHigh = false
      while position < count {
        let byte = data[position]
        if byte == Ascii.quote || byte == Self.backslash || byte < 0x20 { break }
        if byte >= 0x80 { sawHigh = true }
        position += 1
      }
      if sawHigh, let bad = UTF8Check.firstInvalid(data + runStart, position - runStart) {
        throw error(at: runStart + bad, "invalid UTF-8")
      }
      scratch.append(contentsOf: UnsafeBufferPointer(start: data + runStart, count: position - runStart))
      guard position < count else {
        throw error(at: open, "unterminated string", hint: "a string must end with \" on the same line")
      }
      let byte = data[position]
      if byte == Ascii.quote {
        position += 1
        return
      }
      if byte == Ascii.lf || byte == Ascii.cr {
        // Most likely a missing closing quote: point at the string's start.
        throw error(at: open, "unterminated string", hint: "a string must end with \" on the same line; write a line break inside it as \\n")
      }
      if byte < 0x20 {
        throw error(at: position, "control character in a string", hint: "write it as an escape such as \\n or \\t")
      }
      try escape()
    }
  }

  /// One backslash escape, appended to `scratch` as UTF-8.
  private mutating func escape() throws(DataError) {
    let start = position
    position += 1
    guard position < count else { throw error(at: start, "unterminated string") }
    let letter = data[position]
    position += 1
    switch letter {
    case Ascii.quote, Self.backslash, UInt8(ascii: "/"): scratch.append(letter)
    case UInt8(ascii: "b"): scratch.append(0x08)
    case UInt8(ascii: "f"): scratch.append(0x0C)
    case UInt8(ascii: "n"): scratch.append(0x0A)
    case UInt8(ascii: "r"): scratch.append(0x0D)
    case UInt8(ascii: "t"): scratch.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = try hex4(start)
      if (0xD800...0xDBFF).contains(scalar) {
        // A high surrogate must be followed by an escaped low one; together they name one
        // scalar beyond the Basic Multilingual Plane.
        guard position + 1 < count, data[position] == Self.backslash, data[position + 1] == UInt8(ascii: "u") else {
          throw error(at: start, "unpaired surrogate in \\u escape")
        }
        position += 2
        let low = try hex4(start)
        guard (0xDC00...0xDFFF).contains(low) else { throw error(at: start, "unpaired surrogate in \\u escape") }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      } else if (0xDC00...0xDFFF).contains(scalar) {
        throw error(at: start, "unpaired surrogate in \\u escape")
      }
      guard let unicode = Unicode.Scalar(scalar) else { throw error(at: start, "invalid \\u escape") }
      scratch.append(contentsOf: unicode.utf8)
    default:
      throw error(at: start, "invalid escape '\\\(String(UnicodeScalar(letter)))'", hint: "valid escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
    }
  }

  private mutating func hex4(_ escapeStart: Int) throws(DataError) -> UInt32 {
    guard position + 4 <= count else { throw error(at: escapeStart, "invalid \\u escape: four hex digits expected") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = data[position]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw error(at: escapeStart, "invalid \\u escape: four hex digits expected")
      }
      value = value << 4 | UInt32(digit)
      position += 1
    }
    return value
  }

  /// Checks and skips the array or object at `position`, which sits inside `depth` levels.
  /// Iterative, with its own stack of closing brackets, so deep input cannot overflow the
  /// call stack; nesting past `maxDepth` is an error.
  private mutating func skipContainer(depth: Int) throws(DataError) {
    var closers: [UInt8] = []
    value: while true {
      skipSpace()
      guard position < count else { throw unexpected(expecting: "a value") }
      let byte = data[position]
      if byte == Self.openBrace || byte == Self.openBracket {
        guard depth + closers.count + 1 <= Self.maxDepth else {
          throw error(at: position, "nesting deeper than \(Self.maxDepth) levels")
        }
        position += 1
        let closer = byte == Self.openBrace ? Self.closeBrace : Self.closeBracket
        skipSpace()
        if at(closer) {
          position += 1
        } else {
          closers.append(closer)
          if closer == Self.closeBrace { try key() }
          continue value
        }
      } else if byte == Ascii.quote {
        try string()
      } else {
        _ = try scalar()
      }
      // After a value: close containers, or move to the next element.
      while let closer = closers.last {
        skipSpace()
        if at(Self.comma) {
          position += 1
          if closer == Self.closeBrace { try key() }
          continue value
        }
        guard at(closer) else {
          throw unexpected(expecting: closer == Self.closeBrace ? "',' or '}'" : "',' or ']'")
        }
        position += 1
        closers.removeLast()
      }
      return
    }
  }

  /// An object key and its colon.
  private mutating func key() throws(DataError) {
    skipSpace()
    guard at(Ascii.quote) else { throw unexpected(expecting: "a key (a string in double quotes)") }
    try string()
    try expect(Self.colon, "':' after the key")
  }

  /// The JSON text of `start ..< end` without the whitespace between tokens, into `scratch`.
  private mutating func compact(_ start: Int, _ end: Int) {
    scratch.removeAll(keepingCapacity: true)
    var inString = false
    var index = start
    while index < end {
      let byte = data[index]
      if inString {
        scratch.append(byte)
        if byte == Self.backslash, index + 1 < end {
          index += 1
          scratch.append(data[index])
        } else if byte == Ascii.quote {
          inString = false
        }
      } else if byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 {
        scratch.append(byte)
        if byte == Ascii.quote { inString = true }
      }
      index += 1
    }
  }
}
