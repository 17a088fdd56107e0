import ChisoEngine
import Testing

@Suite struct CSVReaderTests {
  // MARK: Format

  @Test func readsHeaderAndTypedColumns() throws {
    let table = try readCSV("id,name,price\n1,Phở,3.5\n2,Bún,4\n")
    #expect(table.names == ["id", "name", "price"])
    #expect(table.rowCount == 2)
    #expect(table.type("id") == .int)
    #expect(table.type("name") == .text)
    #expect(table.type("price") == .float)
    #expect(table.values("id") == [.int(1), .int(2)])
    #expect(table.values("name") == [.text("Phở"), .text("Bún")])
    #expect(table.values("price") == [.float(3.5), .float(4)])
  }

  @Test func quotedFieldsWithDelimitersAndEscapedQuotes() throws {
    let table = try readCSV("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"\"\"\",plain\n")
    #expect(table.values("a") == [.text("x, y"), .text("\"")])
    #expect(table.values("b") == [.text("say \"hi\""), .text("plain")])
  }

  @Test func embeddedNewlinesInsideQuotes() throws {
    let table = try readCSV("a,b\n\"line one\nline two\",1\n\"crlf\r\ninside\",2\n")
    #expect(table.rowCount == 2)
    #expect(table.values("a") == [.text("line one\nline two"), .text("crlf\r\ninside")])
    #expect(table.values("b") == [.int(1), .int(2)])
  }

  @Test func crlfLineEndings() throws {
    let table = try readCSV("a,b\r\n1,x\r\n2,y\r\n")
    #expect(table.names == ["a", "b"])
    #expect(table.values("a") == [.int(1), .int(2)])
    #expect(table.values("b") == [.text("x"), .text("y")])
  }

  @Test func bareCarriageReturnsEndLines() throws {
    let table = try readCSV("a,b\r1,x\r2,y")
    #expect(table.values("a") == [.int(1), .int(2)])
  }

  @Test func byteOrderMarkIsSkipped() throws {
    let table = try CSVReader.read(bytes: [0xEF, 0xBB, 0xBF] + Array("id,v\n1,2\n".utf8), name: "t.csv")
    #expect(table.names == ["id", "v"])
    #expect(table.values("id") == [.int(1)])
  }

  @Test func lastLineWithoutNewlineAndBlankTrailingLines() throws {
    #expect(try readCSV("a,b\n1,2").rowCount == 1)
    #expect(try readCSV("a,b\n1,2\n\n\r\n\n").rowCount == 1)
    #expect(try readCSV("a,b\n1,\n").values("b") == [.null])
  }

  @Test func blankLinesInsideDataAreSkippedWithSeveralColumns() throws {
    let table = try readCSV("a,b\n1,2\n\n3,4\n")
    #expect(table.values("a") == [.int(1), .int(3)])
  }

  @Test func blankLineIsANullRowWithOneColumn() throws {
    let table = try readCSV("a\n1\n\n3\n\n")
    #expect(table.values("a") == [.int(1), .null, .int(3)])
  }

  @Test func tabDelimiterAndNoHeader() throws {
    let table = try readCSV("1\tx y\n2\tz\n", options: CSVOptions(delimiter: UInt8(ascii: "\t"), header: false))
    #expect(table.names == ["column0", "column1"])
    #expect(table.values("column0") == [.int(1), .int(2)])
    #expect(table.values("column1") == [.text("x y"), .text("z")])
    #expect(CSVOptions.forPath("data/x.TSV").delimiter == UInt8(ascii: "\t"))
    #expect(CSVOptions.forPath("x.csv").delimiter == UInt8(ascii: ","))
  }

  @Test func fieldsAreNotTrimmed() throws {
    let table = try readCSV("a,b\n 1,x \n")
    #expect(table.values("a") == [.text(" 1")])
    #expect(table.values("b") == [.text("x ")])
  }

  @Test func headerOnlyGivesZeroRowsOfText() throws {
    let table = try readCSV("a,b,c\n")
    #expect(table.rowCount == 0)
    #expect(table.names == ["a", "b", "c"])
    #expect(table.columns.allSatisfy { $0.type == .text && $0.count == 0 })
  }

