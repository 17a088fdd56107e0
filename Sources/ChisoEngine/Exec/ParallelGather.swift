/// `Table.gather` on several threads: each column's output is cut into morsels (starting at
/// multiples of 64, so each morsel owns whole words of the validity bitmap) filled in parallel,
/// straight into the result's arrays. Rows must be valid indices (no -1: outer joins use
/// `Column.gather`). The result equals `Table.gather` exactly.
public enum ParallelGather {
  /// Below this many output rows one thread does it (`Column.gather`).
  static let minimumRows = 1 << 17

  public static func gather(_ table: Table, _ rows: [Int], threads: Int = Parallel.threads) -> Table {
    guard threads > 1, rows.count >= minimumRows else { return table.gather(rows) }
    let columns = rows.withUnsafeBufferPointer { r in table.columns.map { gather($0, UnsafeSendable(r), threads) } }
    return Table(names: table.names, columns: columns, rowCount: rows.count)
  }

  public static func gather(_ column: Column, _ rows: [Int], threads: Int = Parallel.threads) -> Column {
    guard threads > 1, rows.count >= minimumRows else { return column.gather(rows) }
    return rows.withUnsafeBufferPointer { gather(column, UnsafeSendable($0), threads) }
  }

  static func gather(_ column: Column, _ rows: UnsafeSendable<UnsafeBufferPointer<Int>>, _ threads: Int) -> Column {
    let n = rows.value.count
    let morsels = Parallel.morselCount(n)
    func pick<T>(_ a: [T]) -> [T] {
      a.withUnsafeBufferPointer { src in
        let source = UnsafeSendable(src)
        return [T](unsafeUninitializedCapacity: n) { out, initialized in
          let target = UnsafeSendable(out)
          Parallel.forEach(morsels, threads: threads) { k in
            let r = rows.value
            let s = source.value
            let o = target.value
            for i in Parallel.morsel(k, of: n) { (o.baseAddress! + i).initialize(to: s[r[i]]) }
          }
          initialized = n
        }
      }
    }
    var bitmap: NullBitmap? = nil
    if let validity = column.validity {
      let words = validity.words.withUnsafeBufferPointer { src in
        let source = UnsafeSendable(src)
        return [UInt64](unsafeUninitializedCapacity: (n + 63) >> 6) { out, initialized in
          let target = UnsafeSendable(out)
          Parallel.forEach(morsels, threads: threads) { k in
            let r = rows.value
            let s = source.value
            let range = Parallel.morsel(k, of: n)
            var w = range.lowerBound >> 6
            var i = range.lowerBound
            while i < range.upperBound {
              var word: UInt64 = 0
              let end = Swift.min(i + 64, range.upperBound)
              for j in i..<end {
                let row = r[j]
                if s[row >> 6] & (UInt64(1) << UInt64(row & 63)) != 0 { word |= UInt64(1) << UInt64(j - i) }
              }
              (target.value.baseAddress! + w).initialize(to: word)
              w += 1
              i = end
            }
          }
          initialized = (n + 63) >> 6
        }
      }
      bitmap = NullBitmap(words: words, count: n)
    }
    switch column.storage {
    case .null: return Column(.null(n))
    case .bool(let a): return Column(.bool(pick(a)), validity: bitmap)
    case .int(let a): return Column(.int(pick(a)), validity: bitmap)
    case .float(let a): return Column(.float(pick(a)), validity: bitmap)
    case .timestamp(let a): return Column(.timestamp(pick(a)), validity: bitmap)
    case .date(let a): return Column(.date(pick(a)), validity: bitmap)
    case .text(let t): return Column(.text(TextBuffer(codes: pick(t.codes), dictionary: t.dictionary)), validity: bitmap)
    }
  }
}
