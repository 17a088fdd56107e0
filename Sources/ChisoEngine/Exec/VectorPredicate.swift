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
      return Self.compare(values, validity, range, op, c)
    case .dates(let values, let validity, let op, let c):
      return Self.compare(values, validity, range, op, c)
    case .floats(let values, let validity, let op, let c):
      return Self.compareFloats(values, validity, range, op, c)
    case .intsAsDoubles(let values, let validity, let op, let c):
      // Exactly as the kernels do it: each int converted to a double, then compared (an int is
      // never NaN, so only a NaN constant needs DuckDB's order).
      if c.isNaN { return Self.compare(values, validity, range) { _ in op == .ne || op == .lt || op == .le } }
      switch op {
      case .eq: return Self.compare(values, validity, range) { x in Double(x) == c }
      case .ne: return Self.compare(values, validity, range) { x in Double(x) != c }
      case .lt: return Self.compare(values, validity, range) { x in Double(x) < c }
      case .le: return Self.compare(values, validity, range) { x in Double(x) <= c }
      case .gt: return Self.compare(values, validity, range) { x in Double(x) > c }
      case .ge: return Self.compare(values, validity, range) { x in Double(x) >= c }
      }
    case .bools(let values, let validity):
      return Self.compare(values, validity, range) { $0 }
    case .codes(let codes, let validity, let answers):
      return Self.lookup(codes, validity, range, answers)
    }
  }

  /// `values op c` a morsel at a time, the operator chosen once per morsel.
  @inline(__always)
  static func compare<T: Comparable>(
    _ values: [T], _ validity: NullBitmap?, _ range: Range<Int>, _ op: Op, _ c: T
  ) -> (t: [UInt64], f: [UInt64]) {
    switch op {
    case .eq: return compare(values, validity, range) { !($0 < c) && !($0 > c) }
    case .ne: return compare(values, validity, range) { $0 < c || $0 > c }
    case .lt: return compare(values, validity, range) { $0 < c }
    case .le: return compare(values, validity, range) { !($0 > c) }
    case .gt: return compare(values, validity, range) { $0 > c }
    case .ge: return compare(values, validity, range) { !($0 < c) }
    }
  }

  /// `values op c` for floats in DuckDB's order (`FloatOrder`): NaN equals NaN and is greater
  /// than every number, as the comparison kernels compare.
  @inline(__always)
  static func compareFloats(
    _ values: [Double], _ validity: NullBitmap?, _ range: Range<Int>, _ op: Op, _ c: Double
  ) -> (t: [UInt64], f: [UInt64]) {
    if c.isNaN {
      switch op {
      case .eq, .ge: return compare(values, validity, range) { $0.isNaN }
      case .ne, .lt: return compare(values, validity, range) { !$0.isNaN }
      case .le: return compare(values, validity, range) { _ in true }
      case .gt: return compare(values, validity, range) { _ in false }
      }
    }
    switch op {
    case .eq: return compare(values, validity, range) { $0 == c }
    case .ne: return compare(values, validity, range) { $0 != c }
    case .lt: return compare(values, validity, range) { $0 < c }
    case .le: return compare(values, validity, range) { $0 <= c }
    case .gt: return compare(values, validity, range) { $0 > c || $0.isNaN }
    case .ge: return compare(values, validity, range) { $0 >= c || $0.isNaN }
    }
  }

  /// Dictionary codes through two bit tables (the TRUE and the FALSE answers), in one pass.
  static func lookup(_ codes: [UInt32], _ validity: NullBitmap?, _ range: Range<Int>, _ answers: [Bool?]) -> (t: [UInt64], f: [UInt64]) {
    let words = (range.count + 63) >> 6
    var t = [UInt64](repeating: 0, count: words)
    var f = [UInt64](repeating: 0, count: words)
    guard !answers.isEmpty else { return (t, f) }
    let yes = answers.map { $0 == true ? UInt64(1) : 0 }
    let no = answers.map { $0 == false ? UInt64(1) : 0 }
    codes.withUnsafeBufferPointer { codes in
      yes.withUnsafeBufferPointer { yes in
        no.withUnsafeBufferPointer { no in
          for w in 0..<words {
            let lo = range.lowerBound + w << 6
            let hi = Swift.min(lo + 64, range.upperBound)
            var tw: UInt64 = 0
            var fw: UInt64 = 0
            var i = lo
            while i < hi {
              let code = Int(codes[i])
              let shift = UInt64(i - lo)
              tw |= yes[code] &<< shift
              fw |= no[code] &<< shift
              i += 1
            }
            t[w] = tw
            f[w] = fw
          }
        }
      }
    }
    if let validity { mask(&t, &f, validity, range) }
    return (t, f)
  }

  /// Clears the bits of null rows in both masks.
  @inline(__always)
  static func mask(_ t: inout [UInt64], _ f: inout [UInt64], _ validity: NullBitmap, _ range: Range<Int>) {
    let base = range.lowerBound >> 6
    validity.words.withUnsafeBufferPointer { valid in
      for w in 0..<t.count {
        t[w] &= valid[base + w]
        f[w] &= valid[base + w]
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
            var i = lo
            while i < hi {
              word |= (condition(v[i]) ? 1 : 0) &<< UInt64(i - lo)
              i += 1
            }
            t[w] = word
            f[w] = ~word & tailMask(hi - lo)
          }
        }
      }
    }
    if let validity { mask(&t, &f, validity, range) }
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
