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
  /// float constant), ordered as the comparison kernels order them (NaN compares equal).
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
    switch self {
    case .and(let a, let b):
      var (ta, fa) = a.masks(range)
      let (tb, fb) = b.masks(range)
      for w in 0..<words {
        ta[w] &= tb[w]
        fa[w] |= fb[w]
      }
      return (ta, fa)
    case .or(let a, let b):
      var (ta, fa) = a.masks(range)
      let (tb, fb) = b.masks(range)
      for w in 0..<words {
        ta[w] |= tb[w]
        fa[w] &= fb[w]
      }
      return (ta, fa)
    case .not(let a):
      let (t, f) = a.masks(range)
      return (f, t)
    case .constant(let value):
      let tail = Self.tailMask(range.count)
      var all = [UInt64](repeating: ~0, count: words)
      if words > 0 { all[words - 1] = tail }
      let none = [UInt64](repeating: 0, count: words)
      switch value {
      case true?: return (all, none)
      case false?: return (none, all)
      case nil: return (none, none)
      }
    case .ints(let values, let validity, let op, let c):
      return Self.compare(values, validity, range) { x in Self.test(op, x, c) }
    case .dates(let values, let validity, let op, let c):
      return Self.compare(values, validity, range) { x in Self.test(op, x, c) }
    case .floats(let values, let validity, let op, let c):
      return Self.compare(values, validity, range) { x in Self.test(op, x, c) }
    case .intsAsDoubles(let values, let validity, let op, let c):
      return Self.compare(values, validity, range) { x in Self.test(op, Double(x), c) }
    case .bools(let values, let validity):
      return Self.compare(values, validity, range) { $0 }
    case .codes(let codes, let validity, let answers):
      // TRUE and FALSE answers as two lookup tables of bits.
      let yes = answers.map { $0 == true }
      let no = answers.map { $0 == false }
      if yes.isEmpty { return Self.compare(codes, validity, range) { _ in false } }
      var (t, f) = yes.withUnsafeBufferPointer { yes in
        Self.compare(codes, nil, range) { code in yes[Int(code)] }
      }
      // Rows whose answer is null are in neither mask.
      let (nf, _) = no.withUnsafeBufferPointer { no in Self.compare(codes, nil, range) { code in no[Int(code)] } }
      f = nf
      if let validity {
        let base = range.lowerBound >> 6
        validity.words.withUnsafeBufferPointer { v in
          for w in 0..<words {
            t[w] &= v[base + w]
            f[w] &= v[base + w]
          }
        }
      }
      return (t, f)
    }
  }

  /// The kernels' order: `a < b ? -1 : (a > b ? 1 : 0)`, then the operator's acceptance of it.
  @inline(__always)
  static func test<T: Comparable>(_ op: Op, _ a: T, _ b: T) -> Bool {
    switch op {
    case .eq: return !(a < b) && !(a > b)
    case .ne: return a < b || a > b
    case .lt: return a < b
    case .le: return !(a > b)
    case .gt: return a > b
    case .ge: return !(a < b)
    }
  }

  @inline(__always)
  static func tailMask(_ count: Int) -> UInt64 {
    count & 63 == 0 ? ~0 : (UInt64(1) << UInt64(count & 63)) - 1
  }

  /// TRUE where `condition` holds on a valid row, FALSE where it fails on one.
  @inline(__always)
  static func compare<T>(
    _ values: [T], _ validity: NullBitmap?, _ range: Range<Int>, _ condition: (T) -> Bool
  ) -> (t: [UInt64], f: [UInt64]) {
    let count = range.count
    let words = (count + 63) >> 6
    var t = [UInt64](repeating: 0, count: words)
    var f = [UInt64](repeating: 0, count: words)
    values.withUnsafeBufferPointer { v in
      t.withUnsafeMutableBufferPointer { t in
        f.withUnsafeMutableBufferPointer { f in
          let start = range.lowerBound
          for w in 0..<words {
            let lo = start + w << 6
            let hi = Swift.min(lo + 64, range.upperBound)
            var word: UInt64 = 0
            for i in lo..<hi where condition(v[i]) { word |= UInt64(1) << UInt64(i - lo) }
            let live = tailMask(hi - lo)
            t[w] = word
            f[w] = ~word & live
          }
          if let validity {
            let base = start >> 6
            validity.words.withUnsafeBufferPointer { valid in
              for w in 0..<words {
                t[w] &= valid[base + w]
                f[w] &= valid[base + w]
              }
            }
          }
        }
      }
    }
    return (t, f)
  }

  /// The rows (of `rowCount`) where the predicate is TRUE, in order, found a morsel at a time
  /// on `threads` threads.
  public func selection(rowCount: Int, threads: Int = Parallel.threads) -> [Int] {
    let parts = Parallel.mapMorsels(rowCount, threads: threads) { range -> [Int] in
      let (t, _) = masks(range)
      var rows: [Int] = []
      var total = 0
      for word in t { total += word.nonzeroBitCount }
      rows.reserveCapacity(total)
      for (w, word) in t.enumerated() {
        var rest = word
        let base = range.lowerBound + w << 6
        while rest != 0 {
          rows.append(base + rest.trailingZeroBitCount)
          rest &= rest &- 1
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
      masks(range).t.reduce(0) { $0 + $1.nonzeroBitCount }
    }.reduce(0, +)
  }
}
