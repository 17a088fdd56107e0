import ChisoEngine

/// `~=`: regular-expression search in linear time (`LinearRegex`, RE2's syntax and semantics on
/// code points, as DuckDB), compiled once per distinct pattern and evaluated once per distinct
/// pair of text and pattern.
enum RegexMatch {
  static func search(_ text: Column, _ pattern: Column, _ n: Int) throws(ExecutionError) -> Column {
    guard case .text(let t) = text.storage, case .text(let p) = pattern.storage else {
      return Column(.null(n))
    }
    var compiled: [UInt32: LinearRegex] = [:]
    var cache: [UInt64: Bool] = [:]
    var out = [Bool](repeating: false, count: n)
    for i in 0..<n where !text.isNull(i) && !pattern.isNull(i) {
      let key = UInt64(t.codes[i]) << 32 | UInt64(p.codes[i])
      if let r = cache[key] { out[i] = r; continue }
      let regex: LinearRegex
      if let r = compiled[p.codes[i]] {
        regex = r
      } else {
        do {
          regex = try LinearRegex(p[i])
        } catch {
          throw ExecutionError(
            "invalid regular expression \(Quote.code(p[i])): \(error.message)",
            hints: ["chiso's regular expressions are RE2's (as DuckDB's): no backreferences or lookaround; escape a literal `.` `(` `[` with `\\`"])
        }
        compiled[p.codes[i]] = regex
      }
      try QueryCancellation.check()
      let r = regex.search(t[i])
      cache[key] = r
      out[i] = r
    }
    return Column(.bool(out), validity: ColumnMapping.validity([text, pattern], count: n))
  }
}
