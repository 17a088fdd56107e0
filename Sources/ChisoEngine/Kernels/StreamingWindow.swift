/// Window functions that need only each row's neighbours in its partition, computed in one pass
/// over the rows (already in window order) from each row's partition id: row numbers, ranks,
/// `lag` and `lead`. No per-partition row lists are built — for 10 million rows that list alone is
/// 80 MB and a counting sort — only a few values per partition.
///
/// Same results as `WindowKernel.compute`, whose partitions list each partition's rows in input
/// order, as this pass meets them.
public enum StreamingWindow {
  /// The function's column, or nil when it needs more than neighbours (aggregates, frames,
  /// `first`/`last`, offsets below 1 or so large that the per-partition history would be big).
  public static func compute(
    _ function: WindowFunction, argument: Column?, ids: [Int32], groupCount: Int, order: RowOrder?
  ) -> Column? {
    let n = ids.count
    let hasOrder = (order?.keyCount ?? 0) > 0
    switch function {
    case .rowNumber, .rank, .denseRank:
      var position = [Int64](repeating: 0, count: groupCount)
      var rank = [Int64](repeating: 0, count: groupCount)
      var dense = [Int64](repeating: 0, count: groupCount)
      var previous = [Int](repeating: -1, count: groupCount)
      var out = [Int64](repeating: 0, count: n)
      ids.withUnsafeBufferPointer { ids in
        out.withUnsafeMutableBufferPointer { out in
          for row in 0..<n {
            let g = Int(ids[row])
            position[g] += 1
            let p = previous[g]
            if p < 0 || !hasOrder || order!.compare(p, row) != 0 {
              rank[g] = position[g]
              dense[g] += 1
            }
            switch function {
            case .rowNumber: out[row] = position[g]
            case .rank: out[row] = hasOrder ? rank[g] : 1
            default: out[row] = hasOrder ? dense[g] : 1
            }
            previous[g] = row
          }
        }
      }
      return Column(.int(out))
    case .lag(let k), .lead(let k):
      guard k >= 1, groupCount.multipliedReportingOverflow(by: k).partialValue <= 1 << 24 else { return nil }
      guard let argument else { return Column(.null(n)) }
      let isLag: Bool = { if case .lag = function { return true } else { return false } }()
      // Per partition, the rows of its last k positions (a ring), and how many it has seen.
      var ring = [Int](repeating: -1, count: groupCount * k)
      var seen = [Int](repeating: 0, count: groupCount)
      var source = [Int](repeating: -1, count: n)
      ids.withUnsafeBufferPointer { ids in
        source.withUnsafeMutableBufferPointer { source in
          ring.withUnsafeMutableBufferPointer { ring in
            // `lead` is `lag` met from the end.
            var row = isLag ? 0 : n - 1
            let step = isLag ? 1 : -1
            for _ in 0..<n {
              let g = Int(ids[row])
              let c = seen[g]
              let slot = g * k + c % k
              if c >= k { source[row] = ring[slot] }
              ring[slot] = row
              seen[g] = c + 1
              row += step
            }
          }
        }
      }
      return argument.gather(source)
    default:
      return nil
    }
  }
}
