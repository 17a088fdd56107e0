/// One sort key: a column and a direction. Nulls sort last in both directions, as DuckDB's
/// default (`NULLS LAST`) does.
public struct SortColumn: Sendable {
  public var column: Column
  public var descending: Bool
  /// How text compares (numbers and dates ignore it).
  public var collation: Collation

  public init(_ column: Column, descending: Bool = false, collation: Collation = .binary) {
    self.column = column
    self.descending = descending
    self.collation = collation
  }
}

/// Multi-key row comparison on integer ranks prepared once per key, so the comparator never
/// touches strings.
public struct RowOrder: Sendable {
  /// Per key: a comparable rank per row (text: rank of its dictionary entry by UTF-8 bytes).
  private var ints: [[Int64]] = []
  private var doubles: [[Double]?] = []
  private var nulls: [NullBitmap?] = []
  private var descending: [Bool] = []
  /// Threads for the radix sort's passes (the sorted order is the same on any number).
  public var threads: Int = Parallel.threads

  public init(_ keys: [SortColumn]) {
    for key in keys {
      descending.append(key.descending)
      nulls.append(key.column.type == .null ? NullBitmap(count: key.column.count, allValid: false) : key.column.validity)
      switch key.column.storage {
      case .null(let n): ints.append([Int64](repeating: 0, count: n)); doubles.append(nil)
      case .bool(let a): ints.append(a.map { $0 ? 1 : 0 }); doubles.append(nil)
      case .int(let a): ints.append(a); doubles.append(nil)
      case .float(let a): ints.append([]); doubles.append(a)
      case .date(let a): ints.append(a.map(Int64.init)); doubles.append(nil)
      case .timestamp(let a): ints.append(a); doubles.append(nil)
      case .text(let t):
        // Rank the dictionary once (byte order, as DuckDB's default, or the key's collation).
        let rank = key.collation.ranks(t.dictionary)
        ints.append(t.codes.map { rank.isEmpty ? 0 : rank[Int($0)] })
        doubles.append(nil)
      }
    }
  }

  public var keyCount: Int { descending.count }
  /// Whether the first key sorts descending (range frames measure offsets along it).
  public var firstKeyDescending: Bool { descending.first ?? false }

  /// -1, 0 or 1: how row `a` orders against row `b`.
  @inline(__always)
  public func compare(_ a: Int, _ b: Int) -> Int {
    for k in 0..<descending.count {
      let aNull = nulls[k].map { !$0.isValid(a) } ?? false
      let bNull = nulls[k].map { !$0.isValid(b) } ?? false
      if aNull || bNull {
        if aNull && bNull { continue }
        return aNull ? 1 : -1  // nulls last, whatever the direction
      }
      var c = 0
      if let d = doubles[k] {
        let x = d[a]
        let y = d[b]
        // NaN sorts after every number, as in DuckDB.
        if x.isNaN || y.isNaN {
          c = x.isNaN ? (y.isNaN ? 0 : 1) : -1
        } else {
          c = x < y ? -1 : (x > y ? 1 : 0)
        }
      } else {
        let x = ints[k][a]
        let y = ints[k][b]
        c = x < y ? -1 : (x > y ? 1 : 0)
      }
      if c != 0 { return descending[k] ? -c : c }
    }
    return 0
  }

  /// Row indices in sorted order; ties keep their input order (stable).
  /// - Complexity: O(n log n) comparisons.
  public func sortedRows(_ rows: [Int]) -> [Int] {
    if descending.isEmpty { return rows }
    if rows.count >= 256, rows.count < Int(UInt32.max), Self.ascending(rows) { return radixSorted(rows) }
    return rows.sorted { a, b in
      let c = compare(a, b)
      return c != 0 ? c < 0 : a < b
    }
  }

