/// Reads one result row written as a JSON array (`[1, "Lai Châu", null]`) or object
/// (`{"c0": 1, …}`, values in order) into cells as text: strings unescaped, numbers, booleans,
/// `Infinity` and `NaN` as written, null as nil. Engines write these one row per line.
enum JSONRow {
  static func cells(_ line: Substring) throws -> [String?] {
    var p = Array(line.utf8)[...]
    func skip() { while let c = p.first, c == 0x20 || c == 0x09 || c == 0x0D { p.removeFirst() } }
    skip()
    guard let open = p.popFirst(), open == UInt8(ascii: "[") || open == UInt8(ascii: "{") else {
      throw EngineError("unexpected result line: \(line.prefix(80))")
    }
    let isObject = open == UInt8(ascii: "{")
    let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
    var out: [String?] = []
    skip()
    if p.first == close { return out }
    while true {
      skip()
      if isObject {
        _ = try string(&p)
        skip()
        guard p.popFirst() == UInt8(ascii: ":") else { throw EngineError("malformed result line: \(line.prefix(80))") }
        skip()
      }
      out.append(try value(&p))
      skip()
      guard let next = p.popFirst() else { throw EngineError("truncated result line: \(line.prefix(80))") }
      if next == close { return out }
      guard next == UInt8(ascii: ",") else { throw EngineError("malformed result line: \(line.prefix(80))") }
    }
  }

  static func value(_ p: inout ArraySlice<UInt8>) throws -> String? {
    guard let first = p.first else { throw EngineError("truncated result line") }
    if first == UInt8(ascii: "\"") { return try string(&p) }
    if first == UInt8(ascii: "[") || first == UInt8(ascii: "{") {
      throw EngineError("the engine returned a nested value (a list or struct), which chiso cannot represent")
    }
    var raw: [UInt8] = []
    while let c = p.first, c != UInt8(ascii: ","), c != UInt8(ascii: "]"), c != UInt8(ascii: "}"), c != 0x20 {
      raw.append(c)
      p.removeFirst()
    }
    let text = String(decoding: raw, as: UTF8.self)
    return text == "null" ? nil : text
  }

  static func string(_ p: inout ArraySlice<UInt8>) throws -> String {
    guard p.popFirst() == UInt8(ascii: "\"") else { throw EngineError("malformed result line") }
    var bytes: [UInt8] = []
    while let c = p.popFirst() {
      switch c {
      case UInt8(ascii: "\""):
        return String(decoding: bytes, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard let e = p.popFirst() else { throw EngineError("truncated string in result") }
        switch e {
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "u"):
          var scalar = try hex4(&p)
          if (0xD800..<0xDC00).contains(scalar), p.first == UInt8(ascii: "\\") {
            p.removeFirst()
            guard p.popFirst() == UInt8(ascii: "u") else { throw EngineError("bad surrogate in result") }
            let low = try hex4(&p)
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          }
          bytes += Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
        default: bytes.append(e)
        }
      default:
        bytes.append(c)
      }
    }
    throw EngineError("truncated string in result")
  }

  static func hex4(_ p: inout ArraySlice<UInt8>) throws -> UInt32 {
    var v: UInt32 = 0
    for _ in 0..<4 {
      guard let c = p.popFirst(), let d = Character(Unicode.Scalar(c)).hexDigitValue else { throw EngineError("bad \\u escape in result") }
      v = v << 4 | UInt32(d)
    }
    return v
  }
}
