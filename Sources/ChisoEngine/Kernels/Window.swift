/// Window functions over partitions of ordered rows.
public enum WindowFunction: Sendable, Equatable {
  case rowNumber
  case rank
  case denseRank
  case lag(Int)
  case lead(Int)
  case first
  case last
  case aggregate(AggregateKind)
}

/// The rows a window function sees around the current row. Offsets are relative to the current
/// row (negative = preceding); nil = unbounded.
public struct WindowFrame: Sendable, Equatable {
  public enum Kind: Sendable { case rows, range }
  public var kind: Kind
  public var start: Int64?
  public var end: Int64?

  public init(kind: Kind, start: Int64?, end: Int64?) {
    self.kind = kind
    self.start = start
    self.end = end
  }

  /// The whole partition.
  public static let whole = WindowFrame(kind: .rows, start: nil, end: nil)
  /// SQL's default with an ORDER BY: from the partition start to the current row's last peer.
  public static let toCurrentPeers = WindowFrame(kind: .range, start: nil, end: 0)
}

public enum WindowKernel {
  /// Computes `function` for every row. `partitions` holds each partition's rows already in
  /// window order; `order` compares rows for peers (ties) and range frames.
  ///
  /// Ranks and row numbers are written as integers directly; `lag`, `lead`, `first` and `last`
  /// gather the argument column by row index; aggregates over a whole partition are computed once
  /// per partition with the typed group kernels, and running sums and counts incrementally.
  /// - Returns: one value per input row, at the row's original position.
  public static func compute(
    _ function: WindowFunction, argument: Column?, rowCount: Int, partitions: GroupedRows,
    order: RowOrder?, orderValues: Column?, frame: WindowFrame, resultType: DataType
  ) throws(ExecutionError) -> Column {
    let hasOrder = (order?.keyCount ?? 0) > 0
    switch function {
    case .rowNumber, .rank, .denseRank:
      var out = [Int64](repeating: 0, count: rowCount)
      for p in 0..<partitions.groupCount {
        let rows = partitions.rows(of: p)
        var position = 0
        var rank: Int64 = 0
        var dense: Int64 = 0
        var previous = -1
        for row in rows {
          position += 1
          let newPeer = previous < 0 || !hasOrder || (order?.compare(previous, row) ?? 0) != 0
          if newPeer { rank = Int64(position); dense += 1 }
          switch function {
          case .rowNumber: out[row] = Int64(position)
          case .rank: out[row] = hasOrder ? rank : 1
          default: out[row] = hasOrder ? dense : 1
          }
          previous = row
        }
      }
      return Column(.int(out))
    case .lag(let k), .lead(let k):
      guard let argument else { return Column(.null(rowCount)) }
      var source = [Int](repeating: -1, count: rowCount)
      let shift = { if case .lag = function { return -k } else { return k } }()
      for p in 0..<partitions.groupCount {
        let rows = partitions.rows(of: p)
        let base = rows.startIndex
        for (i, row) in rows.enumerated() {
          let j = i + shift
          if j >= 0 && j < rows.count { source[row] = rows[base + j] }
        }
      }
      return argument.gather(source)
    case .first, .last, .aggregate:
      break
    }

    let kind: AggregateKind = {
      switch function {
      case .first: return .first
      case .last: return .last
      case .aggregate(let k): return k
      default: return .countAll
      }
    }()
    let wholePartition = frame.start == nil && (frame.end == nil || (!hasOrder && frame.kind == .range))
    // first/last pick a row: gather by index.
    if kind == .first || kind == .last {
      guard let argument else { return Column(.null(rowCount)) }
      var source = [Int](repeating: -1, count: rowCount)
      for p in 0..<partitions.groupCount {
        let rows = Array(partitions.rows(of: p))
        let peers = peerBounds(rows, order: hasOrder ? order : nil)
        for i in rows.indices {
          let (lo, hi) = wholePartition ? (0, rows.count - 1) : bounds(i, n: rows.count, frame: frame, peerStart: peers.start, peerEnd: peers.end, rows: rows, orderValues: orderValues, descending: order?.firstKeyDescending ?? false)
          if lo <= hi { source[rows[i]] = rows[kind == .first ? lo : hi] }
        }
      }
      return argument.gather(source)
    }
    // `sum`, `all`, `any` and `concat_array` over a frame without values are null, as PRQL compiles
    // them (SQL's `SUM(x) OVER (…)`; only `aggregate` adds `COALESCE(…, 0)`).
    let nullWhenNoValues = [.sum, .all, .any, .concat].contains(kind)
    // Aggregates over whole partitions: once per partition, then spread.
    if wholePartition {
      let perPartition = try Aggregator.aggregate(kind, argument, groups: partitions)
      var source = [Int](repeating: -1, count: rowCount)
      for p in 0..<partitions.groupCount {
        let rows = partitions.rows(of: p)
        if nullWhenNoValues, let argument, !rows.contains(where: { !argument.isNull($0) }) { continue }
        for row in rows { source[row] = p }
      }
      return perPartition.gather(source)
    }
    // Sums, counts and means over `rows` and `range` frames: a prefix sum per partition.
    if [.sum, .count, .countAll, .average].contains(kind),
      argument.map({ $0.type.isNumeric || kind == .count || kind == .countAll }) ?? true
    {
      return try prefixAggregate(
        kind, argument, rowCount: rowCount, partitions: partitions, frame: frame, resultType: resultType,
        order: hasOrder ? order : nil, orderValues: orderValues)
    }
    // min/max over frames: both frame bounds only move forward (rows and range frames alike, the
    // rows being in window order), so a monotonic queue of candidates gives each row's extreme in
    // amortised constant time: linear, not quadratic, in the partition's size.
    if kind == .min || kind == .max, let argument {
      let better = RowOrder([SortColumn(argument, descending: kind == .max)])
      var source = [Int](repeating: -1, count: rowCount)
      for p in 0..<partitions.groupCount {
        let rows = Array(partitions.rows(of: p))
        let peers = peerBounds(rows, order: hasOrder ? order : nil)
        var queue: [Int] = []  // positions; their values strictly worsen from `head` on
        var head = 0
        var next = 0
        for i in rows.indices {
          let (lo, hi) = bounds(i, n: rows.count, frame: frame, peerStart: peers.start, peerEnd: peers.end, rows: rows, orderValues: orderValues, descending: order?.firstKeyDescending ?? false)
          while next <= hi {
            if !argument.isNull(rows[next]) {
              while queue.count > head, better.compare(rows[next], rows[queue[queue.count - 1]]) <= 0 { queue.removeLast() }
              queue.append(next)
            }
            next += 1
          }
          while head < queue.count, queue[head] < lo { head += 1 }
          if lo <= hi, head < queue.count, queue[head] <= hi { source[rows[i]] = rows[queue[head]] }
        }
      }
      return argument.gather(source)
    }
    var out = [Value](repeating: .null, count: rowCount)
    for p in 0..<partitions.groupCount {
      let rows = Array(partitions.rows(of: p))
      let peers = peerBounds(rows, order: hasOrder ? order : nil)
      for i in rows.indices {
        let (lo, hi) = bounds(i, n: rows.count, frame: frame, peerStart: peers.start, peerEnd: peers.end, rows: rows, orderValues: orderValues, descending: order?.firstKeyDescending ?? false)
        let frameRows = lo <= hi ? rows[lo...hi] : [][...]
        if nullWhenNoValues, let argument, !frameRows.contains(where: { !argument.isNull($0) }) { continue }
        out[rows[i]] = try Aggregator.reduce(kind, argument, frameRows)
      }
    }
    return Column.from(out, type: resultType)
  }

