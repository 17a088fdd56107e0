/// Equi-join matching on key columns: which left row pairs with which right row.
public enum JoinSide: String, Sendable { case inner, left, right, full }

public enum HashJoin {
  /// Pairs of matching rows (-1 on the side with no match, for outer joins), in left-row order
  /// and, for each left row, right-row order; unmatched right rows (right/full) come last.
  /// Null keys never match, as in SQL. `accept` filters candidate pairs (a join condition's
  /// non-equality part) before outer-join padding.
  public static func match(
    left: [Column], right: [Column], leftCount: Int, rightCount: Int, side: JoinSide,
    accept: (([Int], [Int]) throws(ExecutionError) -> [Bool])? = nil, threads: Int = Parallel.threads
  ) throws(ExecutionError) -> (left: [Int], right: [Int]) {
    var candidatesLeft: [Int] = []
    var candidatesRight: [Int] = []
    if left.isEmpty {
      // No equality keys: every pair is a candidate (a cross join filtered by `accept`).
      if leftCount.multipliedReportingOverflow(by: rightCount).overflow || leftCount * rightCount > 20_000_000 {
        throw ExecutionError(
          "this join compares every row with every row (\(leftCount) × \(rightCount) pairs)",
          hints: ["add an equality to the condition, e.g. `(==gso_code)` or `(this.a == that.b && …)`"])
      }
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
      if accept == nil, side == .inner || side == .left {
        // No condition beyond the keys: the matches are the answer (left order, then right
        // order within a left row; unmatched left rows padded in place). The probe runs a
        // morsel of left rows at a time on every core, the morsels' pairs joined in order:
        // the same pairs in the same order on any number of threads.
        let nullable = stacked.contains { $0.nullCount > 0 }
        let parts = Parallel.mapMorsels(leftCount, threads: threads) { range -> (left: [Int], right: [Int]) in
          var keepLeft: [Int] = []
          var keepRight: [Int] = []
          keepLeft.reserveCapacity(range.count)
          keepRight.reserveCapacity(range.count)
          for l in range {
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
        if parts.count == 1 { return parts[0] }
        let total = parts.reduce(0) { $0 + $1.left.count }
        var keepLeft: [Int] = []
        var keepRight: [Int] = []
        keepLeft.reserveCapacity(total)
        keepRight.reserveCapacity(total)
        for part in parts {
          keepLeft.append(contentsOf: part.left)
          keepRight.append(contentsOf: part.right)
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