  @Test func duplicateAndEmptyHeaderNamesAreMadeUnique() throws {
    let table = try readCSV("a,a,,b,a,a_1,\n1,2,3,4,5,6,7\n")
    #expect(table.names == ["a", "a_2", "column2", "b", "a_3", "a_1", "column6"])
    #expect(table.values("a_1") == [.int(6)])
  }

  // MARK: Type inference

  @Test func infersEachType() throws {
    let text = """
      i,f,b,d,t,s,e
      1,1.5,true,2024-02-29,2024-02-29 10:30:00,x,1e3
      -7,2,FALSE,1999-12-31,2024-03-01T00:00:01.25,1,-2.5E-2
      +3,.5,True,2000-01-01,2024-03-01 23:59,2024-01-01,7

      """
    let table = try readCSV(text)
    #expect(table.type("i") == .int)
    #expect(table.values("i") == [.int(1), .int(-7), .int(3)])
    #expect(table.type("f") == .float)
    #expect(table.values("f") == [.float(1.5), .float(2), .float(0.5)])
    #expect(table.type("b") == .bool)
    #expect(table.values("b") == [.bool(true), .bool(false), .bool(true)])
    #expect(table.type("d") == .date)
    #expect(table.values("d").map(\.description) == ["2024-02-29", "1999-12-31", "2000-01-01"])
    #expect(table.type("t") == .timestamp)
    #expect(
      table.values("t").map(\.description) == [
        "2024-02-29 10:30:00", "2024-03-01 00:00:01.25", "2024-03-01 23:59:00",
      ])
    #expect(table.type("s") == .text)
    #expect(table.values("s") == [.text("x"), .text("1"), .text("2024-01-01")])
    #expect(table.type("e") == .float)
    #expect(table.values("e") == [.float(1000), .float(-0.025), .float(7)])
  }

  @Test func datesAndTimestampsMixToTimestamp() throws {
    let table = try readCSV("t\n2024-01-02\n2024-01-02 03:04:05\n")
    #expect(table.type("t") == .timestamp)
    #expect(table.values("t").map(\.description) == ["2024-01-02 00:00:00", "2024-01-02 03:04:05"])
  }

  @Test func nanosecondTimestampsAreCutToMicroseconds() throws {
    let table = try readCSV("t\n2009-01-01T00:00:00.000000000\n2009-01-02T01:02:03.123456789Z\n")
    #expect(table.type("t") == .timestamp)
    #expect(table.values("t").map(\.description) == ["2009-01-01 00:00:00", "2009-01-02 01:02:03.123456"])
  }

  @Test func invalidDatesAreText() throws {
    let table = try readCSV("d\n2023-02-29\n2024-01-01\n")
    #expect(table.type("d") == .text)
  }

  @Test func intWidensToFloatLate() throws {
    var text = "x\n"
    for value in 0..<20_000 { text += "\(value)\n" }
    text += "0.5\n"
    let table = try readCSV(text)
    #expect(table.type("x") == .float)
    #expect(table.rowCount == 20_001)
    #expect(table.values("x")[19_999] == .float(19_999))
    #expect(table.values("x")[20_000] == .float(0.5))
  }

  @Test func columnTurningTextLateKeepsEarlierTextExactly() throws {
    // The early rows were parsed as numbers; the text they get must be as written.
    var text = "x,y\n+5,1\n1.50,2\n"
    for value in 0..<20_000 { text += "\(value),\(value)\n" }
    text += "abc,3\n"
    let table = try readCSV(text)
    #expect(table.type("x") == .text)
    #expect(table.type("y") == .int)
    let x = table.values("x")
    #expect(x[0] == .text("+5"))
    #expect(x[1] == .text("1.50"))
    #expect(x[2] == .text("0"))
    #expect(x[20_001] == .text("19999"))
    #expect(x[20_002] == .text("abc"))
  }

  @Test func hugeIntegersAreFloat() throws {
    let table = try readCSV("n\n9223372036854775807\n-9223372036854775808\n")
    #expect(table.type("n") == .int)
    #expect(table.values("n") == [.int(Int64.max), .int(Int64.min)])
    let bigger = try readCSV("n\n9223372036854775808\n1\n")
    #expect(bigger.type("n") == .float)
    #expect(bigger.values("n") == [.float(9_223_372_036_854_775_808), .float(1)])
  }

  @Test func zeroPaddedIntegersKeepTheColumnText() throws {
    // GSO province codes: `01` is Hà Nội, not the number one.
    let table = try readCSV("code,name,n,m\n01,Hà Nội,0,5\n79,Hồ Chí Minh,-0,0.5\n10,Lào Cai,10,007\n")
    #expect(table.type("code") == .text)
    #expect(table.values("code") == [.text("01"), .text("79"), .text("10")])
    #expect(table.type("n") == .int)
    #expect(table.values("n") == [.int(0), .int(0), .int(10)])
    #expect(table.type("m") == .text)
    #expect(table.values("m") == [.text("5"), .text("0.5"), .text("007")])
    #expect(try readCSV("z\n0.25\n00.5\n").type("z") == .float)
  }

  @Test func quotedNumbersAreNumbers() throws {
    let table = try readCSV("a,b\n\"12\",\"true\"\n\"3\",\"false\"\n")
    #expect(table.type("a") == .int)
    #expect(table.values("a") == [.int(12), .int(3)])
    #expect(table.type("b") == .bool)
  }

  @Test func nulls() throws {
    let table = try readCSV("a,b,c,d\n1,,x,\n,2.5,,\n3,,\"\",\n")
    #expect(table.values("a") == [.int(1), .null, .int(3)])
    #expect(table.type("b") == .float)
    #expect(table.values("b") == [.null, .float(2.5), .null])
    // A quoted empty field is the empty string, not null.
    #expect(table.values("c") == [.text("x"), .null, .text("")])
    // A column with no values at all is text, all null.
    #expect(table.type("d") == .text)
    #expect(table.values("d") == [.null, .null, .null])
    #expect(table.columns[3].nullCount == 3)
    #expect(table.columns[0].validity?.nullCount == 1)
  }

  @Test func quotedEmptyMakesANumericColumnText() throws {
    let table = try readCSV("a\n1\n\"\"\n")
    #expect(table.type("a") == .text)
    #expect(table.values("a") == [.text("1"), .text("")])
  }

  @Test func floatsParseExactly() throws {
    var generator = SeededGenerator(seed: 42)
    var samples: [String] = [
      "0.1", "0.3", "1e22", "1e23", "123456789012345678901234", "2.2250738585072014e-308", "5e-324",
      "1.7976931348623157e308", "-0.0", "9007199254740993", "0.000001", "3.14159265358979323846",
    ]
    for _ in 0..<500 {
      let double = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)
      samples.append("\(double)")
      let mantissa = Int64.random(in: -99_999_999...99_999_999, using: &generator)
      samples.append("\(mantissa).\(Int.random(in: 0...999_999, using: &generator))")
    }
    let table = try readCSV("x\n" + samples.joined(separator: "\n"))
    #expect(table.type("x") == .float)
    for (sample, value) in zip(samples, table.values("x")) {
      #expect(value == .float(Double(sample) ?? .nan), "\(sample)")
    }
  }

  // MARK: Text

  @Test func vietnameseNFCAndNFDArePreservedByteForByte() throws {
    let nfc = "Vi\u{1EC7}t"  // ệ precomposed
    let nfd = "Vie\u{0323}\u{0302}t"  // e + dot below + circumflex
    #expect(Array(nfc.utf8) != Array(nfd.utf8))
    let table = try readCSV("name\n\(nfc)\n\(nfd)\n\(nfc)\n")
    let values = table.values("name")
    guard case .text(let first) = values[0], case .text(let second) = values[1] else {
      Issue.record("expected text")
      return
    }
    #expect(Array(first.utf8) == Array(nfc.utf8))
    #expect(Array(second.utf8) == Array(nfd.utf8))
    guard case .text(let buffer) = table.columns[0].storage else { return }
    #expect(buffer.dictionary.count == 2)
    #expect(buffer.codes[0] == buffer.codes[2])
    #expect(buffer.codes[0] != buffer.codes[1])
  }

  @Test func repeatedTextSharesDictionaryCodes() throws {
    let table = try readCSV("p\nHà Nội\nHuế\nHà Nội\nHuế\n")
    guard case .text(let buffer) = table.columns[0].storage else {
      Issue.record("expected text")
      return
    }
    #expect(buffer.dictionary == ["Hà Nội", "Huế"])
    #expect(buffer.codes == [0, 1, 0, 1])
  }

  // MARK: Errors

  @Test func raggedRowWithTooManyFields() throws {
    let error = try #require(csvError("a,b,c,d\n1,2,3,4\n1,2,3,4,5\n"))
    #expect(error.message == "row has 5 fields, header has 4")
    #expect(error.line == 3)
    #expect(error.column == 9)  // the fifth field
    #expect(error.description == "t.csv:3:9: row has 5 fields, header has 4")
  }

  @Test func raggedRowWithTooFewFields() throws {
    let error = try #require(csvError("a,b,c\r\n1,2,3\r\nHà,2\r\n"))
    #expect(error.message == "row has 2 fields, header has 3")
    #expect(error.line == 3)
    #expect(error.column == 5)  // after "Hà,2", counted in characters
  }

  @Test func raggedRowAfterQuotedNewlineReportsItsOwnLine() throws {
    let error = try #require(csvError("a,b\n\"x\ny\",1\n2\n"))
    #expect(error.line == 4)
    #expect(error.message == "row has 1 field, header has 2")
  }

  @Test func unterminatedQuoteReportsWhereItOpened() throws {
    let error = try #require(csvError("id,title\n1,ok\n2,\"never closed\n3,more\n"))
    #expect(error.message == "unterminated quoted field")
    #expect(error.line == 3)
    #expect(error.column == 3)
    #expect(error.hint != nil)
  }

  @Test func strayQuoteInUnquotedField() throws {
    let error = try #require(csvError("a,b\n1,ab\"c\n"))
    #expect(error.message == "stray quote in an unquoted field")
    #expect(error.line == 2)
    #expect(error.column == 5)
  }

  @Test func textAfterClosingQuote() throws {
    let error = try #require(csvError("a,b\n1,\"ab\"c\n"))
    #expect(error.line == 2)
    #expect(error.column == 7)
  }

  @Test func invalidUTF8ReportsTheFirstBadByte() throws {
    var bytes = Array("a,b\n1,ok\n2,Hà".utf8)
    bytes.append(0xFF)
    bytes += Array("x\n3,\u{1EC7}".utf8) + [0xC3]  // a second, truncated sequence
    let error = try #require(csvError(bytes))
    #expect(error.message == "invalid UTF-8")
    #expect(error.line == 3)
    #expect(error.column == 5)
  }

  @Test func invalidUTF8InAColumnThatWasNumericFirst() throws {
    var bytes = Array("a\n1\n2\nx".utf8)
    bytes += [0xED, 0xA0, 0x80]  // an encoded surrogate
    let error = try #require(csvError(bytes))
    #expect(error.message == "invalid UTF-8")
    #expect(error.line == 4)
    #expect(error.column == 2)
  }

  @Test func invalidUTF8InHeader() throws {
    let error = try #require(csvError([0x61, 0x2C, 0xC0, 0x80, 0x0A, 0x31, 0x2C, 0x32]))
    #expect(error.line == 1)
    #expect(error.column == 3)
  }

  @Test func emptyFileIsAnError() throws {
    for input in ["", "\n\n", "\r\n"] {
      let error = try #require(csvError(input))
      #expect(error.message == "empty file")
      #expect(error.line != nil && error.column != nil)
    }
    #expect(csvError([0xEF, 0xBB, 0xBF])?.message == "empty file")
  }

  @Test func invalidDelimiter() throws {
    #expect(csvError("a\n1\n", options: CSVOptions(delimiter: UInt8(ascii: "\"")))?.message.hasPrefix("invalid delimiter") == true)
  }

  // MARK: Files

  @Test func missingFile() throws {
    do {
      _ = try CSVReader.read(path: "/nonexistent/dir/media.csv")
      Issue.record("expected an error")
    } catch {
      #expect(error.message == "no such file")
      #expect(error.file == "/nonexistent/dir/media.csv")
      #expect(error.line == nil)
      #expect(error.description == "/nonexistent/dir/media.csv: no such file")
    }
    #expect(throws: DataError.self) { try CSVReader.readHeader(path: "/nonexistent.csv") }
  }

  @Test func readsFilesAndHeaders() throws {
    let path = temporaryPath("people.csv")
    let text = "\u{FEFF}\"full\nname\",age\r\n\"Trần, An\",30\r\nBình,\r\n"
    try writeFile(path, Array(text.utf8))
    defer { removeFile(path) }
    let table = try CSVReader.read(path: path)
    #expect(table.names == ["full\nname", "age"])
    #expect(table.rows == [[.text("Trần, An"), .int(30)], [.text("Bình"), .null]])
    #expect(try CSVReader.readHeader(path: path) == ["full\nname", "age"])
    #expect(try CSVReader.readHeader(path: path, options: CSVOptions(header: false)) == ["column0", "column1"])
  }

  @Test func emptyAndSpecialFiles() throws {
    let path = temporaryPath("empty.csv")
    try writeFile(path, [])
    defer { removeFile(path) }
    do {
      _ = try CSVReader.read(path: path)
      Issue.record("expected an error")
    } catch {
      #expect(error.message == "empty file")
      #expect(error.file == path)
    }
    #expect(throws: DataError.self) { try CSVReader.read(path: "/dev/null") }
  }

  @Test func veryWideTable() throws {
    let columns = 20_000
    let header = (0..<columns).map { "c\($0)" }.joined(separator: ",")
    let row = (0..<columns).map { "\($0)" }.joined(separator: ",")
    let table = try readCSV(header + "\n" + row + "\n" + row)
    #expect(table.columnCount == columns)
    #expect(table.rowCount == 2)
    #expect(table.values("c19999") == [.int(19_999), .int(19_999)])
  }

  @Test func directoryIsNotAFile() throws {
    #expect(throws: DataError.self) { try CSVReader.read(path: packageRoot) }
  }
}

