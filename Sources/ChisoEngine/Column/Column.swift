/// Typed, contiguous storage for one column.
public enum ColumnStorage: Sendable {
  /// A column of nulls only, of the given length.
  case null(Int)
  case bool([Bool])
  case int([Int64])
  case float([Double])
  case text(TextBuffer)
  /// Days since 1970-01-01.
  case date([Int32])
  /// Microseconds since 1970-01-01T00:00:00.
  case timestamp([Int64])
}

/// One column: typed storage plus a validity bitmap (nil when no row is null).
public struct Column: Sendable {
  public var storage: ColumnStorage
  public var validity: NullBitmap?

  public init(_ storage: ColumnStorage, validity: NullBitmap? = nil) {
    self.storage = storage
    // A bitmap with no nulls is dropped so that kernels take the fast path.
    if let validity, validity.nullCount == 0 { self.validity = nil } else { self.validity = validity }
  }

  public var type: DataType {
    switch storage {
    case .null: return .null
    case .bool: return .bool
    case .int: return .int
    case .float: return .float
    case .text: return .text
    case .date: return .date
    case .timestamp: return .timestamp
    }
  }

  public var count: Int {
    switch storage {
    case .null(let n): return n
    case .bool(let a): return a.count
    case .int(let a): return a.count
    case .float(let a): return a.count
    case .text(let t): return t.codes.count
    case .date(let a): return a.count
    case .timestamp(let a): return a.count
    }
  }

  @inline(__always)
  public func isNull(_ rowIndex: Int) -> Bool {
    if case .null = storage { return true }
    guard let validity else { return false }
    return !validity.isValid(rowIndex)
  }

  public var nullCount: Int {
    if case .null(let n) = storage { return n }
    return validity?.nullCount ?? 0
  }

  /// The value at a row, boxed (for rendering and tests, not for kernels).
  public func value(at rowIndex: Int) -> Value {
    if isNull(rowIndex) { return .null }
    switch storage {
    case .null: return .null
    case .bool(let a): return .bool(a[rowIndex])
    case .int(let a): return .int(a[rowIndex])
    case .float(let a): return .float(a[rowIndex])
    case .text(let t): return .text(t[rowIndex])
    case .date(let a): return .date(a[rowIndex])
    case .timestamp(let a): return .timestamp(a[rowIndex])
    }
  }

  /// A column of `count` copies of one value.
  public static func constant(_ value: Value, count: Int) -> Column {
    switch value {
    case .null: return Column(.null(count))
    case .bool(let b): return Column(.bool([Bool](repeating: b, count: count)))
    case .int(let i): return Column(.int([Int64](repeating: i, count: count)))
    case .float(let d): return Column(.float([Double](repeating: d, count: count)))
    case .text(let s):
      return Column(.text(TextBuffer(codes: [UInt32](repeating: 0, count: count), dictionary: [s])))
    case .date(let d): return Column(.date([Int32](repeating: d, count: count)))
    case .timestamp(let t): return Column(.timestamp([Int64](repeating: t, count: count)))
    }
  }

  /// Builds a column of the given type from boxed values (ints widen to float, dates to
  /// timestamps). Values that do not fit the type become null.
  public static func from(_ values: [Value], type: DataType) -> Column {
    var valid = [Bool](repeating: true, count: values.count)
    func mark(_ i: Int) { valid[i] = false }
    let storage: ColumnStorage
    switch type {
    case .null: return Column(.null(values.count))
    case .bool:
      storage = .bool(values.enumerated().map { i, v in
        if case .bool(let b) = v { return b }
        mark(i); return false
      })
    case .int:
      storage = .int(values.enumerated().map { i, v in
        if case .int(let x) = v { return x }
        mark(i); return 0
      })
    case .float:
      storage = .float(values.enumerated().map { i, v in
        if let d = v.asDouble { return d }
        mark(i); return 0
      })
    case .text:
      let (buffer, _) = TextBuffer.encode(values.enumerated().map { i, v in
        if case .text(let s) = v { return s }
        mark(i); return nil
      })
      storage = .text(buffer)
    case .date:
      storage = .date(values.enumerated().map { i, v in
        if case .date(let d) = v { return d }
        mark(i); return 0
      })
    case .timestamp:
      storage = .timestamp(values.enumerated().map { i, v in
        if case .timestamp(let t) = v { return t }
        if case .date(let d) = v { return Int64(d) * CivilDate.microsPerDay }
        mark(i); return 0
      })
    }
    return Column(storage, validity: NullBitmap(valid))
  }

