import ChisoCore
import ChisoEngine
import ChisoSyntax
import Foundation
import Testing

/// Semantic fuzzing (docs/reliability.md): `SemanticQueryGenerator`'s well-typed pipelines of edge
/// values, run in-process and through the `chiso` binary. Every case must give a consistent table
/// or an error with a location (a span in the query, or a data file) — never a trap, never a hang
/// past the bound — and through the CLI exit 0 or 1, never a signal.
///
/// `CHISO_FUZZ_ITERATIONS` cases (default 2,000 in-process, a 20th of that through the CLI) from
/// `CHISO_FUZZ_SEED`; `CHISO_FUZZ_TRACE=FILE` keeps the case being run (after a crash: the
/// culprit). A long run: `CHISO_FUZZ_ITERATIONS=1000000 swift test --filter SemanticFuzz`.
@Suite struct SemanticFuzzTests {
  static var iterations: Int {
    ProcessInfo.processInfo.environment["CHISO_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 2_000
  }
  static var seed: UInt64 {
    ProcessInfo.processInfo.environment["CHISO_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_260
  }
  static let trace = ProcessInfo.processInfo.environment["CHISO_FUZZ_TRACE"]
  /// Longest a case may take (a debug build on a loaded machine).
  static let bound: Duration = .seconds(20)
  /// The fuzzer's memory limit: a result past it must stop with an error, not grow.
  static let limits = ResourceLimits(maxMemory: 256 << 20)

  /// Outcomes by kind (`ok`, or the error's code), printed after a run: a fuzzer whose cases
  /// all fail in the resolver tests nothing.
  final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private(set) var examples: [String: [String]] = [:]
    func add(_ key: String, _ text: String = "") {
      lock.lock()
      counts[key, default: 0] += 1
      if examples[key, default: []].count < 3 { examples[key, default: []].append(text) }
      lock.unlock()
    }
    var summary: String {
      lock.lock()
      defer { lock.unlock() }
      return counts.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
  }

  static let tally = Tally()

  /// What went wrong with one case, if anything.
  static func check(_ session: Session, _ text: String) -> String? {
    if let trace { try? text.write(toFile: trace, atomically: false, encoding: .utf8) }
    let source = SourceFile(name: "fuzz", text: text)
    let outcome = Cancellable.run(bound) { () -> String? in
      do throws(ChisoError) {
        let result = try session.execute(source)
        let table = result.table
        if !table.columns.allSatisfy({ $0.count == table.rowCount }) { return "ragged result" }
        if table.names.count != table.columns.count { return "names and columns differ" }
        for warning in result.warnings where warning.span == nil { return "warning without a location: \(warning.message)" }
        tally.add(table.rowCount > 0 ? "ok" : "ok, no rows", text)
        return nil
      } catch {
        switch error {
        case .query(let d): tally.add(d.code, d.message + "\n" + text)
        case .data(let e, _): tally.add("data", e.description + "\n" + text)
        }
        return located(error, text)
      }
    }
    guard let outcome else { return "no answer within \(bound)" }
    return outcome
  }

  /// nil when the error says where; otherwise what is missing.
  static func located(_ error: ChisoError, _ text: String) -> String? {
    switch error {
    case .query(let d):
      if d.message.isEmpty { return "empty message" }
      guard let span = d.span else { return "error without a location: \(d.code): \(d.message)" }
      if span.start < 0 || span.end > text.utf8.count + 1 || span.start > span.end { return "span \(span) outside the query" }
      if d.code == "internal" { return "internal error: \(d.message)" }
      return nil
    case .data(let e, _):
      return e.message.isEmpty || e.file.isEmpty ? "data error without a file or message" : nil
    }
  }

  /// `CHISO_FUZZ_DUMP=FILE`: writes the cases (NUL-separated) instead of running them, to run
  /// another build over them (docs/reliability.md: the fuzzer against the code before issue 12).
  @Test func dump() throws {
    guard let path = ProcessInfo.processInfo.environment["CHISO_FUZZ_DUMP"] else { return }
    var generator = SemanticQueryGenerator(seed: Self.seed)
    var text = ""
    for _ in 0..<Self.iterations { text += generator.query() + "\u{0}" }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  @Test func inProcess() {
    if ProcessInfo.processInfo.environment["CHISO_FUZZ_DUMP"] != nil { return }
    let session = Session(dataDirectories: [QueryFuzzTests.datasets])
    session.limits = Self.limits
    var generator = SemanticQueryGenerator(seed: Self.seed)
    var failures: [String] = []
    for i in 0..<Self.iterations {
      let text = generator.query()
      if let problem = Self.check(session, text) {
        failures.append("#\(i): \(problem)\n\(text)")
        if failures.count >= 10 { break }
      }
    }
    print("semantic fuzz: \(Self.iterations) cases from seed \(Self.seed): \(Self.tally.summary)")
    // `CHISO_FUZZ_SAMPLES=1`: a few cases of each outcome, to see what the generator makes.
    if ProcessInfo.processInfo.environment["CHISO_FUZZ_SAMPLES"] != nil {
      for (key, texts) in Self.tally.examples.sorted(by: { $0.key < $1.key }) {
        print("== \(key)\n" + texts.map { String($0.prefix(600)) }.joined(separator: "\n--\n"))
      }
    }
    #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) semantic fuzz failures (seed \(Self.seed)):\n" + failures.joined(separator: "\n\n")))
  }

  /// The same kind of cases through the binary: exit 0 or 1 (never a signal, never 2 for a query),
  /// and an error message that says where.
  @Test func throughTheCLI() throws {
    if ProcessInfo.processInfo.environment["CHISO_FUZZ_DUMP"] != nil { return }
    guard let binary = CLIBinary.path else {
      print("note: the chiso binary was not found beside the tests; the CLI semantic fuzz is skipped")
      return
    }
    var generator = SemanticQueryGenerator(seed: Self.seed &+ 1)
    var failures: [String] = []
    // The query goes in a script file: a 100,000-character text is too long for one argument.
    let script = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-fuzz-\(UUID().uuidString).prql")
    defer { try? FileManager.default.removeItem(at: script) }
    for i in 0..<max(20, Self.iterations / 20) {
      let text = generator.query()
      try text.write(to: script, atomically: false, encoding: .utf8)
      let run = try CLIBinary.run(binary, ["--max-memory", "256M", "--data", QueryFuzzTests.datasets, script.path], timeout: 30)
      var problem: String? = nil
      if run.signal != 0 {
        problem = "killed by signal \(run.signal)"
      } else if run.status != 0 && run.status != 1 {
        problem = "exit status \(run.status)"
      } else if run.status == 1 && !(run.stderr.contains(" --> ") || run.stderr.range(of: #"error: [^ ]+:( |\d)"#, options: .regularExpression) != nil) {
        problem = "error without a location: \(run.stderr.prefix(300))"
      }
      if let problem {
        failures.append("#\(i): \(problem)\n\(text)")
        if failures.count >= 5 { break }
      }
    }
    #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) CLI semantic fuzz failures:\n" + failures.joined(separator: "\n\n")))
  }
}

/// Runs work on a background thread and gives up on it after a bound (the abandoned run ends
/// in the background).
enum Cancellable {
  static func run<T: Sendable>(_ bound: Duration, _ work: @escaping @Sendable () -> T) -> T? {
    let box = Box<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      box.set(work())
      done.signal()
    }
    thread.stackSize = 16 << 20
    thread.start()
    let seconds = Double(bound.components.seconds) + Double(bound.components.attoseconds) / 1e18
    guard done.wait(timeout: .now() + seconds) == .success else { return nil }
    return box.get()
  }

  final class Box<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T?
    func set(_ v: T) { lock.lock(); value = v; lock.unlock() }
    func get() -> T? { lock.lock(); defer { lock.unlock() }; return value }
  }
}

/// The `chiso` executable beside the test bundle, and a way to run it with a timeout.
enum CLIBinary {
  static var path: String? {
    var candidates: [String] = []
    if let executable = Bundle.main.executablePath {
      var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
      for _ in 0..<3 {
        candidates.append(folder.appendingPathComponent("chiso").path)
        folder = folder.deletingLastPathComponent()
      }
    }
    let argument0 = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
    candidates.append(argument0.deletingLastPathComponent().appendingPathComponent("chiso").path)
    let root = URL(fileURLWithPath: QueryFuzzTests.datasets).deletingLastPathComponent()
    candidates.append(root.appendingPathComponent(".build/debug/chiso").path)
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  struct Outcome {
    var status: Int32
    var signal: Int32
    var stderr: String
  }

  /// Runs the binary; output to files (no pipes to drain), killed after `timeout` seconds.
  static func run(_ binary: String, _ arguments: [String], timeout: Double) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    let errors = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-fuzz-\(UUID().uuidString).err")
    FileManager.default.createFile(atPath: errors.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errors) }
    // The handles are closed after each run: tens of thousands of runs would exhaust the
    // process's descriptors otherwise ("Too many open files").
    let output = FileHandle(forWritingAtPath: "/dev/null")
    let errorFile = try FileHandle(forWritingTo: errors)
    let input = FileHandle(forReadingAtPath: "/dev/null")
    defer {
      try? output?.close()
      try? errorFile.close()
      try? input?.close()
    }
    process.standardOutput = output
    process.standardError = errorFile
    process.standardInput = input
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
      return Outcome(status: -1, signal: 0, stderr: "timed out after \(timeout)s")
    }
    let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
    let signalled = process.terminationReason == .uncaughtSignal
    return Outcome(status: signalled ? -1 : process.terminationStatus, signal: signalled ? process.terminationStatus : 0, stderr: text)
  }
}