/// The PRQL conformance data set (vendored with the conformance suite).
enum Chinook {
  static let directory = packageRoot + "/Tests/ConformanceTests/prql/data/chinook"
  static let files = [
    "albums", "artists", "customers", "employees", "genres", "invoice_items", "invoices", "media_types",
    "playlist_track", "playlists", "tracks",
  ]
  static var available: Bool {
    (try? CSVReader.readHeader(path: directory + "/invoices.csv")) != nil
  }
}

struct ChinookTests {
  @Test func dataIsPresent() { #expect(Chinook.available) }

  @Test(arguments: Chinook.files) func everyFileLoads(_ name: String) throws {
    let table = try CSVReader.read(path: Chinook.directory + "/\(name).csv")
    #expect(table.rowCount > 0)
    #expect(table.columns.allSatisfy { $0.count == table.rowCount })
    #expect(try CSVReader.readHeader(path: Chinook.directory + "/\(name).csv") == table.names)
  }

  @Test func invoices() throws {
    let table = try CSVReader.read(path: Chinook.directory + "/invoices.csv")
    #expect(table.rowCount == 412)
    #expect(table.type("invoice_id") == .int)
    #expect(table.type("invoice_date") == .timestamp)
    #expect(table.type("total") == .float)
    // Postal codes such as `0171` (Oslo) keep their zeros.
    #expect(table.type("billing_postal_code") == .text)
    #expect(table.values("billing_postal_code")[1] == .text("0171"))
    #expect(table.values("invoice_date")[0].description == "2009-01-01 00:00:00")
    #expect(table.values("billing_state")[0] == .null)
  }

  @Test func tracks() throws {
    let table = try CSVReader.read(path: Chinook.directory + "/tracks.csv")
    #expect(table.rowCount == 3503)
    #expect(table.type("unit_price") == .float)
    #expect(table.type("milliseconds") == .int)
    #expect(table.values("composer")[0] == .text("Angus Young, Malcolm Young, Brian Johnson"))
  }

  @Test func mediaTypesJSON() throws {
    let table = try JSONReader.read(path: Chinook.directory + "/media_types.json")
    let csv = try CSVReader.read(path: Chinook.directory + "/media_types.csv")
    #expect(table.names == ["media_type_id", "name"])
    #expect(table.rows == csv.rows)
  }
}
