/// Grouped aggregates on every core. The rows are cut into a fixed number of chunks — fixed by
/// the row and group counts, never by the thread count — each chunk accumulates its own partial
/// per group, and the partials are combined in chunk order. So the answer is the same to the bit
/// on one thread or many; on one chunk (up to 65,536 rows) it is also exactly
/// `Aggregator.aggregate(_:_:ids:groupCount:)`'s, whose formulas (the corrected two-pass
/// standard deviation, NaN as the largest float) this follows.
public enum ParallelAggregate {
  /// The chunks for `rows` rows and `groups` groups: about a morsel each, fewer when there are
  /// many groups (each chunk holds a partial per group).
  static func chunks(rows: Int, groups: Int) -> [Range<Int>] {
    let morsels = Parallel.morselCount(rows)
    let count = Swift.max(1, Swift.min(morsels, (1 << 21) / Swift.max(groups, 1)))
    let size = ((rows + count - 1) / count + 63) & ~63
    return (0..<count).compactMap { k in
      let lo = k * size
      return lo < rows ? lo..<Swift.min(rows, lo + size) : nil
    }
  }

  /// The aggregate per group, or nil when this kind and type are not handled here (the caller
  /// uses the one-thread kernels). Handled: count, count of all rows, float sum, average and
  /// stddev of ints and floats, min and max of ints, dates, timestamps and floats.
  public static func aggregate(
    _ kind: AggregateKind, _ column: Column?, ids: [Int32], groupCount n: Int, threads: Int = Parallel.threads
  ) -> Column? {
    let rows = ids.count
    let parts = chunks(rows: rows, groups: n)
    // One chunk: the one-thread kernel is the same computation.
    guard parts.count > 1 else { return nil }
    if let column, column.count != rows { return nil }
    if case .null? = column?.storage { return nil }
    let validity = column?.validity
    switch kind {
    case .countAll, .count:
      let counted = kind == .count ? validity : nil
      let partials = perChunk(parts, threads) { range -> [Int64] in
        var c = [Int64](repeating: 0, count: n)
        ids.withUnsafeBufferPointer { ids in
          if let counted {
            for i in range where counted.isValid(i) { c[Int(ids[i])] += 1 }
          } else {
            for i in range { c[Int(ids[i])] += 1 }
          }
        }
        return c
      }
      return Column(.int(combine(partials, n, 0, +)))
    case .sum:
      guard case .float(let a)? = column?.storage else { return nil }
      let partials = sums(a, validity, ids, parts, n, threads)
      return Column(.float(combine(partials.map(\.0), n, 0, +)))
    case .average, .stddev:
      let values: [Double]
      switch column?.storage {
      case .int(let a)?: values = a.map(Double.init)
      case .float(let a)?: values = a
      default: return nil
      }
      let first = sums(values, validity, ids, parts, n, threads)
      let total = combine(first.map(\.0), n, 0, +)
      let counts = combine(first.map(\.1), n, 0, +)
      if kind == .average { return GroupMoments.averages(total, counts) }
      var means = GroupMoments.means(total, counts)
      let fixed = means
      let corrections = combine(deviations(values, validity, ids, parts, n, threads, fixed, squared: false), n, 0, +)
      GroupMoments.correct(&means, corrections, counts)
      let corrected = means
      let squares = combine(deviations(values, validity, ids, parts, n, threads, corrected, squared: true), n, 0, +)
      return GroupMoments.standardDeviations(squares, counts)
    case .min, .max:
      let isMax = kind == .max
      switch column?.storage {
      case .int(let a)?: return extreme(a, 0, validity, ids, parts, n, threads, isMax ? { $0 > $1 } : { $0 < $1 }) { Column(.int($0), validity: $1) }
      case .timestamp(let a)?:
        return extreme(a, 0, validity, ids, parts, n, threads, isMax ? { $0 > $1 } : { $0 < $1 }) { Column(.timestamp($0), validity: $1) }
      case .date(let a)?: return extreme(a, 0, validity, ids, parts, n, threads, isMax ? { $0 > $1 } : { $0 < $1 }) { Column(.date($0), validity: $1) }
      case .float(let a)?:
        return extreme(a, 0, validity, ids, parts, n, threads, { x, y in
          if x.isNaN || y.isNaN { return isMax ? (x.isNaN && !y.isNaN) : (!x.isNaN && y.isNaN) }
          return isMax ? x > y : x < y
        }) { Column(.float($0), validity: $1) }
      default: return nil
      }
    default:
      return nil
    }
  }

