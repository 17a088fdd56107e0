import ChisoEngine
import Testing

/// The one set of checked helpers every kernel uses for user values (issue 12): exact answers or
/// an error, never a trap, a wrapped number or a clamped date.
@Suite struct CheckedArithmeticTests {
  typealias C = CheckedArithmetic

  @Test func integerOperationsAreExactOrErrors() throws {
    #expect(try C.add(1, 2) == 3)
    #expect(throws: ExecutionError.self) { try C.add(.max, 1) }
    #expect(throws: ExecutionError.self) { try C.subtract(.min, 1) }
    #expect(throws: ExecutionError.self) { try C.multiply(.max / 2 + 1, 2) }
    #expect(try C.multiply(-1, .max) == -.max)
    #expect(try C.divide(-13, 5) == -2)
    #expect(try C.divide(1, 0) == nil)
    #expect(throws: ExecutionError.self) { try C.divide(.min, -1) }
    #expect(C.remainder(-13, 5) == -3)
    #expect(C.remainder(.min, -1) == 0)
    #expect(C.remainder(3, 0) == nil)
    #expect(throws: ExecutionError.self) { try C.negate(.min) }
    #expect(throws: ExecutionError.self) { try C.abs(.min) }
    #expect(try C.abs(-.max) == .max)
  }

  @Test func roundingDigitsOfAnyMagnitude() throws {
    #expect(try C.round(15, digits: -1) == 20)
    #expect(try C.round(-15, digits: -1) == -20)
    #expect(try C.round(14, digits: -1) == 10)
    #expect(try C.round(1_234, digits: 3) == 1_234)
    #expect(try C.round(.max, digits: -400) == 0)
    #expect(try C.round(.min, digits: .min) == 0)
    #expect(try C.round(4_000_000_000_000_000_000, digits: -19) == 0)
    #expect(throws: ExecutionError.self) { try C.round(6_000_000_000_000_000_000, digits: -19) }
    #expect(throws: ExecutionError.self) { try C.round(.max, digits: -1) }
    #expect(try C.round(-9_223_372_036_854_775_800, digits: -1) == -9_223_372_036_854_775_800)
  }

  @Test func floatToIntErrsOnBothSides() throws {
    #expect(try C.int(2.5) == 3)
    #expect(try C.int(-2.5) == -3)
    #expect(try C.int(-9_223_372_036_854_775_808.0) == .min)
    for bad in [1e300, -1e300, Double.nan, .infinity, -.infinity, 9_223_372_036_854_775_807.0] {
      #expect(throws: ExecutionError.self) { try C.int(bad) }
    }
  }

  @Test func positionsAreExactAtAnySize() {
    #expect(C.position(5, offset: .max, within: -1...10) == 10)
    #expect(C.position(5, offset: .min, within: -1...10) == -1)
    #expect(C.position(5, offset: -2, within: -1...10) == 3)
    #expect(C.rowRange(from: .min, through: 3) == (0, 3))
    #expect(C.rowRange(from: 3, through: nil).start == 2)
    #expect(C.rowRange(from: .max, through: .max).start == Int(Int64.max - 1))
    #expect(C.end(.max, count: .max) == .max)
  }

  @Test func datesShiftByEveryUnitWithinTheRange() throws {
    let jan31 = CivilDate.days(year: 2019, month: 1, day: 31)!
    func date(_ v: Value) -> String { v.description }
    #expect(date(try C.add(try C.interval(1, unit: "months"), toDate: jan31)) == "2019-02-28")
    #expect(date(try C.add(try C.interval(13, unit: "months"), toDate: jan31)) == "2020-02-29")
    #expect(date(try C.add(try C.interval(-1, unit: "years"), toDate: CivilDate.days(year: 2020, month: 2, day: 29)!)) == "2019-02-28")
    #expect(date(try C.add(try C.interval(2, unit: "weeks"), toDate: jan31)) == "2019-02-14")
    #expect(date(try C.add(try C.interval(36, unit: "hours"), toDate: jan31)) == "2019-02-01 12:00:00")
    let noon = Int64(jan31) * CivilDate.microsPerDay + 12 * 3_600_000_000
    #expect(CivilDate.formatTimestamp(try C.add(try C.interval(1, unit: "months"), toTimestamp: noon)) == "2019-02-28 12:00:00")
    #expect(CivilDate.formatTimestamp(try C.add(try C.interval(-1, unit: "microseconds"), toTimestamp: noon)) == "2019-01-31 11:59:59.999999")
    #expect(throws: ExecutionError.self) { try C.interval(.max, unit: "weeks") }
    #expect(throws: ExecutionError.self) { try C.addDays(0, .max) }
    #expect(throws: ExecutionError.self) { try C.addDays(0, 106_751_991) }
    #expect(throws: ExecutionError.self) { try C.addMonths(0, .max) }
    #expect(throws: ExecutionError.self) { try C.addMonths(0, .min) }
    #expect(throws: ExecutionError.self) { try C.add(try C.interval(.max, unit: "microseconds"), toTimestamp: 0) }
    #expect(C.daysBetween(CivilDate.microsPerDay * 3 / 2, 0) == 1.5)
    #expect(C.daysBetween(.max, .min) > 2e8)
  }

  @Test func floatOrderIsDuckDBs() {
    #expect(FloatOrder.compare(.nan, .nan) == 0)
    #expect(FloatOrder.compare(.nan, .infinity) == 1)
    #expect(FloatOrder.compare(-.infinity, .nan) == -1)
    #expect(FloatOrder.compare(-0.0, 0.0) == 0)
    #expect(FloatOrder.key(-0.0) == FloatOrder.key(0.0))
    #expect(FloatOrder.key(.nan) == FloatOrder.key(-Double.nan))
  }

  @Test func setOperationsMatchRowsOneForOne() {
    let left = [Column.from([.int(1), .int(1), .int(1), .int(2), .null, .int(.min)], type: .int)]
    let right = [Column.from([.int(1), .null, .int(3)], type: .int)]
    #expect(SetOperation.rows(left: left, right: right, leftCount: 6, rightCount: 3, anti: true) == [1, 2, 3, 5])
    #expect(SetOperation.rows(left: left, right: right, leftCount: 6, rightCount: 3, anti: false) == [0, 4])
  }

  @Test func memorySizesParseAndPrint() {
    #expect(ResourceLimits.parseBytes("4G") == 4 << 30)
    #expect(ResourceLimits.parseBytes("512M") == 512 << 20)
    #expect(ResourceLimits.parseBytes("2.5GB") == Int(2.5 * Double(1 << 30)))
    #expect(ResourceLimits.parseBytes("1000") == 1000)
    #expect(ResourceLimits.parseBytes("lots") == nil)
    #expect(ResourceLimits.parseBytes("-1G") == nil)
    #expect(ResourceLimits.formatBytes(Double(64 << 20)) == "64 MB")
    #expect(ResourceLimits.formatBytes(1.5 * Double(1 << 30)) == "1.5 GB")
    #expect(ResourceLimits.standard.maxMemory > 0)
  }
}
