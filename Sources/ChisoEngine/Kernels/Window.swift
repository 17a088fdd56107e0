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
          let (lo, hi) = wholePartition ? (0, rows.count - 1) : bounds(i, n: rows.count, frame: frame, peerStart: peers.start, peerEnd: peers.end, rows: rows, orderValues: orderValues)
          if lo <= hi { source[rows[i]] = rows[kind == .first ? lo : hi] }
        }
      }
      return argument.gather(source)
    }
    // Aggregates over whole partitions: once per partition, then spread.
    if wholePartition {
      let perPartition = try Aggregator.aggregate(kind, argument, groups: partitions)
      var source = [Int](repeating: -1, count: rowCount)
      for p in 0..<partitions.groupCount { for row in partitions.rows(of: p) { source[row] = p } }
      return perPartition.gather(source)
    }
    // Running sums, counts and means over `rows` frames: a prefix sum per partition.
    if frame.kind == .rows, [.sum, .count, .countAll, .average].contains(kind),
      argument.map({ $0.type.isNumeric || kind == .count || kind == .countAll }) ?? true
    {
      return prefixAggregate(kind, argument, rowCount: rowCount, partitions: partitions, frame: frame, resultType: resultType)
    }
    var out = [Value](repeating: .null, count: rowCount)
    for p in 0..<partitions.groupCount {
      let rows = Array(partitions.rows(of: p))
      let peers = peerBounds(rows, order: hasOrder ? order : nil)
      for i in rows.indices {
        let (lo, hi) = bounds(i, n: rows.count, frame: frame, peerStart: peers.start, peerEnd: peers.end, rows: rows, orderValues: orderValues)
        out[rows[i]] = try Aggregator.reduce(kind, argument, lo <= hi ? rows[lo...hi] : [][...])
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
    resultType: DataType
  ) -> Column {
    var sums = [Double](repeating: 0, count: rowCount)
    var ints = [Int64](repeating: 0, count: rowCount)
    var validity = NullBitmap(count: rowCount, allValid: true)
    let values: [Double] = argument.map { Aggregator.doubles($0) } ?? []
    let intValues: [Int64]? = { if case .int(let a) = argument?.storage { return a } else { return nil } }()
    for p in 0..<partitions.groupCount {
      let rows = Array(partitions.rows(of: p))
      let n = rows.count
      // Prefix sums of values and of non-null counts.
      var prefix = [Double](repeating: 0, count: n + 1)
      var prefixInt = [Int64](repeating: 0, count: n + 1)
      var prefixCount = [Int](repeating: 0, count: n + 1)
      for (i, row) in rows.enumerated() {
        let valid = argument.map { !$0.isNull(row) } ?? true
        prefix[i + 1] = prefix[i] + (valid && !values.isEmpty ? values[row] : 0)
        prefixInt[i + 1] = prefixInt[i] &+ (valid ? (intValues?[row] ?? 0) : 0)
        prefixCount[i + 1] = prefixCount[i] + (valid ? 1 : 0)
      }
      for i in 0..<n {
        let lo = frame.start.map { max(0, i + Int(clamping: $0)) } ?? 0
        let hi = frame.end.map { min(n - 1, i + Int(clamping: $0)) } ?? n - 1
        let row = rows[i]
        guard lo <= hi else {
          if kind == .average { validity.set(row, false) }
          continue
        }
        let count = prefixCount[hi + 1] - prefixCount[lo]
        switch kind {
        case .countAll: ints[row] = Int64(hi - lo + 1)
        case .count: ints[row] = Int64(count)
        case .sum:
          if intValues != nil { ints[row] = prefixInt[hi + 1] &- prefixInt[lo] } else { sums[row] = prefix[hi + 1] - prefix[lo] }
        default:
          if count == 0 { validity.set(row, false) } else { sums[row] = (prefix[hi + 1] - prefix[lo]) / Double(count) }
        }
      }
    }
    if resultType == .int { return Column(.int(ints)) }
    return Column(.float(sums), validity: validity)
  }

  private static func bounds(
    _ i: Int, n: Int, frame: WindowFrame, peerStart: [Int], peerEnd: [Int], rows: [Int], orderValues: Column?
  ) -> (Int, Int) {
    switch frame.kind {
    case .rows:
      let lo = frame.start.map { max(0, i + Int(clamping: $0)) } ?? 0
      let hi = frame.end.map { min(n - 1, i + Int(clamping: $0)) } ?? n - 1
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
      var lo = 0
      var hi = n - 1
      if let s = frame.start {
        lo = s == 0 ? peerStart[i] : (0..<n).first { (values.value(at: rows[$0]).asDouble ?? .infinity) >= v + Double(s) } ?? n
      }
      if let e = frame.end {
        hi = e == 0 ? peerEnd[i] : ((0..<n).last { (values.value(at: rows[$0]).asDouble ?? .infinity) <= v + Double(e) } ?? -1)
      }
      return (lo, hi)
    }
  }
}
