/// A validity bitmap: bit `i` set means row `i` holds a value, clear means null.
///
/// Columns with no nulls carry no bitmap at all (`Column.validity == nil`), so kernels can take a
/// branch-free path for the common case.
public struct NullBitmap: Sendable, Equatable {
  public private(set) var words: [UInt64]
  public private(set) var count: Int

  /// A bitmap of `count` rows, all valid or all null.
  public init(count: Int, allValid: Bool) {
    self.count = count
    let wordCount = (count + 63) >> 6
    words = [UInt64](repeating: allValid ? ~0 : 0, count: wordCount)
    if allValid, count & 63 != 0, wordCount > 0 {
      words[wordCount - 1] = (UInt64(1) << UInt64(count & 63)) - 1
    }
  }

  /// A bitmap from its words (bit set = valid); nil when a bit past `count` is set or the
  /// number of words does not fit `count` (as in a damaged cache file).
  public init?(words: [UInt64], count: Int) {
    guard count >= 0, words.count == (count + 63) >> 6 else { return nil }
    if count & 63 != 0, let last = words.last, last >> UInt64(count & 63) != 0 { return nil }
    self.words = words
    self.count = count
  }

  /// A bitmap from a Boolean per row (true = valid).
  public init(_ valid: [Bool]) {
    self.init(count: valid.count, allValid: false)
    for rowIndex in valid.indices where valid[rowIndex] { set(rowIndex, true) }
  }

  @inline(__always)
  public func isValid(_ rowIndex: Int) -> Bool {
    words[rowIndex >> 6] & (UInt64(1) << UInt64(rowIndex & 63)) != 0
  }

  @inline(__always)
  public mutating func set(_ rowIndex: Int, _ valid: Bool) {
    let mask = UInt64(1) << UInt64(rowIndex & 63)
    if valid { words[rowIndex >> 6] |= mask } else { words[rowIndex >> 6] &= ~mask }
  }

  /// Appends one row's validity.
  public mutating func append(_ valid: Bool) {
    if count & 63 == 0 { words.append(0) }
    count += 1
    if valid { set(count - 1, true) }
  }

  /// The number of null rows.
  public var nullCount: Int {
    var valid = 0
    for word in words { valid += word.nonzeroBitCount }
    return count - valid
  }

  /// Row-wise AND: valid only where both are valid.
  public static func intersect(_ a: NullBitmap?, _ b: NullBitmap?) -> NullBitmap? {
    guard let a else { return b }
    guard let b else { return a }
    var result = a
    for wordIndex in result.words.indices { result.words[wordIndex] &= b.words[wordIndex] }
    return result
  }

  /// Selects the given rows, in order.
  public func gather(_ rows: [Int]) -> NullBitmap {
    var result = NullBitmap(count: rows.count, allValid: false)
    for (outIndex, rowIndex) in rows.enumerated() where rowIndex >= 0 && isValid(rowIndex) {
      result.set(outIndex, true)
    }
    return result
  }
}
