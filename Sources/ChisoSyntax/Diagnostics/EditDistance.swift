/// Damerau–Levenshtein distance for "did you mean" suggestions.
public enum EditDistance {
  /// Distance between two strings, compared case-insensitively by Character.
  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased())
    let y = Array(b.lowercased())
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous2 = [Int](repeating: 0, count: y.count + 1)
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
          current[j] = min(current[j], previous2[j - 2] + 1)
        }
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[y.count]
  }

  /// The candidate closest to `name`, if close enough to be a plausible typo (at most a third of
  /// the name's length, and at least one edit allowed).
  public static func closest(to name: String, among candidates: [String]) -> String? {
    let limit = max(1, name.count / 3)
    var best: (String, Int)? = nil
    for candidate in candidates where candidate != name {
      let d = distance(name, candidate)
      if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
    }
    if best == nil {
      // A case-only or prefix match is a good suggestion too (`Province` → `province`).
      best = candidates.first { $0.lowercased() == name.lowercased() }.map { ($0, 0) }
    }
    return best?.0
  }
}
