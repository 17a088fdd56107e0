import ChisoCore
import ChisoSyntax
import Foundation
import Testing

struct FunctionRegistryTests {
  @Test func namesAreUniqueAndDocumented() {
    var seen = Set<String>()
    for function in FunctionRegistry.scalars {
      #expect(!seen.contains(function.name), "duplicate \(function.name)")
      seen.insert(function.name)
      #expect(!function.summary.isEmpty, "\(function.name) has no summary")
      for alias in function.aliases { #expect(!seen.contains(alias)); seen.insert(alias) }
    }
  }

  /// Every user-facing example parses (the data-driven tests run them on real data).
  @Test func examplesParse() throws {
    for function in FunctionRegistry.scalars {
      _ = try Parser.parse(SourceFile(name: function.name, text: function.example))
    }
  }
}

/// The language reference lists every user-facing function, so docs and code stay in step.
struct LanguageDocTests {
  @Test func everyFunctionIsDocumented() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let doc = try String(contentsOf: root.appendingPathComponent("docs/language.md"), encoding: .utf8)
    for function in FunctionRegistry.scalars where !function.name.hasPrefix("std.") {
      #expect(doc.contains(function.name), "docs/language.md does not mention \(function.name)")
    }
    for name in FunctionRegistry.aggregates.keys where name != "mean" {
      #expect(doc.contains("`\(name)"), "docs/language.md does not mention \(name)")
    }
    for name in FunctionRegistry.windowOnly {
      #expect(doc.contains("`\(name)"), "docs/language.md does not mention \(name)")
    }
  }
}
