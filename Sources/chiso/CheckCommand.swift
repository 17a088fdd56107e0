import ArgumentParser
import ChisoCore
import ChisoLocale
import ChisoReport
import Foundation

/// `chiso check FILE.prql…`: grades lesson files — runs each, prints every `check` verdict and
/// one score line per file; the exit status says whether every answer was right.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chiso check",
    abstract: "Grade exercise files: run each query, print each `check` verdict and a score line per file.",
    discussion: """
      An exercise's answers come from its solution file, solutions/NAME.prql beside it (the `let answer = (…)` there), or from the folder given with --key; a file without one uses its own `let answer`. Every query of a file runs, even after one fails.

      Exit status: 0 every answer right; 4 an answer is wrong (every query ran); 1 a query did not run (its answer counts as wrong); 2 a usage error (a file that cannot be read, or has no `check`).

      Examples:
        chiso check Queries/lessons/02_ranks_your_turn.prql
        chiso check --quiet --key teacher/solutions students/an/*_your_turn.prql
      """)

  @Argument(help: "The exercise files (.prql) to grade.")
  var files: [String] = []

  @Option(name: .long, help: ArgumentHelp("A folder of solution files to grade against (default: solutions/ beside each file).", valueName: "dir"))
  var key: String?

  @Option(name: .long, help: "A folder of *.csv/*.json tables (repeatable; default Datasets/).")
  var data: [String] = []

  @Option(name: .long, help: ArgumentHelp("Run the queries on this engine (docs/engines.md).", valueName: "engine"))
  var engine: String?

  @Option(name: .long, help: ArgumentHelp("Set a script parameter declared as `let name = default` (repeatable).", valueName: "name=value"))
  var param: [String] = []

  @Option(name: .long, help: ArgumentHelp("The language of verdicts and scores: en or vi.", valueName: "en|vi"))
  var lang: String?

  @Flag(name: .long, help: "Print only the score lines (and errors).")
  var quiet = false

  mutating func run() throws {
    guard !files.isEmpty else { throw ValidationError("chiso check needs a lesson file: chiso check FILE.prql") }
    let language: Language
    switch Language.choose(option: lang) {
    case .success(let l): language = l
    case .failure(let error): throw ValidationError(error.description)
    }
    if let key {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: key, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw ValidationError("--key \(key): no such folder")
      }
    }
    let directories = data.isEmpty ? [Chiso.defaultDataDirectory()] : data
    for directory in directories {
      var isDirectory: ObjCBool = false
      if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
        throw ValidationError("--data \(directory): no such folder")
      }
    }
    let session = Session(catalog: Catalog(directories: directories, cache: Chiso.columnCache()))
    try EngineSetup.attach(engine, to: session)
    let parameters = try Chiso.parameters(param)

    var status: Int32 = 0
    var grades: [Grade] = []
    func worsen(_ code: Int32) {
      // 2 (usage) outranks 1 (did not run), which outranks 4 (wrong).
      let rank: [Int32: Int] = [0: 0, ExitStatus.wrongAnswer: 1, 1: 2, 2: 3]
      if rank[code, default: 0] > rank[status, default: 0] { status = code }
    }
    for file in files {
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
        Self.error("error: cannot read \(file) (missing, or not UTF-8 text)")
        worsen(2)
        continue
      }
      let grade = Grader.grade(
        file: file, text: text, session: session, key: AnswerKey.find(for: file, folder: key), parameters: parameters,
        language: language, lookedFor: AnswerKey.solutionPath(for: file, folder: key))
      for failure in grade.failures { Self.error("\(file):\(failure.line):\n" + failure.text) }
      if grade.total == 0 && grade.failures.isEmpty {
        Self.error("error: " + L10n.text("grade.no-check", language, file))
        worsen(2)
        continue
      }
      if !quiet { for answer in grade.answers { Self.print(grade.line(answer, language)) } }
      Self.print(grade.summary(language))
      grades.append(grade)
      if !grade.failures.isEmpty { worsen(1) } else if !grade.allRight { worsen(ExitStatus.wrongAnswer) }
    }
    if grades.count > 1 {
      let total = grades.reduce(0) { $0 + $1.total }
      Self.print(L10n.count("grade.total", total, language, grades.count, grades.reduce(0) { $0 + $1.right }))
    }
    throw ExitCode(status)
  }

  static func print(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }

  static func error(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
  }
}
