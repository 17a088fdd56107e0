/// A message with numbered holes: `unknown column `{0}``. The same template fills holes with
/// arguments (`fill`) and, for English templates, recovers the arguments from a finished
/// message (`match`), so that a message the core wrote in English can be re-said in another
/// language from the same catalog.
public struct Template: Sendable, Equatable {
  enum Piece: Sendable, Equatable {
    case text(String)
    case hole(Int)
  }

  let pieces: [Piece]
  public let source: String

  public init(_ source: String) {
    self.source = source
    var pieces: [Piece] = []
    var text = ""
    var chars = Array(source)[...]
    while let c = chars.popFirst() {
      if c == "{", let close = chars.firstIndex(of: "}"), close > chars.startIndex,
        let n = Int(String(chars[chars.startIndex..<close])), n >= 0, n < 10
      {
        if !text.isEmpty { pieces.append(.text(text)) }
        text = ""
        pieces.append(.hole(n))
        chars = chars[(close + 1)...]
      } else {
        text.append(c)
      }
    }
    if !text.isEmpty { pieces.append(.text(text)) }
    self.pieces = pieces
  }

  /// The hole numbers this template uses, sorted.
  public var holes: [Int] {
    Set(pieces.compactMap { if case .hole(let n) = $0 { return n } else { return nil } }).sorted()
  }

  /// The template with hole `n` replaced by `arguments[n]` (a missing argument leaves `{n}`).
  public func fill(_ arguments: [String]) -> String {
    var out = ""
    for piece in pieces {
      switch piece {
      case .text(let t): out += t
      case .hole(let n): out += n < arguments.count ? arguments[n] : "{\(n)}"
      }
    }
    return out
  }

  /// The arguments that make `fill` give exactly `text`, or nil. Each hole takes at least one
  /// character; the first way that matches wins, shortest holes first. Work is bounded: a
  /// message longer than 4000 characters is not matched, and the search gives up after a fixed
  /// number of steps.
  public func match(_ text: String) -> [String]? {
    let target = Array(text)
    guard target.count <= 4000 else { return nil }
    let literals = pieces.map { piece -> [Character] in
      if case .text(let t) = piece { return Array(t) } else { return [] }
    }
    var found: [Int: Range<Int>] = [:]
    var budget = 50_000
    func matches(_ chars: ArraySlice<Character>, at t: Int) -> Bool {
      guard t + chars.count <= target.count else { return false }
      var i = t
      for c in chars {
        if target[i] != c { return false }
        i += 1
      }
      return true
    }
    func go(_ p: Int, _ t: Int) -> Bool {
      budget -= 1
      if budget < 0 { return false }
      if p == pieces.count { return t == target.count }
      switch pieces[p] {
      case .text:
        let chars = literals[p]
        guard matches(chars[...], at: t) else { return false }
        return go(p + 1, t + chars.count)
      case .hole(let n):
        if let known = found[n] {
          guard matches(target[known], at: t) else { return false }
          return go(p + 1, t + known.count)
        }
        // The next literal, if any, must follow the hole: only try ends where it starts.
        let next = p + 1 < pieces.count ? literals[p + 1] : []
        var end = t + 1
        while end <= target.count {
          if next.isEmpty || (end < target.count && target[end] == next[0]) {
            found[n] = t..<end
            if go(p + 1, end) { return true }
            if budget < 0 { break }
          }
          end += 1
        }
        found[n] = nil
        return false
      }
    }
    guard go(0, 0) else { return nil }
    let count = (found.keys.max() ?? -1) + 1
    return (0..<count).map { found[$0].map { String(target[$0]) } ?? "" }
  }
}