  /// Peer groups: positions `start[i]...end[i]` tie with position `i` in the order.
  static func peerBounds(_ rows: [Int], order: RowOrder?) -> (start: [Int], end: [Int]) {
    let n = rows.count
    var start = [Int](repeating: 0, count: n)
    var end = [Int](repeating: max(0, n - 1), count: n)
    guard let order, order.keyCount > 0, n > 0 else { return (start, end) }
    var groupStart = 0
    for i in 1..<max(n, 1) where order.compare(rows[i - 1], rows[i]) != 0 {
      for j in groupStart..<i { end[j] = i - 1 }
      groupStart = i
      start[i] = i
    }
    for j in groupStart..<n { end[j] = n - 1 }
    for i in 1..<max(n, 1) where start[i] == 0 { start[i] = start[i - 1] }
    return (start, end)
  }

  static func prefixAggregate(
    _ kind: AggregateKind, _ argument: Column?, rowCount: Int, partitions: GroupedRows, frame: WindowFrame,
    resultType: DataType, order: RowOrder? = nil, orderValues: Column? = nil
  ) throws(ExecutionError) -> Column {
    var sums = [Double](repeating: 0, count: rowCount)
    var ints = [Int64](repeating: 0, count: rowCount)
    var validity = NullBitmap(count: rowCount, allValid: true)
    let values: [Double] = argument.map { Aggregator.doubles($0) } ?? []
    let intValues: [Int64]? = { if case .int(let a) = argument?.storage { return a } else { return nil } }()
    // NaN and infinities are counted apart from the finite prefix sums: `inf - inf` would make
    // every frame after an infinity NaN, even frames without it.
    let nonFinite = intValues == nil && values.contains { !$0.isFinite }
    for p in 0..<partitions.groupCount {
      let rows = Array(partitions.rows(of: p))
      let n = rows.count
      // Prefix sums of values and of non-null counts.
      var prefix = [Double](repeating: 0, count: n + 1)
      var prefixInt = [Int64](repeating: 0, count: n + 1)
      var prefixCount = [Int](repeating: 0, count: n + 1)
      var prefixNaN: [Int] = nonFinite ? [Int](repeating: 0, count: n + 1) : []
      var prefixUp: [Int] = prefixNaN
      var prefixDown: [Int] = prefixNaN
      // Integer prefix sums may overflow where no frame's sum does; then frames are summed one by
      // one, with checked additions (a frame that overflows is an error, never a wrapped sum).
      var intPrefixOverflow = false
      for (i, row) in rows.enumerated() {
        let valid = argument.map { !$0.isNull(row) } ?? true
        let v = valid && !values.isEmpty ? values[row] : 0
        prefix[i + 1] = prefix[i] + (v.isFinite ? v : 0)
        if nonFinite {
          prefixNaN[i + 1] = prefixNaN[i] + (v.isNaN ? 1 : 0)
          prefixUp[i + 1] = prefixUp[i] + (v == .infinity ? 1 : 0)
          prefixDown[i + 1] = prefixDown[i] + (v == -.infinity ? 1 : 0)
        }
        let (sum, overflow) = prefixInt[i].addingReportingOverflow(valid ? (intValues?[row] ?? 0) : 0)
        intPrefixOverflow = intPrefixOverflow || overflow
        prefixInt[i + 1] = sum
        prefixCount[i + 1] = prefixCount[i] + (valid ? 1 : 0)
      }
      let peers: (start: [Int], end: [Int]) = frame.kind == .range ? peerBounds(rows, order: order) : ([], [])
      for i in 0..<n {
        let (lo, hi) = bounds(
          i, n: n, frame: frame, peerStart: peers.start, peerEnd: peers.end, rows: rows, orderValues: orderValues,
          descending: order?.firstKeyDescending ?? false)
        let row = rows[i]
        guard lo <= hi else {
          if kind == .average || kind == .sum { validity.set(row, false) }
          continue
        }
        let count = prefixCount[hi + 1] - prefixCount[lo]
        // A difference of two float prefix sums carries the rounding of everything before the
        // frame (a one-row frame of 0.99 came out 0.990000000000002): small frames are summed
        // directly, as SQL engines do; only wide ones use the prefix sums.
        var frameSum = prefix[hi + 1] - prefix[lo]
        if intValues == nil, lo > 0, hi - lo < 64, let argument {
          frameSum = 0
          for j in lo...hi where !argument.isNull(rows[j]) && values[rows[j]].isFinite { frameSum += values[rows[j]] }
        }
        if nonFinite {
          let nan = prefixNaN[hi + 1] - prefixNaN[lo]
          let up = prefixUp[hi + 1] - prefixUp[lo]
          let down = prefixDown[hi + 1] - prefixDown[lo]
          if nan > 0 || (up > 0 && down > 0) { frameSum = .nan } else if up > 0 { frameSum = .infinity } else if down > 0 { frameSum = -.infinity }
        }
        switch kind {
        case .countAll: ints[row] = Int64(hi - lo + 1)
        case .count: ints[row] = Int64(count)
        case .sum:
          if argument != nil && count == 0 { validity.set(row, false); continue }
          if let intValues {
            if intPrefixOverflow {
              var s: Int64 = 0
              for j in lo...hi where !(argument?.isNull(rows[j]) ?? false) {
                s = try CheckedArithmetic.add(s, intValues[rows[j]])
              }
              ints[row] = s
            } else {
              let (difference, overflow) = prefixInt[hi + 1].subtractingReportingOverflow(prefixInt[lo])
              if overflow { throw ExecutionError("integer overflow in `sum`: a window's total passes \(Int64.max)", hints: CheckedArithmetic.floatHint) }
              ints[row] = difference
            }
          } else {
            sums[row] = frameSum
          }
        default:
          if count == 0 { validity.set(row, false) } else { sums[row] = frameSum / Double(count) }
        }
      }
    }
    let anyNull = (0..<rowCount).contains { !validity.isValid($0) }
    if resultType == .int { return Column(.int(ints), validity: anyNull ? validity : nil) }
    return Column(.float(sums), validity: validity)
  }

