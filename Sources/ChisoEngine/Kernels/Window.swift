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
  /// - Returns: one value per input row, at the row's original position.
  public static func compute(
    _ function: WindowFunction, argument: Column?, rowCount: Int, partitions: GroupedRows,
    order: RowOrder?, orderValues: Column?, frame: WindowFrame, resultType: DataType
  ) throws(ExecutionError) -> Column {
    var out = [Value](repeating: .null, count: rowCount)
    for p in 0..<partitions.groupCount {
      let rows = Array(partitions.rows(of: p))
      let n = rows.count
      if n == 0 { continue }
      // Peer groups: peerStart[i]..peerEnd[i] are the positions tied with position i.
      var peerStart = [Int](repeating: 0, count: n)
      var peerEnd = [Int](repeating: n - 1, count: n)
      if let order, order.keyCount > 0 {
        var start = 0
        for i in 1..<max(n, 1) where order.compare(rows[i - 1], rows[i]) != 0 {
          for j in start..<i { peerEnd[j] = i - 1 }
          start = i
          peerStart[i] = i
        }
        for i in 0..<n where i > 0 && peerStart[i] == 0 { peerStart[i] = peerStart[i - 1] }
        for j in start..<n { peerEnd[j] = n - 1 }
      }
      switch function {
      case .rowNumber:
        for i in 0..<n { out[rows[i]] = .int(Int64(i + 1)) }
      case .rank:
        for i in 0..<n { out[rows[i]] = .int(Int64(peerStart[i] + 1)) }
      case .denseRank:
        var dense: Int64 = 0
        for i in 0..<n {
          if i == 0 || peerStart[i] == i { dense += 1 }
          out[rows[i]] = .int(dense)
        }
      case .lag(let k), .lead(let k):
        guard let argument else { continue }
        let shift = { if case .lag = function { return -k } else { return k } }()
        for i in 0..<n {
          let j = i + shift
          out[rows[i]] = j >= 0 && j < n ? argument.value(at: rows[j]) : .null
        }
      case .first, .last, .aggregate:
        let kind: AggregateKind = {
          switch function {
          case .first: return .first
          case .last: return .last
          case .aggregate(let k): return k
          default: return .countAll
          }
        }()
        let hasOrder = (order?.keyCount ?? 0) > 0
        if frame.start == nil, frame.end == nil || (!hasOrder && frame.kind == .range) {
          let value = try Aggregator.reduce(kind, argument, rows[...])
          for i in 0..<n { out[rows[i]] = value }
          continue
        }
        for i in 0..<n {
          let (lo, hi) = bounds(i, n: n, frame: frame, hasOrder: hasOrder, peerStart: peerStart,
                                peerEnd: peerEnd, rows: rows, orderValues: orderValues)
          out[rows[i]] = lo <= hi ? try Aggregator.reduce(kind, argument, rows[lo...hi]) : try Aggregator.reduce(kind, argument, [][...])
        }
      }
    }
    return Column.from(out, type: resultType)
  }

  private static func bounds(
    _ i: Int, n: Int, frame: WindowFrame, hasOrder: Bool, peerStart: [Int], peerEnd: [Int],
    rows: [Int], orderValues: Column?
  ) -> (Int, Int) {
    switch frame.kind {
    case .rows:
      let lo = frame.start.map { max(0, i + Int(clamping: $0)) } ?? 0
      let hi = frame.end.map { min(n - 1, i + Int(clamping: $0)) } ?? n - 1
      return (lo, hi)
    case .range:
      // With numeric offsets: rows whose order value lies in [v+start, v+end]; offset 0 means
      // the current row's peers.
      guard let values = orderValues, let v = values.value(at: rows[i]).asDouble else {
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