  /// The first `k` of rows `0..<rowCount` in sorted order (the same rows, in the same order, as
  /// the start of `sortedRows`), by a bounded max-heap: O(rows × log k), and most rows cost one
  /// comparison with the heap's worst.
  public func topRows(_ k: Int, rowCount: Int) -> [Int] {
    if k <= 0 { return [] }
    if descending.isEmpty { return Array(0..<Swift.min(k, rowCount)) }
    if descending.count == 1, nulls[0] == nil { return topRowsByKey(k, rowCount: rowCount) }
    @inline(__always) func before(_ a: Int, _ b: Int) -> Bool {
      let c = compare(a, b)
      return c != 0 ? c < 0 : a < b
    }
    var heap: [Int] = []
    heap.reserveCapacity(k)
    func siftDown(_ start: Int) {
      var i = start
      while true {
        let l = 2 * i + 1
        if l >= heap.count { return }
        var worst = l
        if l + 1 < heap.count, before(heap[l], heap[l + 1]) { worst = l + 1 }
        if before(heap[worst], heap[i]) { return }
        heap.swapAt(i, worst)
        i = worst
      }
    }
    for row in 0..<rowCount {
      if heap.count < k {
        heap.append(row)
        var i = heap.count - 1
        while i > 0 {
          let parent = (i - 1) / 2
          if before(heap[parent], heap[i]) { heap.swapAt(parent, i); i = parent } else { break }
        }
      } else if before(row, heap[0]) {
        heap[0] = row
        siftDown(0)
      }
    }
    return heap.sorted(by: before)
  }

  /// `topRows` for one key without nulls: each row's order-preserving integer key is compared
  /// with the heap's worst, so a row that does not make it costs a few instructions. Each morsel
  /// keeps its own best `k` on a core of its own, and the best `k` of those are the answer: the
  /// order on (key, row) is total, so the rows are the one-thread scan's on any thread count.
  private func topRowsByKey(_ k: Int, rowCount: Int) -> [Int] {
    typealias Entry = (key: UInt64, row: Int)
    @inline(__always) func worse(_ a: Entry, _ b: Entry) -> Bool {
      a.key != b.key ? a.key > b.key : a.row > b.row
    }
    let parts: [[Entry]] = ints[0].withUnsafeBufferPointer { intBuffer in
      func scan(_ doubles: UnsafeBufferPointer<Double>?, _ range: Range<Int>) -> [Entry] {
        // Max-heap on (key, row): the root is the worst kept row.
        var heap: [Entry] = []
        heap.reserveCapacity(k)
        func siftDown() {
          var i = 0
          while true {
            let l = 2 * i + 1
            if l >= heap.count { return }
            var w = l
            if l + 1 < heap.count, worse(heap[l + 1], heap[l]) { w = l + 1 }
            if !worse(heap[w], heap[i]) { return }
            heap.swapAt(i, w)
            i = w
          }
        }
        // The worst kept key, in a register: most rows are compared with it and go.
        var threshold = UInt64.max
        var full = false
        for row in range {
          let key = normalizedKey(0, row, ints: intBuffer, doubles: doubles)
          if full {
            // Rows come in order, so an equal key never displaces an earlier row.
            guard key < threshold else { continue }
            heap[0] = (key, row)
            siftDown()
            threshold = heap[0].key
          } else {
            heap.append((key, row))
            var i = heap.count - 1
            while i > 0 {
              let parent = (i - 1) / 2
              if worse(heap[i], heap[parent]) { heap.swapAt(parent, i); i = parent } else { break }
            }
            full = heap.count == k
            threshold = heap[0].key
          }
        }
        return heap
      }
      let kept = k.multipliedReportingOverflow(by: Parallel.morselCount(rowCount))
      // Many morsels' worth of kept rows (a large k) would cost more than one scan.
      let useThreads = kept.overflow || kept.partialValue > Swift.max(rowCount / 8, 1) ? 1 : threads
      if let d = doubles[0] {
        return d.withUnsafeBufferPointer { d in Parallel.mapMorsels(rowCount, threads: useThreads) { scan(d, $0) } }
      }
      return Parallel.mapMorsels(rowCount, threads: useThreads) { scan(nil, $0) }
    }
    var all = parts.flatMap { $0 }
    all.sort { worse($1, $0) }
    return all.prefix(k).map(\.row)
  }

