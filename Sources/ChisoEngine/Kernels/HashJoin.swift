/// Equi-join matching on key columns: which left row pairs with which right row.
public enum JoinSide: String, Sendable { case inner, left, right, full }

public enum HashJoin {
  /// Pairs of matching rows (-1 on the side with no match, for outer joins), in left-row order
  /// and, for each left row, right-row order; unmatched right rows (right/full) come last.
  /// Null keys never match, as in SQL. `accept` filters candidate pairs (a join condition's
  /// non-equality part) before outer-join padding.
  public static func match(
    left: [Column], right: [Column], leftCount: Int, rightCount: Int, side: JoinSide,
    accept: (([Int], [Int]) throws(ExecutionError) -> [Bool])? = nil
  ) throws(ExecutionError) -> (left: [Int], right: [Int]) {
    var candidatesLeft: [Int] = []
    var candidatesRight: [Int] = []
    if left.isEmpty {
      // No equality keys: every pair is a candidate (a cross join filtered by `accept`).
      for l in 0..<leftCount { for r in 0..<rightCount { candidatesLeft.append(l); candidatesRight.append(r) } }
    } else {
      var shared: [String: Int64] = [:]
      var leftCodes: [[Int64]] = []
      var rightCodes: [[Int64]] = []
      for (l, r) in zip(left, right) {
        // Compare int with float by value: widen both to float first.
        var lc = l
        var rc = r
        if l.type == .int, r.type == .float, let w = l.widened(to: .float) { lc = w }
        if r.type == .int, l.type == .float, let w = r.widened(to: .float) { rc = w }
        if l.type == .date, r.type == .timestamp, let w = l.widened(to: .timestamp) { lc = w }
        if r.type == .date, l.type == .timestamp, let w = r.widened(to: .timestamp) { rc = w }
        leftCodes.append(KeyCodes.codes(lc, shared: &shared))
        rightCodes.append(KeyCodes.codes(rc, shared: &shared))
      }
      func isNullKey(_ codes: [[Int64]], _ columns: [Column], _ row: Int) -> Bool {
        for k in columns.indices where columns[k].isNull(row) { return true }
        return false
      }
      var buckets: [[Int64]: [Int]] = [:]
      for r in 0..<rightCount where !isNullKey(rightCodes, right, r) {
        buckets[rightCodes.map { $0[r] }, default: []].append(r)
      }
      for l in 0..<leftCount where !isNullKey(leftCodes, left, l) {
        guard let matches = buckets[leftCodes.map { $0[l] }] else { continue }
        for r in matches { candidatesLeft.append(l); candidatesRight.append(r) }
      }
      if candidatesLeft.isEmpty && (side == .inner || leftCount == 0 && side == .left) {
        return ([], [])
      }
    }
    var keepLeft: [Int] = []
    var keepRight: [Int] = []
    let verdict = try accept?(candidatesLeft, candidatesRight)
    var leftMatched = [Bool](repeating: false, count: leftCount)
    var rightMatched = [Bool](repeating: false, count: rightCount)
    // Candidates are grouped by left row, in left order; outer padding goes in place.
    var c = 0
    for l in 0..<leftCount {
      while c < candidatesLeft.count, candidatesLeft[c] == l {
        if verdict?[c] ?? true {
          keepLeft.append(l)
          keepRight.append(candidatesRight[c])
          leftMatched[l] = true
          rightMatched[candidatesRight[c]] = true
        }
        c += 1
      }
      if !leftMatched[l], side == .left || side == .full {
        keepLeft.append(l)
        keepRight.append(-1)
      }
    }
    if side == .right || side == .full {
      for r in 0..<rightCount where !rightMatched[r] {
        keepLeft.append(-1)
        keepRight.append(r)
      }
    }
    return (keepLeft, keepRight)
  }
}
