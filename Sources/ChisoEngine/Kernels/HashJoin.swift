/// Equi-join matching on key columns: which left row pairs with which right row.
public enum JoinSide: String, Sendable { case inner, left, right, full }

public enum HashJoin {
  /// Pairs of matching rows (-1 on the side with no match, for outer joins), in left-row order
  /// and, for each left row, right-row order; unmatched right rows (right/full) come last.
  /// Null keys never match, as in SQL. `accept` filters candidate pairs (a join condition's
  /// non-equality part) before outer-join padding.
  public static func match(
    left: [Column], right: [Column], leftCount: Int, rightCount: Int, side: JoinSide, rowBytes: Int = 0,
    accept: (([Int], [Int]) throws(ExecutionError) -> [Bool])? = nil, threads: Int = Parallel.threads
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
        // No condition beyond the keys: the matches are the answer (left order, then right
        // order within a left row; unmatched left rows padded in place). The probe runs a
        // morsel of left rows at a time on every core — first each morsel counts its pairs, then
        // writes them at its place in the answer — so the pairs and their order are the same on
        // any number of threads, and the answer is written once (no per-morsel copies).
        let nullable = stacked.contains { $0.nullCount > 0 }
        @inline(__always) func matches(_ l: Int) -> Range<Int> {
          nullable && hasNull(l) ? 0..<0 : starts[Int(ids[l])]..<starts[Int(ids[l]) + 1]
        }
        let counts = Parallel.mapMorsels(leftCount, threads: threads) { range -> Int in
          var n = 0
          for l in range {
            let m = matches(l).count
            n += m == 0 && side == .left ? 1 : m
          }
          return n
        }
        var offsets = [Int](repeating: 0, count: counts.count + 1)
        for (k, n) in counts.enumerated() { offsets[k + 1] = offsets[k] + n }
        let total = offsets[counts.count]
        var keepLeft = [Int](repeating: 0, count: total)
        var keepRight = [Int](repeating: 0, count: total)
        keepLeft.withUnsafeMutableBufferPointer { outLeft in
          keepRight.withUnsafeMutableBufferPointer { outRight in
            let out = UnsafeSendable((outLeft, outRight))
            Parallel.forEach(counts.count, threads: threads) { k in
              let (outLeft, outRight) = out.value
              var at = offsets[k]
              for l in Parallel.morsel(k, of: leftCount) {
                let m = matches(l)
                if m.isEmpty {
                  if side == .left {
                    outLeft[at] = l
                    outRight[at] = -1
                    at += 1
                  }
                  continue
                }
                for j in m {
                  outLeft[at] = l
                  outRight[at] = bucketRows[j]
                  at += 1
                }
              }
            }
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
