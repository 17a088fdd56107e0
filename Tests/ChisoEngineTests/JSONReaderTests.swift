import ChisoEngine
import Testing

@Suite struct JSONReaderTests {
  @Test func arrayOfObjects() throws {
    let table = try readJSON(
      """
      [
        {"id": 1, "name": "Hà Nội", "score": 1.5, "ok": true},
        {"id": 2, "name": "Huế", "score": 2, "extra": "late"},
        {"name": null, "id": 3, "ok": false}
      ]
      """)
    #expect(table.names == ["id", "name", "score", "ok", "extra"])
    #expect(table.rowCount == 3)
    #expect(table.type("id") == .int)
    #expect(table.values("id") == [.int(1), .int(2), .int(3)])
    #expect(table.values("name") == [.text("Hà Nội"), .text("Huế"), .null])
    #expect(table.type("score") == .float)
    #expect(table.values("score") == [.float(1.5), .float(2), .null])
    #expect(table.type("ok") == .bool)
    #expect(table.values("ok") == [.bool(true), .null, .bool(false)])
    #expect(table.values("extra") == [.null, .text("late"), .null])
  }

  @Test func nestedValuesBecomeCompactJSONText() throws {
    let table = try readJSON(#"[{"a": [1, 2, {"b" : "x y"}], "o": {}}, {"a": [], "o": {"k": [true, null]}}]"#)
    #expect(table.type("a") == .text)
    #expect(table.values("a") == [.text(#"[1,2,{"b":"x y"}]"#), .text("[]")])
    #expect(table.values("o") == [.text("{}"), .text(#"{"k":[true,null]}"#)])
  }

  @Test func mixedKindsBecomeTextAsWritten() throws {
    let table = try readJSON(#"[{"v": 1.50}, {"v": "x"}, {"v": true}, {"v": null}, {"v": 12345678901234567890}]"#)
    #expect(table.type("v") == .text)
    #expect(table.values("v") == [.text("1.50"), .text("x"), .text("true"), .null, .text("12345678901234567890")])
  }

  @Test func datesStayText() throws {
    let table = try readJSON(#"[{"d": "2024-01-01"}]"#)
    #expect(table.type("d") == .text)
  }

  @Test func bigIntegersAreFloat() throws {
    let table = try readJSON(#"[{"n": 1}, {"n": 9223372036854775808}, {"n": -1e2}]"#)
    #expect(table.type("n") == .float)
    #expect(table.values("n") == [.float(1), .float(9_223_372_036_854_775_808), .float(-100)])
  }

  @Test func repeatedKeyKeepsLastValue() throws {
    let table = try readJSON(#"[{"a": "x", "a": 2}]"#)
    #expect(table.values("a") == [.int(2)])
    #expect(table.type("a") == .int)
  }

  @Test func escapes() throws {
    let table = try readJSON(#"[{"s": "a\"b\\c\/d\n\t\u00e9\ud83d\ude00"}]"#)
    #expect(table.values("s") == [.text("a\"b\\c/d\n\t\u{e9}\u{1F600}")])
  }

  @Test func emptyArrayAndEmptyObjects() throws {
    let empty = try readJSON("[]")
    #expect(empty.rowCount == 0)
    #expect(empty.columnCount == 0)
    let blank = try readJSON("[{}, {}]")
    #expect(blank.rowCount == 2)
    #expect(blank.columnCount == 0)
  }

  @Test func allNullColumnIsText() throws {
    let table = try readJSON(#"[{"a": null}, {"a": null}]"#)
    #expect(table.type("a") == .text)
    #expect(table.columns[0].nullCount == 2)
  }

  @Test func columnsAndDataForm() throws {
    let table = try readJSON(
      """
      {"columns": ["a", "b", "a"], "data": [[1, "x", true], [2, null, false]]}
      """)
    #expect(table.names == ["a", "b", "a_1"])
    #expect(table.values("a") == [.int(1), .int(2)])
    #expect(table.values("b") == [.text("x"), .null])
    #expect(table.values("a_1") == [.bool(true), .bool(false)])
    // Data before columns, and no rows at all.
    let reversed = try readJSON(#"{"data": [[1]], "columns": ["n"]}"#)
    #expect(reversed.values("n") == [.int(1)])
    let noRows = try readJSON(#"{"columns": ["a", "b"], "data": []}"#)
    #expect(noRows.rowCount == 0)
    #expect(noRows.names == ["a", "b"])
    #expect(noRows.columns.count == 2)
  }

  @Test func byteOrderMarkIsSkipped() throws {
    let table = try JSONReader.read(bytes: [0xEF, 0xBB, 0xBF] + Array(#"[{"a":1}]"#.utf8), name: "t.json")
    #expect(table.values("a") == [.int(1)])
  }

  @Test func nfcAndNFDKeysStayDistinctValuesByteExact() throws {
    let nfc = "Vi\u{1EC7}t"
    let nfd = "Vie\u{0323}\u{0302}t"
    let table = try readJSON(#"[{"v": "\#(nfc)"}, {"v": "\#(nfd)"}]"#)
    let values = table.values("v").map { value -> [UInt8] in
      if case .text(let s) = value { return Array(s.utf8) }
      return []
    }
    #expect(values == [Array(nfc.utf8), Array(nfd.utf8)])
  }

  // MARK: Errors

  @Test func syntaxErrorHasLineAndColumn() throws {
    let error = try #require(jsonError("[\n  {\"a\": 1},\n  {\"a\": tru}\n]"))
    #expect(error.line == 3)
    #expect(error.column == 9)
    #expect(error.message.hasPrefix("unexpected 't'"))
  }

  @Test func missingCommaIsReportedWhereItWasExpected() throws {
    let error = try #require(jsonError("[{\"a\": 1 \"b\": 2}]"))
    #expect(error.line == 1)
    #expect(error.column == 10)
    #expect(error.message == "unexpected '\"', expected ',' or '}'")
  }

  @Test func unterminatedString() throws {
    let error = try #require(jsonError("[{\"a\": \"Hà\n"))
    #expect(error.line == 1)
    #expect(error.column == 8)
  }

  @Test func unterminatedStringAtEnd() throws {
    let error = try #require(jsonError("[{\"a\": \"abc"))
    #expect(error.message == "unterminated string")
    #expect(error.column == 8)
  }

  @Test func notATable() throws {
    #expect(jsonError("42")?.message == "expected a JSON array or object")
    #expect(jsonError("[1, 2]")?.message == "unexpected '1', expected an object (one per row)")
    #expect(jsonError(#"{"rows": []}"#)?.message.hasPrefix("unexpected key \"rows\"") == true)
    #expect(jsonError(#"{"data": []}"#)?.message == "missing \"columns\"")
    #expect(jsonError("")?.message == "empty file")
    #expect(jsonError("  \n ")?.message == "empty file")
    #expect(jsonError("[] x")?.message.hasPrefix("unexpected 'x'") == true)
    #expect(jsonError("[{\"a\": 1},]") != nil)  // no trailing commas
    #expect(jsonError("[{\"a\": 01}]") != nil)
    #expect(jsonError("[{\"a\": 1.}]") != nil)
    #expect(jsonError("[{\"a\": NaN}]") != nil)
  }

  @Test func rowWidthMismatch() throws {
    let error = try #require(jsonError("{\"columns\": [\"a\", \"b\"],\n \"data\": [[1, 2],\n  [3]]}"))
    #expect(error.message == "row has 1 value, the first row has 2")
    #expect(error.line == 3)
    #expect(error.column == 3)
    let named = try #require(jsonError(#"{"columns": ["a"], "data": [[1, 2]]}"#))
    #expect(named.message == "row has 2 values, \"columns\" has 1 name")
    let late = try #require(jsonError(#"{"data": [[1, 2]], "columns": ["a"]}"#))
    #expect(late.message == "\"columns\" has 1 name, but rows have 2 values")
  }

  @Test func badEscapesAndSurrogates() throws {
    #expect(jsonError(#"[{"a": "\x"}]"#)?.message.hasPrefix("invalid escape") == true)
    #expect(jsonError(#"[{"a": "\ud800"}]"#)?.message == "unpaired surrogate in \\u escape")
    #expect(jsonError(#"[{"a": "\udc00"}]"#)?.message == "unpaired surrogate in \\u escape")
    #expect(jsonError(#"[{"a": "\u12"}]"#) != nil)
    #expect(jsonError("[{\"a\": \"tab\there\"}]")?.message == "control character in a string")
  }

  @Test func invalidUTF8HasLocation() throws {
    let bytes = Array("[{\"a\": \"ok\"},\n {\"a\": \"Hà".utf8) + [0xE1, 0x80] + Array("\"}]".utf8)
    let error = try #require(jsonError(bytes))
    #expect(error.message == "invalid UTF-8")
    #expect(error.line == 2)
    #expect(error.column == 11)
  }

  @Test func deepNestingIsAnErrorNotACrash() throws {
    let deep = "[{\"a\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}]"
    let error = try #require(jsonError(deep))
    #expect(error.message == "nesting deeper than 512 levels")
    #expect(error.line == 1)
    #expect(error.column == 8 + 510)
    // Up to the limit is fine: 2 levels (array, object) + 510 nested.
    let fine = "[{\"a\": " + String(repeating: "[", count: 510) + String(repeating: "]", count: 510) + "}]"
    let table = try readJSON(fine)
    #expect(table.rowCount == 1)
    #expect(table.values("a") == [.text(String(repeating: "[", count: 510) + String(repeating: "]", count: 510))])
  }

  @Test func missingFile() throws {
    do {
      _ = try JSONReader.read(path: "/nonexistent/x.json")
      Issue.record("expected an error")
    } catch {
      #expect(error.message == "no such file")
    }
  }
}
