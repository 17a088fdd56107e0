/// Competition ranks as publishers give them (1 + the number of strictly greater values; ties
/// share a rank, the next skips) in O(n log n): the index verbs counted the greater values for
/// each unit, quadratic in the units — a `robustness` over a few thousand units did not finish.
public struct CompetitionRank: Sendable {
  /// The field's values, highest first.
  let descending: [Double]

  public init(_ values: [Double]) {
    descending = values.sorted(by: >)
  }

  /// How many of the field's values are greater than `value`.
  public func greater(than value: Double) -> Int {
    var low = 0
    var high = descending.count
    while low < high {
      let mid = (low + high) / 2
      if descending[mid] > value { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The smallest value of the field above `value`, and the largest below it.
  public func neighbours(of value: Double) -> (above: Double?, below: Double?) {
    let greater = greater(than: value)
    var low = greater
    var high = descending.count
    while low < high {  // the first value below `value`
      let mid = (low + high) / 2
      if descending[mid] >= value { low = mid + 1 } else { high = mid }
    }
    return (greater > 0 ? descending[greater - 1] : nil, low < descending.count ? descending[low] : nil)
  }

  /// 1 + how many of the field's values are greater than `value`.
  public func rank(of value: Double) -> Int { 1 + greater(than: value) }

  /// Each value's rank among all of them.
  public static func ranks(_ values: [Double]) -> [Int] {
    let field = CompetitionRank(values)
    return values.map { field.rank(of: $0) }
  }
}

extension ResourceLimits {
  /// Most elementary steps an index verb may take (`robustness`: draws × units × components ×
  /// years), so that an argument or a shape of data cannot make it run for hours.
  public static let maxVerbWork = 100_000_000.0

  public static func checkWork(_ steps: Double, _ what: @autoclosure () -> String, hint: String) throws(ExecutionError) {
    guard steps > maxVerbWork else { return }
    throw ExecutionError(
      "\(what()) would take about \(formatCount(steps)) steps, more than chiso allows one verb (\(formatCount(maxVerbWork)))",
      hints: [hint])
  }

  static func formatCount(_ n: Double) -> String {
    if n >= 1e9 { return "\((n / 1e8).rounded() / 10) billion" }
    if n >= 1e6 { return "\((n / 1e5).rounded() / 10) million" }
    return String(Int(n))
  }
}