  /// The rows at `rows`, in order; an index of -1 yields a null (the unmatched side of an outer
  /// join).
  /// - Complexity: O(rows.count)
  public func gather(_ rows: [Int]) -> Column {
    var validity = self.validity?.gather(rows)
    if rows.contains(where: { $0 < 0 }) {
      var v = validity ?? NullBitmap(count: rows.count, allValid: true)
      for (outIndex, rowIndex) in rows.enumerated() where rowIndex < 0 { v.set(outIndex, false) }
      validity = v
    }
    @inline(__always) func pick<T>(_ a: [T], _ zero: T) -> [T] {
      // Indices are checked once, up front; the copy loop then runs without bounds checks.
      let count = a.count
      let inRange = rows.withUnsafeBufferPointer { r in
        var ok = true
        for row in r where row >= count { ok = false }
        return ok
      }
      guard inRange else { return rows.map { $0 >= 0 ? a[$0] : zero } }  // traps on a bad index, as before
      return [T](unsafeUninitializedCapacity: rows.count) { out, initialized in
        a.withUnsafeBufferPointer { src in
          rows.withUnsafeBufferPointer { r in
            for i in 0..<r.count {
              let row = r[i]
              (out.baseAddress! + i).initialize(to: row >= 0 ? src[row] : zero)
            }
          }
        }
        initialized = rows.count
      }
    }
    switch storage {
    case .null: return Column(.null(rows.count))
    case .bool(let a): return Column(.bool(pick(a, false)), validity: validity)
    case .int(let a): return Column(.int(pick(a, 0)), validity: validity)
    case .float(let a): return Column(.float(pick(a, 0)), validity: validity)
    case .text(let t):
      return Column(
        .text(TextBuffer(codes: pick(t.codes, 0), dictionary: t.dictionary)), validity: validity)
    case .date(let a): return Column(.date(pick(a, 0)), validity: validity)
    case .timestamp(let a): return Column(.timestamp(pick(a, 0)), validity: validity)
    }
  }

  /// Rows `range`, copied.
  public func slice(_ range: Range<Int>) -> Column { gather(Array(range)) }

  /// This column converted to `type` where the conversion is a widening (int → float,
  /// date → timestamp, null → anything); nil otherwise.
  public func widened(to type: DataType) -> Column? {
    if self.type == type { return self }
    switch (storage, type) {
    case (.null(let n), _):
      switch type {
      case .null: return self
      case .bool: return Column(.bool(.init(repeating: false, count: n)), validity: .init(count: n, allValid: false))
      case .int: return Column(.int(.init(repeating: 0, count: n)), validity: .init(count: n, allValid: false))
      case .float: return Column(.float(.init(repeating: 0, count: n)), validity: .init(count: n, allValid: false))
      case .text:
        return Column(
          .text(TextBuffer(codes: .init(repeating: 0, count: n), dictionary: [])),
          validity: .init(count: n, allValid: false))
      case .date: return Column(.date(.init(repeating: 0, count: n)), validity: .init(count: n, allValid: false))
      case .timestamp:
        return Column(.timestamp(.init(repeating: 0, count: n)), validity: .init(count: n, allValid: false))
      }
    case (.int(let a), .float): return Column(.float(a.map(Double.init)), validity: validity)
    case (.date(let a), .timestamp):
      return Column(.timestamp(a.map { Int64($0) * CivilDate.microsPerDay }), validity: validity)
    default: return nil
    }
  }

  /// Concatenates columns of one type (callers widen first).
  public static func concatenate(_ parts: [Column]) -> Column? {
    guard let first = parts.first else { return nil }
    let total = parts.reduce(0) { $0 + $1.count }
    var validity: NullBitmap? = nil
    if parts.contains(where: { $0.nullCount > 0 }) {
      var v = NullBitmap(count: 0, allValid: true)
      for part in parts {
        for rowIndex in 0..<part.count { v.append(!part.isNull(rowIndex)) }
      }
      validity = v
    }
    switch first.storage {
    case .null: return parts.allSatisfy({ $0.type == .null }) ? Column(.null(total)) : nil
    case .bool:
      var out: [Bool] = []
      out.reserveCapacity(total)
      for part in parts { guard case .bool(let a) = part.storage else { return nil }; out += a }
      return Column(.bool(out), validity: validity)
    case .int:
      var out: [Int64] = []
      out.reserveCapacity(total)
      for part in parts { guard case .int(let a) = part.storage else { return nil }; out += a }
      return Column(.int(out), validity: validity)
    case .float:
      var out: [Double] = []
      out.reserveCapacity(total)
      for part in parts { guard case .float(let a) = part.storage else { return nil }; out += a }
      return Column(.float(out), validity: validity)
    case .date:
      var out: [Int32] = []
      out.reserveCapacity(total)
      for part in parts { guard case .date(let a) = part.storage else { return nil }; out += a }
      return Column(.date(out), validity: validity)
    case .timestamp:
      var out: [Int64] = []
      out.reserveCapacity(total)
      for part in parts { guard case .timestamp(let a) = part.storage else { return nil }; out += a }
      return Column(.timestamp(out), validity: validity)
    case .text:
      // Merge dictionaries, remapping each part's codes (by bytes: "é" and "e\u{301}" stay apart).
      var dictionary: [String] = []
      var index: [ExactText: UInt32] = [:]
      var codes: [UInt32] = []
      codes.reserveCapacity(total)
      for part in parts {
        guard case .text(let t) = part.storage else { return nil }
        let remap: [UInt32] = t.dictionary.map { s in
          if let c = index[ExactText(s)] { return c }
          let c = UInt32(dictionary.count)
          dictionary.append(s)
          index[ExactText(s)] = c
          return c
        }
        for code in t.codes { codes.append(remap.isEmpty ? 0 : remap[Int(code)]) }
      }
      return Column(.text(TextBuffer(codes: codes, dictionary: dictionary)), validity: validity)
    }
  }
}