  static func perChunk<T>(_ parts: [Range<Int>], _ threads: Int, _ body: (Range<Int>) -> T) -> [T] {
    let slots = UnsafeMutablePointer<T?>.allocate(capacity: parts.count)
    slots.initialize(repeating: nil, count: parts.count)
    defer {
      slots.deinitialize(count: parts.count)
      slots.deallocate()
    }
    let out = UnsafeSendable(slots)
    Parallel.forEach(parts.count, threads: threads) { k in out.value[k] = body(parts[k]) }
    return (0..<parts.count).map { slots[$0]! }
  }

  /// Partials added in chunk order.
  static func combine<T>(_ partials: [[T]], _ n: Int, _ zero: T, _ add: (T, T) -> T) -> [T] {
    guard var total = partials.first else { return [T](repeating: zero, count: n) }
    for part in partials.dropFirst() { for g in 0..<n { total[g] = add(total[g], part[g]) } }
    return total
  }

  static func sums(
    _ v: [Double], _ validity: NullBitmap?, _ ids: [Int32], _ parts: [Range<Int>], _ n: Int, _ threads: Int
  ) -> [([Double], [Int])] {
    perChunk(parts, threads) { range in
      var s = [Double](repeating: 0, count: n)
      var c = [Int](repeating: 0, count: n)
      v.withUnsafeBufferPointer { v in
        ids.withUnsafeBufferPointer { ids in
          s.withUnsafeMutableBufferPointer { s in
            c.withUnsafeMutableBufferPointer { c in
              if let validity {
                for i in range where validity.isValid(i) {
                  s[Int(ids[i])] += v[i]
                  c[Int(ids[i])] += 1
                }
              } else {
                for i in range {
                  let g = Int(ids[i])
                  s[g] += v[i]
                  c[g] += 1
                }
              }
            }
          }
        }
      }
      return (s, c)
    }
  }

  static func deviations(
    _ v: [Double], _ validity: NullBitmap?, _ ids: [Int32], _ parts: [Range<Int>], _ n: Int, _ threads: Int,
    _ means: [Double], squared: Bool
  ) -> [[Double]] {
    perChunk(parts, threads) { range in
      var out = [Double](repeating: 0, count: n)
      v.withUnsafeBufferPointer { v in
        ids.withUnsafeBufferPointer { ids in
          means.withUnsafeBufferPointer { m in
            out.withUnsafeMutableBufferPointer { out in
              for i in range where validity?.isValid(i) ?? true {
                let g = Int(ids[i])
                let d = v[i] - m[g]
                out[g] += squared ? d * d : d
              }
            }
          }
        }
      }
      return out
    }
  }

  static func extreme<T>(
    _ a: [T], _ zero: T, _ validity: NullBitmap?, _ ids: [Int32], _ parts: [Range<Int>], _ n: Int, _ threads: Int,
    _ better: @escaping (T, T) -> Bool, _ make: ([T], NullBitmap) -> Column
  ) -> Column {
    let partials = perChunk(parts, threads) { range -> [T?] in
      var best = [T?](repeating: nil, count: n)
      for i in range where validity?.isValid(i) ?? true {
        let g = Int(ids[i])
        if let b = best[g] { if better(a[i], b) { best[g] = a[i] } } else { best[g] = a[i] }
      }
      return best
    }
    // Earlier chunks first, so that among equals the first seen stays (as in one pass).
    let best = combine(partials, n, nil) { x, y in
      guard let x else { return y }
      guard let y else { return x }
      return better(y, x) ? y : x
    }
    var valid = NullBitmap(count: n, allValid: true)
    var values: [T] = []
    values.reserveCapacity(n)
    for g in 0..<n {
      if let b = best[g] { values.append(b) } else { values.append(zero); valid.set(g, false) }
    }
    return make(values, valid)
  }
}