  private static func bounds(
    _ i: Int, n: Int, frame: WindowFrame, peerStart: [Int], peerEnd: [Int], rows: [Int], orderValues: Column?,
    descending: Bool = false
  ) -> (Int, Int) {
    switch frame.kind {
    case .rows:
      let lo = frame.start.map { max(0, CheckedArithmetic.position(i, offset: $0, within: -1...n)) } ?? 0
      let hi = frame.end.map { min(n - 1, CheckedArithmetic.position(i, offset: $0, within: -1...n)) } ?? n - 1
      return (lo, hi)
    case .range:
      // With numeric offsets: rows whose order value lies in [v+start, v+end]; offset 0 means
      // the current row's peers.
      guard let values = orderValues, let v = values.value(at: rows[i]).asDouble,
        frame.start.map({ $0 != 0 }) ?? false || frame.end.map({ $0 != 0 }) ?? false
      else {
        let lo = frame.start == nil ? 0 : peerStart[i]
        let hi = frame.end == nil ? n - 1 : peerEnd[i]
        return (lo, hi)
      }
      // The partition is sorted on this value with nulls last: binary searches over the non-null
      // prefix, on the value negated when descending (`-5` then means 5 larger, as SQL's
      // `5 PRECEDING` does under `ORDER BY x DESC`).
      let sign: Double = descending ? -1 : 1
      func key(_ j: Int) -> Double { sign * (values.value(at: rows[j]).asDouble ?? 0) }
      var valued = 0
      var top = n
      while valued < top {
        let mid = (valued + top) / 2
        if values.isNull(rows[mid]) { top = mid } else { valued = mid + 1 }
      }
      func firstAtLeast(_ target: Double) -> Int {
        var a = 0
        var b = valued
        while a < b {
          let mid = (a + b) / 2
          if key(mid) < target { a = mid + 1 } else { b = mid }
        }
        return a
      }
      func firstAbove(_ target: Double) -> Int {
        var a = 0
        var b = valued
        while a < b {
          let mid = (a + b) / 2
          if key(mid) <= target { a = mid + 1 } else { b = mid }
        }
        return a
      }
      var lo = 0
      var hi = n - 1
      if let s = frame.start { lo = s == 0 ? peerStart[i] : firstAtLeast(sign * v + Double(s)) }
      if let e = frame.end { hi = e == 0 ? peerEnd[i] : firstAbove(sign * v + Double(e)) - 1 }
      return (lo, hi)
    }
  }
}
