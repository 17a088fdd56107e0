@testable import ChisoEngine
import Testing

/// The parallel kernels give the same answer on one thread as on several — to the bit — and the
/// same as the one-pass kernels and a row-by-row reference, on random data large enough to span
/// many morsels (with nulls, NaN, ties and every comparison).
@Suite struct ParallelKernelTests {
  static let rows = 200_003

  struct Data {
    var ints: Column
    var floats: Column
    var text: Column
    var bools: Column
    var ids: [Int32]
    var groups: Int
  }

  static func data(seed: UInt64, groups: Int) -> Data {
    var g = SeededGenerator(seed: seed)
    let n = rows
    var intValid = [Bool](repeating: true, count: n)
    var floatValid = [Bool](repeating: true, count: n)
    var ints = [Int64](repeating: 0, count: n)
    var floats = [Double](repeating: 0, count: n)
    var words: [String?] = []
    var bools = [Bool](repeating: false, count: n)
    var ids = [Int32](repeating: 0, count: n)
    let vocabulary = ["total", "market_entry", "Hà Nội", "Ha\u{0300} Nội", "", "zz"]
    for i in 0..<n {
      ints[i] = Int64.random(in: -50...50, using: &g)
      intValid[i] = Int.random(in: 0..<13, using: &g) != 0
      let r = Int.random(in: 0..<100, using: &g)
      floats[i] = r == 0 ? .nan : (r == 1 ? -0.0 : Double.random(in: -100...100, using: &g).rounded() / 4)
      floatValid[i] = Int.random(in: 0..<17, using: &g) != 0
      words.append(Int.random(in: 0..<11, using: &g) == 0 ? nil : vocabulary[Int.random(in: 0..<vocabulary.count, using: &g)])
      bools[i] = Bool.random(using: &g)
      ids[i] = Int32.random(in: 0..<Int32(groups), using: &g)
    }
    let (buffer, validity) = TextBuffer.encode(words)
    return Data(
      ints: Column(.int(ints), validity: NullBitmap(intValid)), floats: Column(.float(floats), validity: NullBitmap(floatValid)),
      text: Column(.text(buffer), validity: validity), bools: Column(.bool(bools)), ids: ids, groups: groups)
  }

  static func predicates(_ d: Data) -> [VectorPredicate] {
    guard case .int(let ints) = d.ints.storage, case .float(let floats) = d.floats.storage,
      case .text(let text) = d.text.storage, case .bool(let bools) = d.bools.storage
    else { return [] }
    var out: [VectorPredicate] = []
    for op in [VectorPredicate.Op.eq, .ne, .lt, .le, .gt, .ge] {
      out.append(.ints(ints, d.ints.validity, op, 7))
      out.append(.floats(floats, d.floats.validity, op, 2.5))
      out.append(.intsAsDoubles(ints, d.ints.validity, op, -3.5))
      // A NaN constant: DuckDB's order (NaN equals NaN, above every number).
      out.append(.floats(floats, d.floats.validity, op, .nan))
      out.append(.intsAsDoubles(ints, d.ints.validity, op, .nan))
    }
    let answers: [Bool?] = text.dictionary.map { $0 == "total" ? true : ($0 == "zz" ? nil : false) }
    let codes = VectorPredicate.codes(text.codes, d.text.validity, answers)
    out.append(codes)
    out.append(.and(codes, .floats(floats, d.floats.validity, .gt, 10)))
    out.append(.or(.not(codes), .ints(ints, d.ints.validity, .le, -20)))
    out.append(.not(.and(.bools(bools, nil), .constant(nil))))
    out.append(.or(.constant(false), .not(.ints(ints, d.ints.validity, .eq, 0))))
    return out
  }

