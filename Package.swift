// swift-tools-version: 6.0
import PackageDescription

// Layers, lowest first (docs/architecture.md): ChisoSyntax (text → AST with spans) and ChisoEngine
// (typed columns, kernels, readers) know nothing of each other; ChisoPlan resolves an AST into a
// LogicalPlan against schemas alone (it cannot reach the executor, and a test keeps it from the
// readers); ChisoIndex registers the index verbs; ChisoCore holds the catalog, the optimizer and
// the executor; ChisoRender turns tables and diagnostics into text. `chiso` is a thin shell.
let package = Package(
  name: "chiso",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "chiso", targets: ["chiso"]),
    .library(name: "ChisoCore", targets: ["ChisoCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // The .xlsx reader's archive layer (zip + inflate); the XML is read with FoundationXML.
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
  ],
  targets: [
    // Core library
    .target(name: "ChisoSyntax"),
    .target(name: "ChisoEngine", dependencies: ["CDeepStack", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    // Switching a thread onto a large stack for a query's recursion (makecontext is variadic C).
    .systemLibrary(name: "CDeepStack"),
    .target(name: "ChisoPlan", dependencies: ["ChisoSyntax", "ChisoEngine"]),
    .target(name: "ChisoIndex", dependencies: ["ChisoPlan", "ChisoSyntax", "ChisoEngine"]),
    .target(name: "ChisoCore", dependencies: ["ChisoPlan", "ChisoIndex", "ChisoSyntax", "ChisoEngine"]),
    .target(name: "ChisoRender", dependencies: ["ChisoSyntax", "ChisoEngine", "ChisoLocale"]),
    // The interface's texts in English and Vietnamese (no dependencies: every layer may speak).
    .target(name: "ChisoLocale"),
    // Self-contained HTML reports and booklets from scripts.
    .target(
      name: "ChisoReport", dependencies: ["ChisoCore", "ChisoPlan", "ChisoRender", "ChisoSyntax", "ChisoEngine", "ChisoLocale"]),
    // SQL generation from the LogicalPlan (DuckDB, PostgreSQL, Spark); writes text, runs nothing.
    .target(name: "ChisoSQL", dependencies: ["ChisoPlan", "ChisoEngine", "ChisoSyntax"]),
    // PostgreSQL's client library (Debian's libpq-dev), for `--engine postgresql://…`: its header
    // at build time; the library itself is loaded on first use (CLibPQ/shim.h).
    .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),
    // The engines that run plans as SQL: DuckDB's shell, PostgreSQL through libpq, Spark through PySpark.
    .target(name: "ChisoBackends", dependencies: ["ChisoCore", "ChisoSQL", "ChisoPlan", "ChisoEngine", "ChisoSyntax", "CLibPQ"]),
    // Line editing: the only global mutable state (readline's) lives here.
    .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"]), .brew(["readline"])]),
    .target(name: "LineEditor", dependencies: ["CReadline"]),
    // The REPL's logic (completion, completeness, dot commands), testable without a terminal.
    .target(
      name: "ChisoREPL",
      dependencies: [
        "ChisoCore", "ChisoPlan", "ChisoRender", "ChisoSyntax", "ChisoEngine", "ChisoLocale", "ChisoReport", "ChisoSQL",
        "ChisoBackends",
      ]),
    // Tool
    .executableTarget(
      name: "chiso",
      dependencies: [
        "ChisoCore", "ChisoPlan", "ChisoRender", "ChisoREPL", "ChisoReport", "ChisoLocale", "LineEditor", "ChisoSQL",
        "ChisoBackends",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Tests
    .testTarget(name: "ChisoSyntaxTests", dependencies: ["ChisoSyntax", "ChisoEngine"]),
    .testTarget(
      name: "ChisoEngineTests",
      dependencies: ["ChisoEngine", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
      exclude: ["Fixtures"]),
    .testTarget(name: "ChisoRenderTests", dependencies: ["ChisoRender", "ChisoEngine", "ChisoSyntax", "ChisoLocale"]),
    .testTarget(name: "ChisoLocaleTests", dependencies: ["ChisoLocale", "ChisoCore", "ChisoPlan", "ChisoRender", "ChisoSyntax"]),
    .testTarget(
      name: "ChisoReportTests",
      dependencies: ["ChisoReport", "ChisoCore", "ChisoPlan", "ChisoRender", "ChisoSyntax", "ChisoEngine", "ChisoLocale"]),
    // Renders reports in headless Chromium (skipped, with a note, where no browser can be had).
    .testTarget(name: "ReportBrowserTests", dependencies: ["chiso"]),
    .testTarget(name: "ChisoSQLTests", dependencies: ["ChisoSQL", "ChisoCore", "ChisoPlan", "ChisoEngine", "ChisoSyntax"]),
    // The conformance suite and the case files through the real engines (DuckDB from the
    // project's virtualenv; PostgreSQL and Spark when .ci/run starts them).
    .testTarget(name: "EngineTests", dependencies: ["ChisoBackends", "ChisoREPL", "ChisoSQL", "ChisoCore", "ChisoPlan", "ChisoEngine", "ChisoSyntax"]),
    .testTarget(
      name: "ChisoCoreTests", dependencies: ["ChisoCore", "ChisoPlan", "ChisoIndex", "ChisoRender", "ChisoSyntax", "ChisoEngine"]),
    .testTarget(name: "ChisoPlanTests", dependencies: ["ChisoPlan", "ChisoCore", "ChisoSyntax", "ChisoEngine"]),
    .testTarget(
      name: "QueryTests", dependencies: ["ChisoCore", "ChisoPlan", "ChisoRender", "ChisoReport", "ChisoSyntax", "ChisoEngine"],
      exclude: ["Cases"]),
    .testTarget(name: "CLITests", dependencies: ["chiso"]),
    .testTarget(name: "DatasetTests", dependencies: ["ChisoCore", "ChisoEngine", "ChisoSyntax"]),
    .testTarget(name: "ChisoREPLTests", dependencies: ["ChisoREPL", "ChisoCore", "ChisoPlan", "ChisoSyntax", "ChisoLocale"]),
    .testTarget(
      name: "ConformanceTests", dependencies: ["ChisoCore", "ChisoRender", "ChisoEngine"], exclude: ["prql"]),
  ]
)
