import ChisoCore
import ChisoPlan
import ChisoSyntax
import Foundation
import Testing

/// Every registry record — transforms, index verbs, scalar, aggregate and window functions — is
/// complete: a unique name, a summary, and an example that runs on the bundled data.
struct RegistryTests {
  @Test func functionNamesAreUniqueAndSummarised() {
    var seen = Set<String>()
    for function in FunctionRegistry.scalars {
      #expect(!seen.contains(function.name), "duplicate \(function.name)")
      seen.insert(function.name)
      #expect(!function.summary.isEmpty, "\(function.name) has no summary")
      for alias in function.aliases {
        #expect(!seen.contains(alias))
        seen.insert(alias)
      }
    }
    for function in FunctionRegistry.aggregateFunctions {
      #expect(!function.summary.isEmpty)
      for name in [function.name] + function.aliases { #expect(seen.insert(name).inserted, "duplicate \(name)") }
    }
  }

  static var functionExamples: [String] {
    FunctionRegistry.scalars.map(\.example) + FunctionRegistry.aggregateFunctions.map(\.example)
      + FunctionRegistry.windowFunctions.map(\.example)
  }

  /// Every function's example runs on the bundled data.
  @Test(arguments: functionExamples)
  func functionExampleRuns(_ example: String) throws {
    _ = try Fixtures.session.execute(SourceFile(name: "<example>", text: example))
  }

  @Test func transformNamesAreUniqueAndComplete() {
    var seen = Set<String>()
    for record in Session.standardRegistry.records {
      #expect(seen.insert(record.name).inserted, "duplicate \(record.name)")
      #expect(!record.summary.isEmpty, "\(record.name) has no summary")
      #expect(record.docAnchor.hasPrefix("docs/"), "\(record.name) has no doc anchor")
      var parameterNames = Set<String>()
      for parameter in record.parameters {
        #expect(parameterNames.insert(parameter.name).inserted, "\(record.name) declares \(parameter.name) twice")
        #expect(!parameter.summary.isEmpty, "\(record.name) \(parameter.name) has no summary")
      }
    }
  }

  /// Every transform's and verb's example runs on the bundled data.
  @Test(arguments: Session.standardRegistry.records.map { ($0.name, $0.example) })
  func transformExampleRuns(_ name: String, _ example: String) throws {
    #expect(example.contains(name), "the example of \(name) does not use it")
    _ = try Fixtures.session.execute(SourceFile(name: "<example of \(name)>", text: example))
  }

  /// Validation comes from the declarations: unknown and repeated named arguments, and values
  /// out of their declared range, are errors that name the argument.
  @Test(arguments: [
    ("from pci | take 3 | sort score wrong:1", DiagnosticID.unknownArgument, "`sort` has no argument `wrong`"),
    ("from pci | join side:left side:inner provinces (==gso_code)", .duplicateArgument, "`side:` is given twice"),
    ("from pci | filter year == 2016 | robustness draws:-1", .outOfRange, "`draws:` must be between 1 and 100000, got -1"),
    ("from pci | filter year == 2016 | robustness spread:2", .outOfRange, "`spread:` must be between 0 and 1, got 2"),
    ("from pci | join side:middle provinces (==gso_code)", .badArgument, "`side:` takes `inner`, `left`, `right` or `full`, not `middle`"),
    ("from pci | filter year == 2016 | rank_audit decimals:\"two\"", .badArgument, "`decimals:` takes a whole number"),
    ("from pci | filter", .missingArgument, "`filter` needs a condition: `filter score > 60`"),
    ("from pci | take 1 2", .extraArgument, "`take` takes 1 argument, got 2"),
  ])
  func argumentsAreValidatedFromDeclarations(_ query: String, _ id: DiagnosticID, _ message: String) throws {
    let error = try #require(Fixtures.error(query))
    #expect(error.id == id)
    #expect(error.message == message)
  }
}

/// The language reference lists every transform, verb and function, so docs and code stay in step.
struct LanguageDocTests {
  @Test func everyNameIsDocumented() throws {
    let doc = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("docs/language.md"), encoding: .utf8)
    for function in FunctionRegistry.scalars where !function.name.hasPrefix("std.") {
      #expect(doc.contains(function.name), "docs/language.md does not mention \(function.name)")
    }
    for function in FunctionRegistry.aggregateFunctions {
      #expect(doc.contains("`\(function.name)"), "docs/language.md does not mention \(function.name)")
    }
    for function in FunctionRegistry.windowFunctions {
      #expect(doc.contains("`\(function.name)"), "docs/language.md does not mention \(function.name)")
    }
    for record in Session.standardRegistry.records {
      #expect(doc.contains("`\(record.name)"), "docs/language.md does not mention \(record.name)")
      let anchor = record.docAnchor.components(separatedBy: "#").last ?? ""
      #expect(Self.anchors(doc).contains(anchor), "docs/language.md has no heading for #\(anchor) (\(record.name))")
    }
  }

  /// GitHub-style anchors of the document's headings.
  static func anchors(_ doc: String) -> Set<String> {
    var out = Set<String>()
    for line in doc.split(separator: "\n") where line.hasPrefix("#") {
      let title = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces).lowercased()
      let kept = title.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == " " || $0 == "-" || $0 == "_" }
      out.insert(String(String.UnicodeScalarView(kept)).replacingOccurrences(of: " ", with: "-"))
    }
    return out
  }
}