  /// Row by row, as SQL's three-valued logic says (nil = null); floats in DuckDB's order.
  static func reference(_ p: VectorPredicate, _ i: Int) -> Bool? {
    func cmp<T: Comparable>(_ op: VectorPredicate.Op, _ a: T, _ b: T) -> Bool {
      let c = (a as? Double).flatMap { x in (b as? Double).map { FloatOrder.compare(x, $0) } } ?? (a < b ? -1 : (a > b ? 1 : 0))
      switch op {
      case .eq: return c == 0
      case .ne: return c != 0
      case .lt: return c < 0
      case .le: return c <= 0
      case .gt: return c > 0
      case .ge: return c >= 0
      }
    }
    switch p {
    case .ints(let a, let v, let op, let c): return v?.isValid(i) == false ? nil : cmp(op, a[i], c)
    case .dates(let a, let v, let op, let c): return v?.isValid(i) == false ? nil : cmp(op, a[i], c)
    case .floats(let a, let v, let op, let c): return v?.isValid(i) == false ? nil : cmp(op, a[i], c)
    case .intsAsDoubles(let a, let v, let op, let c): return v?.isValid(i) == false ? nil : cmp(op, Double(a[i]), c)
    case .codes(let codes, let v, let answers): return v?.isValid(i) == false ? nil : answers[Int(codes[i])]
    case .bools(let a, let v): return v?.isValid(i) == false ? nil : a[i]
    case .constant(let b): return b
    case .and(let x, let y):
      let (a, b) = (reference(x, i), reference(y, i))
      if a == false || b == false { return false }
      return a == nil || b == nil ? nil : true
    case .or(let x, let y):
      let (a, b) = (reference(x, i), reference(y, i))
      if a == true || b == true { return true }
      return a == nil || b == nil ? nil : false
    case .not(let x): return reference(x, i).map { !$0 }
    }
  }

  @Test func selectionsAgreeOnAnyThreadCount() {
    let d = Self.data(seed: 1, groups: 10)
    for (k, p) in Self.predicates(d).enumerated() {
      let one = p.selection(rowCount: Self.rows, threads: 1)
      let two = p.selection(rowCount: Self.rows, threads: 2)
      let four = p.selection(rowCount: Self.rows, threads: 4)
      let expected = (0..<Self.rows).filter { Self.reference(p, $0) == true }
      #expect(one == expected, "predicate \(k)")
      #expect(two == one && four == one, "predicate \(k)")
      #expect(p.count(rowCount: Self.rows, threads: 2) == expected.count)
    }
  }

  @Test func gatherAgreesWithTheOnePassGather() {
    let d = Self.data(seed: 2, groups: 10)
    let table = Table(names: ["i", "f", "t", "b"], columns: [d.ints, d.floats, d.text, d.bools])
    var g = SeededGenerator(seed: 3)
    let rows = (0..<150_000).map { _ in Int.random(in: 0..<Self.rows, using: &g) }
    let expected = table.gather(rows)
    for threads in [1, 2, 3] {
      let got = ParallelGather.gather(table, rows, threads: threads)
      #expect(ParallelCSVTests.same(got, expected), "\(threads) threads")
    }
  }

  @Test(arguments: [7, 630, 40_000])
  func aggregatesAgreeOnAnyThreadCount(groups: Int) throws {
    let d = Self.data(seed: UInt64(groups), groups: groups)
    for kind in [AggregateKind.countAll, .count, .sum, .average, .stddev, .min, .max] {
      for column in [d.ints, d.floats] {
        guard let one = ParallelAggregate.aggregate(kind, kind == .countAll ? nil : column, ids: d.ids, groupCount: groups, threads: 1)
        else { continue }
        let two = ParallelAggregate.aggregate(kind, kind == .countAll ? nil : column, ids: d.ids, groupCount: groups, threads: 2)
        #expect(two.map { ParallelCSVTests.same(Table(names: ["x"], columns: [one]), Table(names: ["x"], columns: [$0])) } == true, "\(kind)")
        // Against the one-pass kernel: counts, minima and maxima exactly, sums to rounding.
        guard let reference = try Aggregator.aggregate(kind, kind == .countAll ? nil : column, ids: d.ids, groupCount: groups) else { continue }
        #expect(one.count == reference.count)
        for g in 0..<groups {
          switch (one.value(at: g), reference.value(at: g)) {
          case (.float(let x), .float(let y)):
            #expect(x == y || abs(x - y) <= 1e-9 * max(1, abs(y)) || (x.isNaN && y.isNaN), "\(kind) group \(g)")
          case (let x, let y):
            #expect(x == y, "\(kind) group \(g)")
          }
        }
      }
    }
  }
}

