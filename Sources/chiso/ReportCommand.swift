import ArgumentParser
import ChisoCore
import ChisoEngine
import ChisoLocale
import ChisoRender
import ChisoReport
import Foundation

/// `chiso report FILE.prql… -o report.html`: one self-contained HTML page from scripts.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chiso report",
    abstract: "Make one self-contained HTML page (a report, or a booklet from several scripts) from saved scripts.",
    discussion: """
      Each query of each script appears with its highlighted text, its warnings, the charts its
      `# --chart …` comments ask for and its result; then the sources: the tables read, their
      publisher, licence and coverage, and the methodology breaks the queries crossed. Comments
      are Markdown (`# ## Heading`, `# text`). "Your turn" exercises show as tasks without their
      solutions (add --solutions for a teacher's copy). The page needs no network to open.

      Examples:
        chiso report Queries/lessons/04_explaining_a_rank_change.prql -o /tmp/r.html
        chiso report Queries/lessons/*.prql -o booklet.html --lang vi
        chiso report Queries/lessons/01_reading_an_index.prql --param the_year=2010 --steps -o r.html
      """)

  @Argument(help: "The scripts (.prql), in order; several make a booklet.")
  var files: [String] = []

  @Option(name: .shortAndLong, help: ArgumentHelp("The HTML file to write (default: the first script's name with .html, in the current folder).", valueName: "file.html"))
  var output: String?

  @Option(name: .long, help: "A folder of *.csv/*.json tables (repeatable; default Datasets/).")
  var data: [String] = []

  @Option(name: .long, help: ArgumentHelp("Set a script parameter declared as `let name = default` (repeatable).", valueName: "name=value"))
  var param: [String] = []

  @Option(name: .long, help: ArgumentHelp("The report's language: en or vi (default: from LC_ALL / LC_MESSAGES / LANG, else en).", valueName: "en|vi"))
  var lang: String?

  @Flag(name: .long, help: "Show every query step by step, with what each step changed.")
  var steps = false

  @Flag(name: .long, help: "Write numbers with a decimal comma (59,95), as Vietnamese documents do; the CSV links keep the point.")
  var decimalComma = false

  @Flag(name: .long, help: "Show the exercises' solutions (a teacher's copy).")
  var solutions = false

  @Option(name: .long, help: "The page's title (default: the script's first heading).")
  var title: String?

  @Option(name: .long, help: "Rows of each result shown before the rest is folded away (default 20).")
  var rows: Int = 20

  mutating func run() throws {
    guard !files.isEmpty else { throw ValidationError("chiso report needs at least one script: chiso report FILE.prql -o report.html") }
    guard rows >= 1, rows <= 100_000 else { throw ValidationError("--rows takes a number from 1 to 100000") }
    let language: Language
    switch Language.choose(option: lang) {
    case .success(let l): language = l
    case .failure(let error): throw ValidationError(error.description)
    }
    let directories = data.isEmpty ? [Chiso.defaultDataDirectory()] : data
    for directory in directories {
      var isDirectory: ObjCBool = false
      if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
        throw ValidationError("--data \(directory): no such folder")
      }
    }
    let parameters = try Chiso.parameters(param)
    var inputs: [ReportInput] = []
    for file in files {
      // As for `chiso FILE`: a script may be a pipe, and is read no further than 64 MB.
      let text: String
      do {
        text = try TextFile.read(path: file, limit: Chiso.maxScriptBytes, allowPipes: true)
      } catch {
        StandardStreams.err("error: cannot read \(file): \(error.message)\n")
        throw ExitCode(ExitStatus.queryError)
      }
      inputs.append(ReportInput(name: file, text: text))
    }
    let target = output ?? (URL(fileURLWithPath: files[0]).deletingPathExtension().lastPathComponent + ".html")
    var options = ReportOptions(
      language: language, parameters: parameters, steps: steps, solutions: solutions, title: title, rows: rows,
      version: ChisoVersion.current, dataFolders: directories)
    options.decimalComma = decimalComma
    let report: Report
    do throws(ReportError) {
      report = try ReportBuilder.build(inputs, session: Session(dataDirectories: directories), options: options)
    } catch {
      StandardStreams.err("error: \(error.message)\n")
      throw ExitCode(1)
    }
    do throws(ChartError) {
      try ChartFile.write(report.html, to: target)
    } catch {
      StandardStreams.err("error: \(error.message)\n")
      throw ExitCode(1)
    }
    for failure in report.failures {
      StandardStreams.err("\(failure.location):\n\(failure.text)")
    }
    var message = L10n.count("repl.report.wrote", report.queries, language, target)
    if !report.failures.isEmpty { message += "; " + L10n.count("repl.report.problems", report.failures.count, language) }
    StandardStreams.err((message + "\n"))
    if !report.failures.isEmpty { throw ExitCode(1) }
  }
}
