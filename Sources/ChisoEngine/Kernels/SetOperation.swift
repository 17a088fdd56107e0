/// `remove` and `intersect` as PRQL's book defines them: `EXCEPT ALL` and `INTERSECT ALL`, rows
/// matched one for one. A left row that appears m times against n times on the right is kept
/// max(m - n, 0) times by `remove` and min(m, n) times by `intersect` (chiso used to drop every
/// copy, and keep every copy). Rows compare as `group` compares them: nulls equal each other,
/// text by its bytes, NaN equals NaN, -0.0 equals 0.0, ints and floats by value.
public enum SetOperation {
  /// The left rows kept, in order (`anti`: `remove`, else `intersect`): `remove` drops a row's
  /// first n copies, `intersect` keeps its first n.
  public static func rows(left: [Column], right: [Column], leftCount: Int, rightCount: Int, anti: Bool) -> [Int] {
    var shared: [ExactText: Int64] = [:]
    var leftCodes: [[Int64]] = []
    var rightCodes: [[Int64]] = []
    var leftNulls: [Column] = []
    var rightNulls: [Column] = []
    for (l, r) in zip(left, right) {
      var a = l
      var b = r
      if let t = DataType.unify(a.type, b.type) {
        a = a.widened(to: t) ?? a
        b = b.widened(to: t) ?? b
      }
      leftCodes.append(KeyCodes.codes(a, shared: &shared))
      rightCodes.append(KeyCodes.codes(b, shared: &shared))
      leftNulls.append(a)
      rightNulls.append(b)
    }
    // A null's code may equal a value's (Int64.min): the key carries a null flag per column.
    func key(_ codes: [[Int64]], _ columns: [Column], _ row: Int) -> [Int64] {
      var k: [Int64] = []
      k.reserveCapacity(codes.count * 2)
      for c in codes.indices {
        let isNull = columns[c].isNull(row)
        k.append(isNull ? 1 : 0)
        k.append(isNull ? 0 : codes[c][row])
      }
      return k
    }
    var remaining: [[Int64]: Int] = [:]
    for row in 0..<rightCount { remaining[key(rightCodes, rightNulls, row), default: 0] += 1 }
    var kept = [Bool](repeating: false, count: leftCount)
    for row in 0..<leftCount {
      let k = key(leftCodes, leftNulls, row)
      let matched = (remaining[k] ?? 0) > 0
      if matched { remaining[k, default: 0] -= 1 }
      kept[row] = anti ? !matched : matched
    }
    return (0..<leftCount).filter { kept[$0] }
  }
}
