import ChisoCore
import ChisoEngine
import ChisoPlan
import ChisoSQL
import ChisoSyntax
import Foundation
import Testing

/// The SQL written for each kind of plan node and each semantic gap, per dialect. The engines
/// themselves check the answers (EngineTests); these check that the gaps are closed in the text.
struct SQLGeneratorTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let session = Session(dataDirectories: [root.appendingPathComponent("Tests/ConformanceTests/prql/data/chinook").path])

  func sql(_ query: String, _ dialect: SQLDialect = .duckdb) throws -> String {
    let plan = try Self.session.optimizedPlan(SourceFile(name: "<test>", text: query))
    return try SQLGenerator(dialect: dialect).generate(plan).text
  }

  @Test func sortsPutNullsLastBothWays() throws {
    let text = try sql("from tracks | sort {-composer, name}")
    #expect(text.contains("\"composer\" DESC NULLS LAST"))
    #expect(text.contains("\"name\" ASC NULLS LAST"))
  }

  @Test func divisionIsFloatAndNullForZero() throws {
    for dialect in SQLDialect.allCases {
      let text = try sql("from tracks | derive {a = milliseconds / bytes, b = milliseconds // 1000}", dialect)
      #expect(text.contains("NULLIF("), "\(dialect): \(text)")
      #expect(text.contains("AS \(dialect.typeName(.float)))"), "\(dialect): / divides floats")
    }
    #expect(try sql("from tracks | derive b = milliseconds // bytes", .postgres).contains("/ NULLIF("))
    #expect(try sql("from tracks | derive b = milliseconds // bytes", .spark).contains(" div NULLIF("))
  }

  @Test func textOrderIsBytewiseOnPostgres() throws {
    let text = try sql("from tracks | filter name < \"B\" | sort name", .postgres)
    #expect(text.contains("COLLATE \"C\""))
  }

  @Test func takeRangeIsLimitOffsetAndPerGroupARowNumber() throws {
    let text = try sql("from tracks | sort track_id | take 3..5")
    #expect(text.contains("LIMIT 3 OFFSET 2"))
    let grouped = try sql("from tracks | group genre_id (sort milliseconds | take 2)")
    #expect(grouped.contains("ROW_NUMBER() OVER (PARTITION BY"))
    #expect(grouped.contains("<= 2"))
  }

  @Test func loopIsWithRecursive() throws {
    let text = try sql("from [{n = 1}] | loop (filter n < 4 | select n = n + 1)")
    #expect(text.hasPrefix("WITH RECURSIVE"))
    #expect(text.contains("UNION ALL"))
  }

  @Test func inlineRowsAreValues() throws {
    #expect(try sql("from [{a = 1, b = \"x\"}]").contains("(VALUES (1, 'x'))"))
    #expect(try sql("from [{a = 1, b = \"x\"}]", .spark).contains("FROM VALUES (1, 'x')"))
  }

  /// PRQL's EXCEPT ALL and INTERSECT ALL: each left row numbered among its copies, kept by the
  /// count of equal rows on the right (nulls equal), the left's order kept.
  @Test func removeAndIntersectMatchRowsOneForOneAndNulls() throws {
    let text = try sql("from tracks | select {genre_id} | remove (from genres | select {genre_id})")
    #expect(text.contains("ROW_NUMBER() OVER (PARTITION BY"))
    #expect(text.contains("\"_chiso_copy\" > (SELECT COUNT(*)"))
    #expect(text.contains("IS NOT DISTINCT FROM"))
    #expect(try sql("from tracks | select {genre_id} | intersect (from genres | select {genre_id})").contains("\"_chiso_copy\" <= (SELECT COUNT(*)"))
    #expect(try sql("from tracks | select {genre_id} | intersect (from genres | select {genre_id})", .spark).contains("<=>"))
  }

  @Test func roundingIsWrittenOutWhereTheEngineRoundsOtherwise() throws {
    #expect(try sql("from invoices | derive t = (total | math.round 2)").contains("LIST_TRANSFORM("))
    let pg = try sql("from invoices | derive t = (total | math.round 2)", .postgres)
    #expect(!pg.contains("ROUND("), "PostgreSQL rounds doubles to even: written out")
    #expect(pg.contains("TRUNC("))
  }

  @Test func literalsAreTypedAndQuotedPerDialect() {
    #expect(SQLDialect.duckdb.literal(.text("Đắk Lắk's")) == "'Đắk Lắk''s'")
    #expect(SQLDialect.spark.literal(.text("a'b\\c")) == "'a\\'b\\\\c'")
    #expect(SQLDialect.postgres.literal(.float(0.1)) == "CAST('0.1' AS DOUBLE PRECISION)")
    #expect(SQLDialect.postgres.literal(.int(5)) == "5::BIGINT")
    #expect(SQLDialect.spark.identifier("a`b") == "`a``b`")
  }

  @Test func indexVerbAnalysesAreMarkedLocal() throws {
    let plan = try Session(dataDirectories: [Self.root.appendingPathComponent("Datasets").path])
      .optimizedPlan(SourceFile(name: "<test>", text: "from pci | explain_rank 2015 2016"))
    let generator = SQLGenerator(dialect: .postgres)
    #expect(generator.unsupportedReason(plan) != nil)
    let script = SQLScript.render(plan, dialect: .postgres)
    #expect(script.contains("runs on chiso's engine"))
    #expect(script.contains("-- part 1"))
  }

  @Test func dateFormatsTranslateToToCharAndDateFormat() {
    let pg = DateFormatProbe.translate("%Y/%m/%d %H:%M", .postgres)
    #expect(pg == "TO_CHAR(d, 'YYYY\"/\"MM\"/\"DD\" \"HH24\":\"MI')")
    let spark = DateFormatProbe.translate("%-d %b", .spark)
    #expect(spark == "DATE_FORMAT(d, 'd\\' \\'MMM')")
  }
}

/// `date.to_text` through its template, on a column named `d`.
enum DateFormatProbe {
  static func translate(_ format: String, _ dialect: SQLDialect) -> String {
    guard case .sql(let write)? = SQLTemplates.scalar("date.to_text", dialect) else { return "" }
    let call = SQLCall(
      dialect: dialect, args: [SQLArgument(sql: "'fmt'", type: .text, constant: .text(format)), SQLArgument(sql: "d", type: .timestamp)],
      resultType: .text)
    return (try? write(call)) ?? ""
  }
}
