import ChisoEngine
import Testing

@Suite struct NullBitmapTests {
  @Test func allValidMasksTheLastWord() {
    let bitmap = NullBitmap(count: 70, allValid: true)
    #expect(bitmap.words.count == 2)
    #expect(bitmap.words[1] == 0b111111)
    #expect(bitmap.nullCount == 0)
    #expect(NullBitmap(count: 64, allValid: true).nullCount == 0)
    #expect(NullBitmap(count: 70, allValid: false).nullCount == 70)
    #expect(NullBitmap(count: 0, allValid: true).words.isEmpty)
  }

  @Test func setAppendAndCount() {
    var bitmap = NullBitmap([true, false, true])
    #expect(bitmap.isValid(0) && !bitmap.isValid(1) && bitmap.isValid(2))
    #expect(bitmap.nullCount == 1)
    bitmap.set(1, true)
    bitmap.set(0, false)
    #expect(!bitmap.isValid(0) && bitmap.isValid(1))
    for index in 0..<100 { bitmap.append(index % 3 != 0) }
    #expect(bitmap.count == 103)
    #expect(bitmap.nullCount == 1 + 34)
    #expect(bitmap.isValid(102) == (99 % 3 != 0))
  }

  @Test func intersect() {
    let a = NullBitmap([true, true, false, false])
    let b = NullBitmap([true, false, true, false])
    #expect(NullBitmap.intersect(a, b) == NullBitmap([true, false, false, false]))
    #expect(NullBitmap.intersect(nil, b) == b)
    #expect(NullBitmap.intersect(a, nil) == a)
    #expect(NullBitmap.intersect(nil, nil) == nil)
  }

  @Test func gatherWithMinusOneIsNull() {
    let bitmap = NullBitmap([true, false, true])
    let gathered = bitmap.gather([2, -1, 1, 0, 0])
    #expect(gathered == NullBitmap([true, false, false, true, true]))
  }
}

@Suite struct ColumnTests {
  @Test func nullBitmapWithNoNullsIsDropped() {
    let column = Column(.int([1, 2]), validity: NullBitmap(count: 2, allValid: true))
    #expect(column.validity == nil)
    #expect(column.nullCount == 0)
  }

  @Test func gatherWithMinusOneGivesNull() {
    let column = Column.from([.int(10), .null, .int(30)], type: .int)
    let gathered = column.gather([2, -1, 0, 1])
    #expect((0..<4).map { gathered.value(at: $0) } == [.int(30), .null, .int(10), .null])
    let noNulls = Column(.text(TextBuffer.encode(["a", "b"]).0))
    let outer = noNulls.gather([-1, 1])
    #expect(outer.value(at: 0) == .null)
    #expect(outer.value(at: 1) == .text("b"))
    #expect(Column(.null(3)).gather([0, -1]).count == 2)
  }

  @Test func sliceCopiesRows() {
    let column = Column.from([.float(1), .float(2), .float(3)], type: .float)
    let slice = column.slice(1..<3)
    #expect((0..<2).map { slice.value(at: $0) } == [.float(2), .float(3)])
  }

  @Test func fromBoxedValuesWidensAndNullsMisfits() {
    let floats = Column.from([.int(1), .float(2.5), .text("x"), .null], type: .float)
    #expect((0..<4).map { floats.value(at: $0) } == [.float(1), .float(2.5), .null, .null])
    let stamps = Column.from([.date(1), .timestamp(5)], type: .timestamp)
    #expect(stamps.value(at: 0) == .timestamp(CivilDate.microsPerDay))
    #expect(stamps.value(at: 1) == .timestamp(5))
  }

  @Test func widened() throws {
    let ints = Column.from([.int(1), .null, .int(-3)], type: .int)
    let floats = try #require(ints.widened(to: .float))
    #expect(floats.type == .float)
    #expect((0..<3).map { floats.value(at: $0) } == [.float(1), .null, .float(-3)])
    let dates = Column(.date([0, -1]))
    let stamps = try #require(dates.widened(to: .timestamp))
    #expect(stamps.value(at: 1) == .timestamp(-CivilDate.microsPerDay))
    let nulls = Column(.null(2))
    for type in DataType.allCases {
      let widened = try #require(nulls.widened(to: type))
      #expect(widened.type == type)
      #expect(widened.count == 2)
      #expect(widened.nullCount == 2)
    }
    #expect(ints.widened(to: .text) == nil)
    #expect(Column(.float([1])).widened(to: .int) == nil)
    #expect(ints.widened(to: .int)?.type == .int)
  }

  @Test func concatenateMergesTextDictionaries() throws {
    let first = Column(.text(TextBuffer(codes: [0, 1, 0], dictionary: ["a", "b"])))
    let (buffer, validity) = TextBuffer.encode(["c", nil, "a"])
    let second = Column(.text(buffer), validity: validity)
    let joined = try #require(Column.concatenate([first, second]))
    #expect((0..<6).map { joined.value(at: $0) } == [.text("a"), .text("b"), .text("a"), .text("c"), .null, .text("a")])
    guard case .text(let merged) = joined.storage else {
      Issue.record("expected text")
      return
    }
    #expect(merged.dictionary == ["a", "b", "c"])
    #expect(merged.codes[0] == merged.codes[5])
  }

