import ChisoEngine

@testable import ChisoRender

/// Builds a table from named columns of boxed values.
func makeTable(_ columns: [(String, DataType, [Value])]) -> Table {
  Table(
    names: columns.map(\.0),
    columns: columns.map { Column.from($0.2, type: $0.1) })
}

/// Exact comparison: Swift's `==` on strings ignores NFC/NFD differences, this does not.
func sameBytes(_ a: String, _ b: String) -> Bool { Array(a.utf8) == Array(b.utf8) }

/// Display width of every line of `text` (without the trailing empty line).
func lineWidths(_ text: String) -> [Int] {
  text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
    DisplayWidth.of(String($0))
  }
}
