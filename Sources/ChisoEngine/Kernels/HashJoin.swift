/// Equi-join matching on key columns: which left row pairs with which right row.
public enum JoinSide: String, Sendable { case inner, left, right, full }

public enum HashJoin {
  /// Pairs of matching rows (-1 on the side with no match, for outer joins), in left-row order
  /// and, for each left row, right-row order; unmatched right rows (right/full) come last.
  /// Null keys never match, as in SQL. `accept` filters candidate pairs (a join condition's
  /// non-equality part) before outer-join padding.
  public static func match(
    left: [Column], right: [Column], leftCount: Int, rightCount: Int, side: JoinSide, rowBytes: Int = 0,
    accept: (([Int], [Int]) throws(ExecutionError) -> [Bool])? = nil
  ) throws(ExecutionError) -> (left: [Int], right: [Int]) {
    // Each output row costs two indices and its columns; `accept` sees every candidate pair.
    func checkPairs(_ pairs: Int) throws(ExecutionError) {
      try ResourceLimits.check(bytes: Double(pairs) * Double(16 + rowBytes), "this join's \(pairs) row pairs")
    }
    var candidatesLeft: [Int] = []
    var candidatesRight: [Int] = []
    if left.isEmpty {
      // No equality keys: every pair is a candidate (a cross join filtered by `accept`).
      if leftCount.multipliedReportingOverflow(by: rightCount).overflow || leftCount * rightCount > 20_000_000 {
        throw ExecutionError(
          "this join compares every row with every row (\(leftCount) × \(rightCount) pairs)",
          hints: ["add an equality to the condition, e.g. `(==gso_code)` or `(this.a == that.b && …)`"])
      }
      try checkPairs(leftCount * rightCount)
      for l in 0..<leftCount { for r in 0..<rightCount { candidatesLeft.append(l); candidatesRight.append(r) } }
    } else {
      // Encode both sides' keys together: one group id per distinct key tuple, shared by the
      // left rows (ids 0..<leftCount of the stacked keys) and the right rows (the rest).
      var stacked: [Column] = []
      for (l, r) in zip(left, right) {
        guard let type = DataType.unify(l.type, r.type), let lw = l.widened(to: type), let rw = r.widened(to: type),
          let both = Column.concatenate([lw, rw])
        else {
          throw ExecutionError("cannot compare join keys of types \(l.type) and \(r.type)")
        }
        stacked.append(both)
      }
      let (ids, firstRows) = KeyCodes.groupIDs(stacked, rowCount: leftCount + rightCount)
      let anyNulls = stacked.contains { $0.nullCount > 0 }
      func hasNull(_ row: Int) -> Bool {
        guard anyNulls else { return false }
        for column in stacked where column.isNull(row) { return true }
        return false
      }
      // Right rows bucketed by key id, in order (counting sort: no per-row allocation).
      var starts = [Int](repeating: 0, count: firstRows.count + 1)
      for r in 0..<rightCount where !hasNull(leftCount + r) { starts[Int(ids[leftCount + r]) + 1] += 1 }
      for g in 0..<firstRows.count { starts[g + 1] += starts[g] }
      var cursor = starts
      var bucketRows = [Int](repeating: 0, count: starts[firstRows.count])
      for r in 0..<rightCount where !hasNull(leftCount + r) {
        let g = Int(ids[leftCount + r])
        bucketRows[cursor[g]] = r
        cursor[g] += 1
      }
      // How many pairs the keys make, counted before any is stored.
      var pairs = 0
      for l in 0..<leftCount where !hasNull(l) {
        let (sum, overflow) = pairs.addingReportingOverflow(starts[Int(ids[l]) + 1] - starts[Int(ids[l])])
        pairs = overflow ? .max : sum
      }
      try checkPairs(pairs + (side == .inner ? 0 : leftCount + rightCount))
      if accept == nil, side == .inner || side == .left {
        // No condition beyond the keys: the matches are the answer, built in one pass (left
        // order, then right order within a left row; unmatched left rows padded in place).
        var keepLeft: [Int] = []
        var keepRight: [Int] = []
        keepLeft.reserveCapacity(leftCount)
        keepRight.reserveCapacity(leftCount)
        let nullable = stacked.contains { $0.nullCount > 0 }
        for l in 0..<leftCount {
          let matches = nullable && hasNull(l) ? 0..<0 : starts[Int(ids[l])]..<starts[Int(ids[l]) + 1]
          if matches.isEmpty {
            if side == .left {
              keepLeft.append(l)
              keepRight.append(-1)
            }
            continue
          }
          for k in matches {
            keepLeft.append(l)
            keepRight.append(bucketRows[k])
          }
        }
        return (keepLeft, keepRight)
      }
      for l in 0..<leftCount where !hasNull(l) {
        let g = Int(ids[l])
        for k in starts[g]..<starts[g + 1] {
          candidatesLeft.append(l)
          candidatesRight.append(bucketRows[k])
        }
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