  @Test func concatenateTypedAndMismatched() throws {
    let joined = try #require(Column.concatenate([Column(.int([1])), Column.from([.null, .int(2)], type: .int)]))
    #expect((0..<3).map { joined.value(at: $0) } == [.int(1), .null, .int(2)])
    #expect(Column.concatenate([Column(.int([1])), Column(.float([1]))]) == nil)
    #expect(Column.concatenate([]) == nil)
    #expect(Column.concatenate([Column(.null(1)), Column(.null(2))])?.count == 3)
  }

  @Test func constant() {
    let column = Column.constant(.text("x"), count: 3)
    #expect(column.count == 3)
    #expect(column.value(at: 2) == .text("x"))
    #expect(Column.constant(.null, count: 2).nullCount == 2)
  }

  @Test func tableGather() {
    let table = Table(names: ["a"], columns: [Column(.int([1, 2]))])
    let gathered = table.gather([1, -1])
    #expect(gathered.rowCount == 2)
    #expect(gathered.rows == [[.int(2)], [.null]])
    #expect(table.index(of: "a") == 0)
    #expect(Table.empty.rowCount == 0)
  }

  @Test func dataTypeUnify() {
    #expect(DataType.unify(.int, .float) == .float)
    #expect(DataType.unify(.null, .text) == .text)
    #expect(DataType.unify(.date, .timestamp) == .timestamp)
    #expect(DataType.unify(.bool, .int) == nil)
  }
}

@Suite struct CivilDateTests {
  @Test func roundTripsEveryDayOverCenturies() {
    // 1600-01-01 to 2400-12-31, crossing the 1700/1800/1900/2100 non-leap and 2000 leap years.
    let first = CivilDate.days(year: 1600, month: 1, day: 1) ?? 0
    let last = CivilDate.days(year: 2400, month: 12, day: 31) ?? 0
    var expected = (year: 1600, month: 1, day: 1)
    for day in first...last {
      let civil = CivilDate.civil(day)
      guard civil == expected else {
        Issue.record("day \(day): \(civil) != \(expected)")
        return
      }
      guard CivilDate.days(year: civil.year, month: civil.month, day: civil.day) == day else {
        Issue.record("day \(day) does not round-trip")
        return
      }
      if expected.day < CivilDate.daysInMonth(year: expected.year, month: expected.month) {
        expected.day += 1
      } else if expected.month < 12 {
        expected = (expected.year, expected.month + 1, 1)
      } else {
        expected = (expected.year + 1, 1, 1)
      }
    }
  }

  @Test func epochAndNegativeDays() {
    #expect(CivilDate.days(year: 1970, month: 1, day: 1) == 0)
    #expect(CivilDate.days(year: 1969, month: 12, day: 31) == -1)
    #expect(CivilDate.formatDate(-1) == "1969-12-31")
    #expect(CivilDate.formatDate(-719_162) == "0001-01-01")
    #expect(CivilDate.days(year: 1, month: 1, day: 1) == -719_162)
    #expect(CivilDate.parseDate("1900-03-01") == -25_508)
  }

  @Test func leapYears() {
    #expect(CivilDate.isLeap(2000))
    #expect(CivilDate.isLeap(2024))
    #expect(!CivilDate.isLeap(1900))
    #expect(!CivilDate.isLeap(2023))
    #expect(CivilDate.parseDate("2000-02-29") != nil)
    #expect(CivilDate.parseDate("2024-02-29") != nil)
    #expect(CivilDate.parseDate("1900-02-29") == nil)
    #expect(CivilDate.parseDate("2023-02-29") == nil)
    #expect(CivilDate.parseDate("2023-04-31") == nil)
    #expect(CivilDate.parseDate("2023-13-01") == nil)
    #expect(CivilDate.parseDate("2023-1-01") == nil)
  }

  @Test func weekday() {
    #expect(CivilDate.weekday(0) == 4)  // 1970-01-01 was a Thursday
    #expect(CivilDate.weekday(-1) == 3)
    #expect(CivilDate.weekday(CivilDate.parseDate("2024-09-02") ?? 0) == 1)
  }

  @Test func timestamps() {
    let micros = CivilDate.parseTimestamp("2024-02-29T23:59:58.5Z")
    #expect(micros.map(CivilDate.formatTimestamp) == "2024-02-29 23:59:58.5")
    #expect(CivilDate.parseTimestamp("1969-12-31 23:59:59") == -CivilDate.microsPerSecond)
    #expect(CivilDate.formatTimestamp(-1) == "1969-12-31 23:59:59.999999")
    #expect(CivilDate.split(-1) == (day: -1, micros: CivilDate.microsPerDay - 1))
    #expect(CivilDate.parseTimestamp("2024-01-01 24:00") == nil)
    #expect(CivilDate.parseTimestamp("2024-01-01 10:00") == CivilDate.parseTimestamp("2024-01-01T10:00:00"))
  }

  @Test func byteParserAgreesWithCivilDate() {
    // The CSV sniffer parses dates and timestamps from bytes; it must accept what CivilDate does.
    var generator = SeededGenerator(seed: 7)
    for _ in 0..<2_000 {
      let micros = Int64.random(in: -30_000_000_000_000_000...30_000_000_000_000_000, using: &generator)
      let text = CivilDate.formatTimestamp(micros)
      let table = try? readCSV("t\n\(text)\n")
      #expect(table?.values("t") == [.timestamp(micros)], "\(text)")
      #expect(CivilDate.parseTimestamp(text) == micros)
    }
  }
}