  private static func ascending(_ rows: [Int]) -> Bool {
    rows.withUnsafeBufferPointer { r in
      for i in 1..<r.count where r[i - 1] >= r[i] { return false }
      return true
    }
  }

  /// The key of row `row` for key `k` as an unsigned integer in ascending order of the sort
  /// (direction applied): integers with the sign bit flipped; floats by their IEEE bits made
  /// monotonic (-0.0 as 0.0, every NaN after every number, as `compare` orders them).
  @inline(__always)
  private func normalizedKey(_ k: Int, _ row: Int, ints: UnsafeBufferPointer<Int64>, doubles: UnsafeBufferPointer<Double>?) -> UInt64 {
    let sign: UInt64 = 1 << 63
    var key: UInt64
    if let doubles {
      let x = doubles[row]
      if x.isNaN {
        key = UInt64.max
      } else {
        let bits = (x == 0 ? 0.0 : x).bitPattern
        key = bits & sign != 0 ? ~bits : bits | sign
      }
    } else {
      key = UInt64(bitPattern: ints[row]) ^ sign
    }
    return descending[k] ? ~key : key
  }

  /// Stable least-significant-key-first radix sort of `rows` (which are ascending, so ties keep
  /// input order exactly as the comparison sort's tie-break by row does): for each key from the
  /// last, a byte-wise radix sort of (key, position) pairs over the bits that vary, then nulls
  /// moved after the values, keeping their order. O(rows × keys × passes), no comparisons.
  func radixSorted(_ rows: [Int]) -> [Int] {
    let m = rows.count
    var perm = [UInt32](unsafeUninitializedCapacity: m) { buffer, count in
      for i in 0..<m { buffer[i] = UInt32(i) }
      count = m
    }
    var keys = [UInt64](repeating: 0, count: m)
    var permSpare = [UInt32](repeating: 0, count: m)
    var keysSpare = [UInt64](repeating: 0, count: m)
    for k in (0..<descending.count).reversed() {
      let nullMap = nulls[k]
      // Keys in the current order; null rows all get 0 so that they tie (stable).
      let (nullCount, low, high, sorted) = ints[k].withUnsafeBufferPointer { intBuffer in
        doubles[k].map { d in d.withUnsafeBufferPointer { fill(k, rows, perm, &keys, nullMap, intBuffer, $0) } }
          ?? fill(k, rows, perm, &keys, nullMap, intBuffer, nil)
      }
      if !sorted {
        let bits = 64 - (high &- low).leadingZeroBitCount
        var shift = 0
        while shift < bits {
          let width = Swift.min(11, bits - shift)
          Self.radixPass(&keys, &perm, &keysSpare, &permSpare, low: low, shift: shift, width: width, threads: threads)
          swap(&keys, &keysSpare)
          swap(&perm, &permSpare)
          shift += width
        }
      }
      if nullCount > 0, let nullMap {
        // Stable partition: values first, then nulls (nulls last in both directions).
        var out = 0
        var spill = m - nullCount
        for i in 0..<m {
          let p = perm[i]
          if nullMap.isValid(rows[Int(p)]) {
            permSpare[out] = p
            out += 1
          } else {
            permSpare[spill] = p
            spill += 1
          }
        }
        swap(&perm, &permSpare)
      }
    }
    return perm.map { rows[Int($0)] }
  }