/// The join probe and the radix sort, which also run on every core, give the same rows in the
/// same order on one thread as on several, and the same as a plain reference.
@Suite struct ParallelJoinSortTests {
  static let rows = 300_007

  @Test(arguments: [JoinSide.inner, .left])
  func joinProbeAgreesOnAnyThreadCount(side: JoinSide) throws {
    var g = SeededGenerator(seed: 11)
    let n = Self.rows
    // Left keys with nulls and keys missing on the right; right keys with duplicates.
    var leftKeys = [Int64](repeating: 0, count: n)
    var leftValid = [Bool](repeating: true, count: n)
    for i in 0..<n {
      leftKeys[i] = Int64.random(in: 0..<700, using: &g)
      leftValid[i] = Int.random(in: 0..<19, using: &g) != 0
    }
    var rightKeys: [Int64] = []
    for k in 0..<600 { for _ in 0..<Int.random(in: 0...2, using: &g) { rightKeys.append(Int64(k)) } }
    rightKeys.shuffle(using: &g)
    let left = Column(.int(leftKeys), validity: NullBitmap(leftValid))
    let right = Column(.int(rightKeys))
    let one = try HashJoin.match(left: [left], right: [right], leftCount: n, rightCount: rightKeys.count, side: side, threads: 1)
    for threads in [2, 3] {
      let many = try HashJoin.match(left: [left], right: [right], leftCount: n, rightCount: rightKeys.count, side: side, threads: threads)
      #expect(many.left == one.left && many.right == one.right, "\(threads) threads")
    }
    // Reference: per left row in order, its matches in right order (a left join pads with -1).
    var positions: [Int64: [Int]] = [:]
    for (r, key) in rightKeys.enumerated() { positions[key, default: []].append(r) }
    var expectedLeft: [Int] = []
    var expectedRight: [Int] = []
    for l in 0..<n {
      let matches = leftValid[l] ? positions[leftKeys[l]] ?? [] : []
      if matches.isEmpty, side == .left {
        expectedLeft.append(l)
        expectedRight.append(-1)
      }
      for r in matches {
        expectedLeft.append(l)
        expectedRight.append(r)
      }
    }
    #expect(one.left == expectedLeft && one.right == expectedRight)
  }

  @Test func sortAgreesOnAnyThreadCount() {
    let d = ParallelKernelTests.data(seed: 12, groups: 10)
    let n = ParallelKernelTests.rows
    let keySets: [[SortColumn]] = [
      [SortColumn(d.floats, descending: true)],
      [SortColumn(d.text), SortColumn(d.ints, descending: true)],
      [SortColumn(d.bools), SortColumn(d.floats), SortColumn(d.ints)],
    ]
    for (k, keys) in keySets.enumerated() {
      var order = RowOrder(keys)
      order.threads = 1
      let one = order.sortedRows(Array(0..<n))
      // The comparison sort (stable by row) is the reference.
      let expected = (0..<n).sorted { a, b in
        let c = order.compare(a, b)
        return c != 0 ? c < 0 : a < b
      }
      #expect(one == expected, "keys \(k)")
      for threads in [2, 4] {
        order.threads = threads
        #expect(order.sortedRows(Array(0..<n)) == one, "keys \(k), \(threads) threads")
      }
    }
  }

  @Test(arguments: [1, 10, 1_000])
  func topRowsAgreeOnAnyThreadCount(k: Int) {
    var g = SeededGenerator(seed: UInt64(13 + k))
    let n = Self.rows
    // Few distinct values: many ties, which the row order breaks.
    let values = (0..<n).map { _ in Double(Int.random(in: 0..<500, using: &g)) / 4 }
    for descending in [false, true] {
      var order = RowOrder([SortColumn(Column(.float(values)), descending: descending)])
      order.threads = 1
      let one = order.topRows(k, rowCount: n)
      #expect(one == Array(order.sortedRows(Array(0..<n)).prefix(k)), "k \(k)")
      for threads in [2, 3] {
        order.threads = threads
        #expect(order.topRows(k, rowCount: n) == one, "k \(k), \(threads) threads")
      }
    }
  }
}
