/// A filter condition compiled for vectorised evaluation: comparisons of a column with a
/// constant, dictionary lookups for text, Boolean columns, and `&&`, `||`, `!` over them. It is
/// evaluated a morsel at a time into two bitmaps — the rows where it is TRUE and where it is
/// FALSE (neither: null), which is exactly SQL's three-valued logic — and a filter keeps the TRUE
/// rows as a selection vector. No column of booleans, no constant column the length of the table,
/// and no copy of the input is made.
public indirect enum VectorPredicate: Sendable {
  public enum Op: Sendable {
    case eq, ne, lt, le, gt, ge

    /// The operator with its sides swapped (`60 < score` is `score > 60`).
    public var swapped: Op {
      switch self {
      case .eq: return .eq
      case .ne: return .ne
      case .lt: return .gt
      case .le: return .ge
      case .gt: return .lt
      case .ge: return .le
      }
    }
  }

  /// `column op constant` on integers (ints, dates as days, timestamps as microseconds).
  case ints([Int64], NullBitmap?, Op, Int64)
  case dates([Int32], NullBitmap?, Op, Int32)
  /// `column op constant` on numbers as doubles (a float column, or an int column against a
  /// float constant), ordered as the comparison kernels order them (DuckDB's order: NaN equals NaN, above every number).
  case floats([Double], NullBitmap?, Op, Double)
  case intsAsDoubles([Int64], NullBitmap?, Op, Double)
  /// Text (or any dictionary-coded column): the answer for each dictionary code, found once
  /// per entry by the comparison kernel itself; nil = null.
  case codes([UInt32], NullBitmap?, [Bool?])
  /// A Boolean column (any condition the compiler does not handle, evaluated whole).
  case bools([Bool], NullBitmap?)
  case constant(Bool?)
  case and(VectorPredicate, VectorPredicate)
  case or(VectorPredicate, VectorPredicate)
  case not(VectorPredicate)

  /// The TRUE and FALSE bitmaps of rows `range` (whose start is a multiple of 64), one bit per
  /// row from the range's start.
  public func masks(_ range: Range<Int>) -> (t: [UInt64], f: [UInt64]) {
    let words = (range.count + 63) >> 6
    var t = [UInt64](repeating: 0, count: words)
    var f = [UInt64](repeating: 0, count: words)
    t.withUnsafeMutableBufferPointer { t in
      f.withUnsafeMutableBufferPointer { f in fill(range, t.baseAddress, f.baseAddress) }
    }
    return (t, f)
  }

  /// Writes the TRUE bits of rows `range` to `t` and the FALSE bits to `f`, each
  /// `(range.count + 63) / 64` words; a nil buffer is not wanted, and is not computed where
  /// that saves work (a filter wants only TRUE; only `!` asks its operand for FALSE). The
  /// leaves build each 64-row word in registers, in loops of a fixed 64 that the compiler
  /// unrolls and vectorises: on 10M rows a two-term filter takes ≈ 5 ms on one core, where
  /// building the bits a row at a time into per-node arrays took ≈ 14 ms.
  func fill(_ range: Range<Int>, _ t: UnsafeMutablePointer<UInt64>?, _ f: UnsafeMutablePointer<UInt64>?) {
    let words = (range.count + 63) >> 6
    guard words > 0, t != nil || f != nil else { return }
    switch self {
    case .and(let a, let b), .or(let a, let b):
      let isAnd: Bool
      if case .and = self { isAnd = true } else { isAnd = false }
      a.fill(range, t, f)
      let tb = t.map { _ in UnsafeMutablePointer<UInt64>.allocate(capacity: words) }
      let fb = f.map { _ in UnsafeMutablePointer<UInt64>.allocate(capacity: words) }
      defer {
        tb?.deallocate()
        fb?.deallocate()
      }
      b.fill(range, tb, fb)
      for w in 0..<words {
        if let t, let tb { t[w] = isAnd ? t[w] & tb[w] : t[w] | tb[w] }
        if let f, let fb { f[w] = isAnd ? f[w] | fb[w] : f[w] & fb[w] }
      }
    case .not(let a):
      a.fill(range, f, t)
    case .constant(let value):
      let tail = Self.tailMask(range.count)
      for w in 0..<words {
        let all = w == words - 1 ? tail : ~0
        t?[w] = value == true ? all : 0
        f?[w] = value == false ? all : 0
      }
    case .ints(let values, let validity, let op, let c):
      Self.compare(values, validity, range, op, c, t, f)
    case .dates(let values, let validity, let op, let c):
      Self.compare(values, validity, range, op, c, t, f)
    case .floats(let values, let validity, let op, let c):
      Self.compareFloats(values, validity, range, op, c, t, f)
    case .intsAsDoubles(let values, let validity, let op, let c):
      // Exactly as the kernels do it: each int converted to a double, then compared (an int is
      // never NaN, so only a NaN constant needs DuckDB's order).
      if c.isNaN {
        let answer = op == .ne || op == .lt || op == .le
        Self.compare(values, validity, range, t, f) { _ in answer }
        return
      }
      switch op {
      case .eq: Self.compare(values, validity, range, t, f) { x in Double(x) == c }
      case .ne: Self.compare(values, validity, range, t, f) { x in Double(x) != c }
      case .lt: Self.compare(values, validity, range, t, f) { x in Double(x) < c }
      case .le: Self.compare(values, validity, range, t, f) { x in Double(x) <= c }
      case .gt: Self.compare(values, validity, range, t, f) { x in Double(x) > c }
      case .ge: Self.compare(values, validity, range, t, f) { x in Double(x) >= c }
      }
    case .bools(let values, let validity):
      Self.compare(values, validity, range, t, f) { $0 }
    case .codes(let codes, let validity, let answers):
      Self.lookup(codes, validity, range, answers, t, f)
    }
  }

  /// `values op c` a morsel at a time, the operator chosen once per morsel.
  @inline(__always)
  static func compare<T: Comparable>(
    _ values: [T], _ validity: NullBitmap?, _ range: Range<Int>, _ op: Op, _ c: T,
    _ t: UnsafeMutablePointer<UInt64>?, _ f: UnsafeMutablePointer<UInt64>?
  ) {
    switch op {
    case .eq: compare(values, validity, range, t, f) { !($0 < c) && !($0 > c) }
    case .ne: compare(values, validity, range, t, f) { $0 < c || $0 > c }
    case .lt: compare(values, validity, range, t, f) { $0 < c }
    case .le: compare(values, validity, range, t, f) { !($0 > c) }
    case .gt: compare(values, validity, range, t, f) { $0 > c }
    case .ge: compare(values, validity, range, t, f) { !($0 < c) }
    }
  }

  /// `values op c` for floats in DuckDB's order (`FloatOrder`): NaN equals NaN and is greater
  /// than every number, as the comparison kernels compare.
  @inline(__always)
  static func compareFloats(
    _ values: [Double], _ validity: NullBitmap?, _ range: Range<Int>, _ op: Op, _ c: Double,
    _ t: UnsafeMutablePointer<UInt64>?, _ f: UnsafeMutablePointer<UInt64>?
  ) {
    if c.isNaN {
      switch op {
      case .eq, .ge: compare(values, validity, range, t, f) { $0.isNaN }
      case .ne, .lt: compare(values, validity, range, t, f) { !$0.isNaN }
      case .le: compare(values, validity, range, t, f) { _ in true }
      case .gt: compare(values, validity, range, t, f) { _ in false }
      }
      return
    }
    switch op {
    case .eq: compare(values, validity, range, t, f) { $0 == c }
    case .ne: compare(values, validity, range, t, f) { $0 != c }
    case .lt: compare(values, validity, range, t, f) { $0 < c }
    case .le: compare(values, validity, range, t, f) { $0 <= c }
    case .gt: compare(values, validity, range, t, f) { $0 > c || $0.isNaN }
    case .ge: compare(values, validity, range, t, f) { $0 >= c || $0.isNaN }
    }
  }

  /// Dictionary codes through bit tables of the TRUE and the FALSE answers (each only when
  /// wanted), 64 rows to a word.
  static func lookup(
    _ codes: [UInt32], _ validity: NullBitmap?, _ range: Range<Int>, _ answers: [Bool?],
    _ t: UnsafeMutablePointer<UInt64>?, _ f: UnsafeMutablePointer<UInt64>?
  ) {
    let words = (range.count + 63) >> 6
    guard !answers.isEmpty else {
      for w in 0..<words {
        t?[w] = 0
        f?[w] = 0
      }
      return
    }
    codes.withUnsafeBufferPointer { codes in
      if let t { lookupWords(codes, range, answers.map { $0 == true ? UInt64(1) : 0 }, t) }
      if let f { lookupWords(codes, range, answers.map { $0 == false ? UInt64(1) : 0 }, f) }
    }
    if let validity { mask(t, f, validity, range) }
  }

  /// `out`'s bits: `table[code]` (0 or 1) of each row's code.
  @inline(__always)
  static func lookupWords(_ codes: UnsafeBufferPointer<UInt32>, _ range: Range<Int>, _ table: [UInt64], _ out: UnsafeMutablePointer<UInt64>) {
    table.withUnsafeBufferPointer { table in
      let words = (range.count + 63) >> 6
      for w in 0..<words {
        let lo = range.lowerBound + w << 6
        let n = Swift.min(64, range.upperBound - lo)
        var word: UInt64 = 0
        if n == 64 {
          for j in 0..<64 { word |= table[Int(codes[lo &+ j])] &<< UInt64(j) }
        } else {
          for j in 0..<n { word |= table[Int(codes[lo &+ j])] &<< UInt64(j) }
        }
        out[w] = word
      }
    }
  }

  /// Clears the bits of null rows in both masks.
  @inline(__always)
  static func mask(_ t: UnsafeMutablePointer<UInt64>?, _ f: UnsafeMutablePointer<UInt64>?, _ validity: NullBitmap, _ range: Range<Int>) {
    let base = range.lowerBound >> 6
    let words = (range.count + 63) >> 6
    validity.words.withUnsafeBufferPointer { valid in
      for w in 0..<words {
        t?[w] &= valid[base + w]
        f?[w] &= valid[base + w]
      }
    }
  }

  @inline(__always)
  static func tailMask(_ count: Int) -> UInt64 {
    count & 63 == 0 ? ~0 : (UInt64(1) << UInt64(count & 63)) - 1
  }

  /// TRUE where `condition` holds on a valid row, FALSE where it fails on one (the kernels'
  /// condition decides the order; floats use DuckDB's, see `compareFloats`).
  @inline(__always)
  static func compare<T>(
    _ values: [T], _ validity: NullBitmap?, _ range: Range<Int>,
    _ t: UnsafeMutablePointer<UInt64>?, _ f: UnsafeMutablePointer<UInt64>?, _ condition: (T) -> Bool
  ) {
    let words = (range.count + 63) >> 6
    values.withUnsafeBufferPointer { v in
      let start = range.lowerBound
      for w in 0..<words {
        let lo = start + w << 6
        let n = Swift.min(64, range.upperBound - lo)
        var word: UInt64 = 0
        if n == 64 {
          for j in 0..<64 { word |= UInt64(condition(v[lo &+ j]) ? 1 : 0) &<< UInt64(j) }
        } else {
          for j in 0..<n { word |= UInt64(condition(v[lo &+ j]) ? 1 : 0) &<< UInt64(j) }
        }
        t?[w] = word
        f?[w] = ~word & tailMask(n)
      }
    }
    if let validity { mask(t, f, validity, range) }
  }

  /// The rows (of `rowCount`) where the predicate is TRUE, in order, found a morsel at a time
  /// on `threads` threads.
  public func selection(rowCount: Int, threads: Int = Parallel.threads) -> [Int] {
    let parts = Parallel.mapMorsels(rowCount, threads: threads) { range -> [Int] in
      let words = (range.count + 63) >> 6
      let t = UnsafeMutablePointer<UInt64>.allocate(capacity: Swift.max(words, 1))
      defer { t.deallocate() }
      fill(range, t, nil)
      var total = 0
      for w in 0..<words { total += t[w].nonzeroBitCount }
      var rows = [Int](repeating: 0, count: total)
      rows.withUnsafeMutableBufferPointer { rows in
        var k = 0
        for w in 0..<words {
          var rest = t[w]
          let base = range.lowerBound + w << 6
          while rest != 0 {
            rows[k] = base + rest.trailingZeroBitCount
            k += 1
            rest &= rest &- 1
          }
        }
      }
      return rows
    }
    if parts.count == 1 { return parts[0] }
    var out: [Int] = []
    out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
    for part in parts { out.append(contentsOf: part) }
    return out
  }

  /// How many rows the predicate is TRUE on.
  public func count(rowCount: Int, threads: Int = Parallel.threads) -> Int {
    Parallel.mapMorsels(rowCount, threads: threads) { range -> Int in
      let words = (range.count + 63) >> 6
      let t = UnsafeMutablePointer<UInt64>.allocate(capacity: Swift.max(words, 1))
      defer { t.deallocate() }
      fill(range, t, nil)
      var total = 0
      for w in 0..<words { total += t[w].nonzeroBitCount }
      return total
    }.reduce(0, +)
  }
}