  /// Writes key `k` of each row in the current order (`perm`) to `keys`, a morsel at a time on
  /// every core; returns the null count, the smallest and largest key, and whether the keys are
  /// already in order — each morsel's, combined in order, so the same on any thread count.
  private func fill(
    _ k: Int, _ rows: [Int], _ perm: [UInt32], _ keys: inout [UInt64], _ nullMap: NullBitmap?,
    _ ints: UnsafeBufferPointer<Int64>, _ doubles: UnsafeBufferPointer<Double>?
  ) -> (nulls: Int, low: UInt64, high: UInt64, sorted: Bool) {
    typealias Part = (nulls: Int, low: UInt64, high: UInt64, sorted: Bool, first: UInt64, last: UInt64)
    let m = rows.count
    let parts: [Part] = keys.withUnsafeMutableBufferPointer { keys in
      let out = UnsafeSendable(keys)
      return perm.withUnsafeBufferPointer { perm in
        rows.withUnsafeBufferPointer { rows in
          Parallel.mapMorsels(m, threads: threads) { range -> Part in
            let keys = out.value
            var nulls = 0
            var low = UInt64.max
            var high = UInt64.min
            var sorted = true
            var previous = UInt64.min
            for i in range {
              let row = rows[Int(perm[i])]
              let key: UInt64
              if let nullMap, !nullMap.isValid(row) {
                key = 0
                nulls += 1
              } else {
                key = normalizedKey(k, row, ints: ints, doubles: doubles)
              }
              keys[i] = key
              if key < low { low = key }
              if key > high { high = key }
              if key < previous { sorted = false }
              previous = key
            }
            return (nulls, low, high, sorted, range.isEmpty ? 0 : keys[range.lowerBound], previous)
          }
        }
      }
    }
    var total = (nulls: 0, low: UInt64.max, high: UInt64.min, sorted: true)
    var previousLast: UInt64? = nil
    for part in parts {
      total.nulls += part.nulls
      total.low = Swift.min(total.low, part.low)
      total.high = Swift.max(total.high, part.high)
      if !part.sorted || (previousLast.map { part.first < $0 } ?? false) { total.sorted = false }
      previousLast = part.last
    }
    return total
  }

  /// One counting-sort pass on bits `shift ..< shift + width` of `key - low`. With several
  /// threads the rows are cut into one contiguous chunk per thread: each chunk counts its
  /// buckets, every (bucket, chunk) gets its start from those counts in (bucket, chunk) order,
  /// and each chunk scatters its rows in order — exactly the one-thread pass's placement, since
  /// a stable pass has only one answer.
  private static func radixPass(
    _ keys: inout [UInt64], _ perm: inout [UInt32], _ keysOut: inout [UInt64], _ permOut: inout [UInt32],
    low: UInt64, shift: Int, width: Int, threads: Int
  ) {
    let n = keys.count
    let buckets = 1 << width
    let mask = UInt64(buckets - 1)
    let chunks = n >= 2 * Parallel.morselRows ? Swift.max(1, Swift.min(threads, n / Parallel.morselRows)) : 1
    let chunkRows = (n + chunks - 1) / Swift.max(chunks, 1)
    var counts = [Int](repeating: 0, count: buckets * chunks)
    keys.withUnsafeBufferPointer { keys in
      perm.withUnsafeBufferPointer { perm in
        keysOut.withUnsafeMutableBufferPointer { keysOut in
          permOut.withUnsafeMutableBufferPointer { permOut in
            counts.withUnsafeMutableBufferPointer { counts in
              let shared = UnsafeSendable((keys, perm, keysOut, permOut, counts))
              Parallel.forEach(chunks, threads: threads) { c in
                let (keys, _, _, _, counts) = shared.value
                let base = c * buckets
                for i in (c * chunkRows)..<Swift.min(n, (c + 1) * chunkRows) {
                  counts[base + Int(((keys[i] &- low) >> UInt64(shift)) & mask)] += 1
                }
              }
              var total = 0
              for b in 0..<buckets {
                for c in 0..<chunks {
                  let count = counts[c * buckets + b]
                  counts[c * buckets + b] = total
                  total += count
                }
              }
              Parallel.forEach(chunks, threads: threads) { c in
                let (keys, perm, keysOut, permOut, counts) = shared.value
                let base = c * buckets
                for i in (c * chunkRows)..<Swift.min(n, (c + 1) * chunkRows) {
                  let key = keys[i]
                  let b = base + Int(((key &- low) >> UInt64(shift)) & mask)
                  let at = counts[b]
                  counts[b] = at + 1
                  keysOut[at] = key
                  permOut[at] = perm[i]
                }
              }
            }
          }
        }
      }
    }
  }
}
