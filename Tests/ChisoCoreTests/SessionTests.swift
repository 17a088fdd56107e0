import ChisoCore
import ChisoEngine
import ChisoSyntax
import Testing

struct SessionTests {
  let session = Session(dataDirectories: [])

  func run(_ text: String) throws(ChisoError) -> Table { try session.run(SourceFile(name: "t", text: text)) }

  @Test func inlineRelationRoundTrip() throws {
    let t = try run("from [{a = 1, b = \"Lai Châu\"}, {a = 2, b = null}] | derive c = a * 10")
    #expect(t.names == ["a", "b", "c"])
    #expect(t.columns[2].value(at: 1) == .int(20))
    #expect(t.columns[1].value(at: 1) == .null)
  }

  @Test func ranksWithTiesSkip() throws {
    let t = try run("from [{s = 9}, {s = 7}, {s = 7}, {s = 5}] | sort {-s} | derive {r = rank s}")
    #expect((0..<4).map { t.columns[1].value(at: $0) } == [.int(1), .int(2), .int(2), .int(4)])
  }

  @Test func unknownTableIsALocatedError() {
    do {
      _ = try run("from nothing")
      Issue.record("expected an error")
    } catch {
      guard case .query(let d) = error else { Issue.record("wrong error"); return }
      #expect(d.code == "unknown-table")
      #expect(d.span.map { [$0.start, $0.end] } == [5, 12])
    }
  }

  @Test func typeErrorsComeBeforeExecution() throws {
    #expect(throws: ChisoError.self) { try session.plan(SourceFile(name: "t", text: "from [{a = 1}] | filter a + \"x\" > 1")) }
  }

  @Test func integerOverflowIsAnError() {
    #expect(throws: ChisoError.self) { try run("from [{a = 9223372036854775807}] | derive b = a + 1") }
  }

  @Test func loopThatNeverEndsIsStopped() {
    #expect(throws: ChisoError.self) { try run("from [{n = 1}] | loop (select n = n + 1)") }
  }
}
