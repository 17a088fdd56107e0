import ChisoEngine

/// `~=`: regular-expression search with Swift's Regex, compiled once per distinct pattern and
/// evaluated once per distinct text.
enum RegexMatch {
  static func search(_ text: Column, _ pattern: Column, _ n: Int) throws(ExecutionError) -> Column {
    guard case .text(let t) = text.storage, case .text(let p) = pattern.storage else {
      return Column(.null(n))
    }
    var compiled: [UInt32: Regex<AnyRegexOutput>] = [:]
    var cache: [UInt64: Bool] = [:]
    var out = [Bool](repeating: false, count: n)
    for i in 0..<n where !text.isNull(i) && !pattern.isNull(i) {
      let key = UInt64(t.codes[i]) << 32 | UInt64(p.codes[i])
      if let r = cache[key] { out[i] = r; continue }
      let regex: Regex<AnyRegexOutput>
      if let r = compiled[p.codes[i]] {
        regex = r
      } else {
        do {
          // Code-point semantics, as DuckDB's RE2 and the rest of chiso's text functions (Swift's
          // default, grapheme clusters, made `"e\u{301}" ~= "e"` false).
          regex = try Regex(p[i]).matchingSemantics(.unicodeScalar)
        } catch {
          throw ExecutionError("invalid regular expression `\(p[i])`: \(error)")
        }
        compiled[p.codes[i]] = regex
      }
      let r = t[i].contains(regex)
      cache[key] = r
      out[i] = r
    }
    return Column(.bool(out), validity: ColumnMapping.validity([text, pattern], count: n))
  }
}
